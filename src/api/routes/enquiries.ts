import type { Client } from '@temporalio/client';
import type { PrismaClient } from '../../db/prisma.js';
import { getEnquiry } from '../../operations/enquiries/get-enquiry.js';
import { submitEnquiry, submitEnquiryInput } from '../../operations/enquiries/submit-enquiry.js';
import type { Route } from '../route-table.js';

export interface EnquiryRouteDependencies {
  prisma: PrismaClient;
  temporal: Client;
  taskQueue: string;
}

export function enquiryRoutes({ prisma, temporal, taskQueue }: EnquiryRouteDependencies): Route[] {
  return [
    {
      // 202: the enquiry is accepted and its workflow started; it appears at Location once recorded.
      method: 'post',
      path: '/api/enquiries',
      action: 'enquiry.submit',
      handler: async (req, res) => {
        const input = submitEnquiryInput.parse(req.body);
        const submitted = await submitEnquiry({ prisma, temporal, taskQueue, actor: req.actor, input, now: new Date() });
        res.status(202).location(`/api/enquiries/${submitted.reference}`).json(submitted);
      },
    },
    {
      method: 'get',
      path: '/api/enquiries/:reference',
      action: 'enquiry.read',
      handler: async (req, res) => {
        res.json(await getEnquiry({ prisma, actor: req.actor, reference: String(req.params.reference) }));
      },
    },
  ];
}
