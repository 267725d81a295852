import { Router } from 'express';
import type { Client } from '@temporalio/client';
import type { PrismaClient } from '../../db/prisma.js';
import { getEnquiry } from '../../operations/enquiries/get-enquiry.js';
import { submitEnquiry, submitEnquiryInput } from '../../operations/enquiries/submit-enquiry.js';

export interface EnquiryRouteDependencies {
  prisma: PrismaClient;
  temporal: Client;
  taskQueue: string;
}

export function enquiryRoutes({ prisma, temporal, taskQueue }: EnquiryRouteDependencies): Router {
  const router = Router();

  // 202: the enquiry is accepted and its workflow started; it appears at Location once recorded.
  router.post('/enquiries', async (req, res) => {
    const input = submitEnquiryInput.parse(req.body);
    const submitted = await submitEnquiry({ prisma, temporal, taskQueue, input, now: new Date() });
    res.status(202).location(`/api/enquiries/${submitted.reference}`).json(submitted);
  });

  router.get('/enquiries/:reference', async (req, res) => {
    res.json(await getEnquiry({ prisma, reference: req.params.reference }));
  });

  return router;
}
