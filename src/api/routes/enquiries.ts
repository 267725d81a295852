import type { Client } from '@temporalio/client';
import type { PrismaClient } from '../../db/prisma.js';
import { getEnquiry } from '../../operations/enquiries/get-enquiry.js';
import { submitEnquiry, submitEnquiryInput } from '../../operations/enquiries/submit-enquiry.js';
import type { Route } from '../route-table.js';
import { enquiryReferenceParams, enquiryResponse, submittedEnquiryResponse } from './enquiries.schema.js';

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
      docs: {
        summary: 'Send an enquiry for a group',
        description: 'Starts the enquiry’s workflow. The enquiry can be read at Location once it is recorded, usually within a second.',
        tags: ['Enquiries'],
        body: submitEnquiryInput,
        responses: {
          202: { description: 'Accepted', body: submittedEnquiryResponse, headers: { Location: 'Where the enquiry can be read once recorded' } },
        },
        problems: [503],
      },
    },
    {
      method: 'get',
      path: '/api/enquiries/:reference',
      action: 'enquiry.read',
      handler: async (req, res) => {
        const { reference } = enquiryReferenceParams.parse(req.params);
        res.json(await getEnquiry({ prisma, actor: req.actor, reference }));
      },
      docs: {
        summary: 'Read an enquiry',
        tags: ['Enquiries'],
        params: enquiryReferenceParams,
        responses: { 200: { description: 'The enquiry', body: enquiryResponse } },
      },
    },
  ];
}
