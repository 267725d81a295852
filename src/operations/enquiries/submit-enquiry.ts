import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import { z } from 'zod';
import type { Actor } from '../../access/actor.js';
import { organisationActedFor } from '../organisation-acted-for.js';
import { enforce } from '../../access/policy.js';
import { caseReferenceForCommand } from '../../db/command-reference.js';
import { currentCommandId } from '../../primitives/request-context.js';
import type { PrismaClient } from '../../db/prisma.js';
import { oneLineText, plainText } from '../../domain/text.js';
import { ENQUIRY_WORKFLOW, type EnquiryReceived } from '../../workflows/enquiry.messages.js';

export const submitEnquiryInput = z.object({
  /** The group the enquiry is from; may be left out by someone who acts for one group only. */
  organisationId: z.uuid().optional(),
  organisationName: oneLineText(200),
  contactEmail: z.email().max(320),
  message: plainText(5000),
  language: z.enum(['cy', 'en']).default('en'),
});

export type SubmitEnquiryInput = z.infer<typeof submitEnquiryInput>;

export interface SubmitEnquiryOptions {
  prisma: PrismaClient;
  temporal: Client;
  taskQueue: string;
  actor: Actor | undefined;
  input: SubmitEnquiryInput;
  now: Date;
}

export interface SubmittedEnquiry {
  reference: string;
  status: 'submitted';
}

/** Gives the enquiry its reference and starts its workflow; the read model shows it once recorded. */
export async function submitEnquiry({ prisma, temporal, taskQueue, actor, input, now }: SubmitEnquiryOptions): Promise<SubmittedEnquiry> {
  const { organisationId: named, ...details } = input;
  const organisationId = organisationActedFor(actor, named);
  const actingAs = enforce(actor, 'enquiry.submit', { organisationId });
  if (!actor || !actingAs || !organisationId) throw new Error('enquiry.submit is allowed only to a member acting for a group');

  const commandId = currentCommandId();
  const reference = await caseReferenceForCommand(prisma, commandId, 'ENQ', now.getUTCFullYear());
  const enquiry: EnquiryReceived = {
    reference,
    ...details,
    organisationId,
    submittedBy: { personId: actor.personId, role: actingAs.role },
    receivedAt: now.toISOString(),
  };
  try {
    await temporal.workflow.start(ENQUIRY_WORKFLOW, { workflowId: reference, taskQueue, args: [enquiry] });
  } catch (error) {
    // Started by an earlier try of this same request (its reference was kept): the answer is the same.
    if (!(error instanceof WorkflowExecutionAlreadyStartedError && commandId)) throw error;
  }
  return { reference, status: 'submitted' };
}
