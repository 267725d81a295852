import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  isGrpcServiceError,
  ServiceError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
  type Client,
} from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { AppError } from '../domain/app-error.js';
import type { Bilingual } from '../domain/bilingual.js';
import { currentCommandId } from '../temporal/request-context.js';
import { EVENT_NOT_RECORDED, REFUSED_CONFLICT, REFUSED_FORBIDDEN } from '../workflows/cfp-application.messages.js';

// How a command reaches a case's workflow from the API. Only the workflow's own refusals become 403 or 409:
// anything else Temporal answers (an Update it rejected because no worker took it in time, a server that
// is restarting, no answer before the deadline) leaves the command's fate to a retry, which may be ours
// (within the deadline) or the client's (503 with Retry-After). A retry sends the same Update id, so
// Temporal runs the command at most once and answers a retry with the first run's outcome.

/** How long a command may take, all retries included, before the API answers 503. */
export const defaultCommandTimeoutMs = 5000;

const closedApplication: Bilingual = { cy: 'Mae’r cais hwn wedi cau', en: 'This application is closed' };

const unavailable: Bilingual = {
  cy: 'Ni chafodd y gorchymyn ei gadarnhau mewn pryd; anfonwch ef eto gyda’r un Idempotency-Key i gael gwybod beth ddigwyddodd',
  en: 'The command was not confirmed in time; send it again with the same Idempotency-Key to learn what happened',
};

const notRecorded: Bilingual = {
  cy: 'Derbyniwyd y newid ond ni ellid ei gofnodi’n llawn; mae’r staff wedi cael gwybod',
  en: 'The change was received but could not be recorded in full; staff have been told',
};

/** Failure types of the Update outcome the workflow itself chose: the command was decided, for good. */
const refusals = new Set([REFUSED_CONFLICT, REFUSED_FORBIDDEN]);

/** Update outcomes the server gives when the workflow ended before or while it handled the command. */
const closedOutcomes = new Set(['AcceptedUpdateCompletedWorkflow']);

function isBilingual(value: unknown): value is Bilingual {
  return typeof value === 'object' && value !== null && typeof (value as Bilingual).cy === 'string' && typeof (value as Bilingual).en === 'string';
}

/** The coded error for an answer that decides the command, or undefined when a retry might decide it. */
function decided(error: unknown, closed: Bilingual): AppError | undefined {
  if (error instanceof WorkflowNotFoundError) return new AppError('conflict', closed);
  if (!(error instanceof WorkflowUpdateFailedError) || !(error.cause instanceof ApplicationFailure)) return undefined;
  const { type, details, message } = error.cause;
  if (type && refusals.has(type)) {
    const reason = details?.[0];
    return new AppError(type === REFUSED_FORBIDDEN ? 'forbidden' : 'conflict', isBilingual(reason) ? reason : { cy: 'Ni ellir gwneud hyn nawr', en: message });
  }
  if (type === EVENT_NOT_RECORDED) return new AppError('not_recorded', notRecorded);
  if (type && closedOutcomes.has(type)) return new AppError('conflict', closed);
  return undefined;
}

/** Temporal's own answers worth trying again at once: its rejections, timeouts and unavailability. */
function isPassing(error: unknown): boolean {
  return error instanceof WorkflowUpdateFailedError || error instanceof WorkflowUpdateRPCTimeoutOrCancelledError || error instanceof ServiceError || isGrpcServiceError(error);
}

export interface SendCommandOptions {
  /** What to say when the case's workflow has ended. */
  closed?: Bilingual;
  timeoutMs?: number;
}

/**
 * Sends one command (an Update, or an Update with the case's start) as `send` makes it, with an Update id
 * that is the same for every retry of the same request (from its Idempotency-Key) and a deadline. Retries
 * Temporal's passing failures within the deadline; after it, 503 with Retry-After.
 */
export async function sendCommand<T>(temporal: Client, send: (delivery: { updateId: string }) => Promise<T>, options: SendCommandOptions = {}): Promise<T> {
  const { closed = closedApplication, timeoutMs = defaultCommandTimeoutMs } = options;
  const updateId = currentCommandId() ?? randomUUID();
  const deadline = Date.now() + timeoutMs;
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await temporal.connection.withDeadline(deadline, () => send({ updateId }));
    } catch (error) {
      const answer = decided(error, closed);
      if (answer) throw answer;
      if (!isPassing(error)) throw error;
      const pause = Math.min(100 * 2 ** (attempt - 1), 1000);
      if (Date.now() + pause >= deadline) throw new AppError('unavailable', unavailable);
      await sleep(pause);
    }
  }
}
