import type { Client } from '@temporalio/client';
import type { Prisma } from '../../../generated/prisma/client.js';
import type { Logger } from '../../log.js';
import { NOTICE_DELIVERY_WORKFLOW } from '../../workflows/notice-delivery.messages.js';

// Mail that belongs to no case (a confirmation link, a password reset, an invitation, a change of bank
// details) goes as a case's does: queued in the outbox in the transaction of the change it is about, then
// sent by a workflow, which retries until the mail service takes it. The API holds no mailer.

/** One message to one address, in the recipient's language. */
export interface Notice {
  /** Unique and derived from what the message is about, so a retried change cannot queue it twice. */
  id: string;
  /** The audit stream it belongs to (person:<id>, organisation:<id>). */
  reference: string;
  personId: string | null;
  email: string;
  language: string;
  subject: string;
  body: string;
}

/** Queues the notice with the change; true when it was queued now, false when it already was. */
export async function queueNotice(tx: Prisma.TransactionClient, notice: Notice): Promise<boolean> {
  // Sequence 0: these are not events of a case. The id alone says which message it is.
  const { count } = await tx.notification.createMany({ data: [{ ...notice, sequence: 0 }], skipDuplicates: true });
  return count === 1;
}

/**
 * What became of sending: 'started' (or already running), or 'not_started' when Temporal could not be
 * reached; the notices then wait in the outbox, unsent, and the change they are about stands.
 */
export type NoticeDelivery = 'started' | 'not_started';

/** Starts sending the notices of `reference` whose ids begin with `idPrefix`, once per `workflowId`. */
export async function deliverNotices(
  { temporal, taskQueue, logger }: { temporal: Client; taskQueue: string; logger?: Pick<Logger, 'error'> | undefined },
  delivery: { workflowId: string; reference: string; idPrefix: string },
): Promise<NoticeDelivery> {
  try {
    await temporal.workflow.start(NOTICE_DELIVERY_WORKFLOW, {
      workflowId: delivery.workflowId,
      taskQueue,
      args: [{ reference: delivery.reference, idPrefix: delivery.idPrefix }],
    });
    return 'started';
  } catch (error) {
    if (error instanceof Error && error.name === 'WorkflowExecutionAlreadyStartedError') return 'started';
    logger?.error({ err: error, ...delivery }, 'Could not start sending notices; they wait in the outbox');
    return 'not_started';
  }
}
