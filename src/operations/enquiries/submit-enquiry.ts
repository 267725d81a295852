import type { Client } from '@temporalio/client';
import { z } from 'zod';
import { nextCaseReference } from '../../db/next-case-reference.js';
import type { PrismaClient } from '../../db/prisma.js';
import { ENQUIRY_WORKFLOW, type EnquiryReceived } from '../../workflows/enquiry.messages.js';

export const submitEnquiryInput = z.object({
  organisationName: z.string().trim().min(1).max(200),
  contactEmail: z.email().max(320),
  message: z.string().trim().min(1).max(5000),
  language: z.enum(['cy', 'en']).default('en'),
});

export type SubmitEnquiryInput = z.infer<typeof submitEnquiryInput>;

export interface SubmitEnquiryOptions {
  prisma: PrismaClient;
  temporal: Client;
  taskQueue: string;
  input: SubmitEnquiryInput;
  now: Date;
}

export interface SubmittedEnquiry {
  reference: string;
  status: 'submitted';
}

/** Gives the enquiry its reference and starts its workflow; the read model shows it once recorded. */
export async function submitEnquiry({ prisma, temporal, taskQueue, input, now }: SubmitEnquiryOptions): Promise<SubmittedEnquiry> {
  const reference = await nextCaseReference(prisma, 'ENQ', now.getUTCFullYear());
  const enquiry: EnquiryReceived = { reference, ...input, receivedAt: now.toISOString() };
  await temporal.workflow.start(ENQUIRY_WORKFLOW, { workflowId: reference, taskQueue, args: [enquiry] });
  return { reference, status: 'submitted' };
}
