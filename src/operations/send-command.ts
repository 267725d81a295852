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
import { ApplicationFailure, defaultFailureConverter, defaultPayloadConverter, WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import { AppError } from '../domain/app-error.js';
import type { Bilingual } from '../domain/bilingual.js';
import { currentCommandId } from '../primitives/request-context.js';
import { untilRecorded, type RecordedEvents } from './until-recorded.js';
import { REFUSED_CONFLICT, REFUSED_FORBIDDEN } from '../workflows/case/case.messages.js';

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

/** Failure types of the Update outcome the workflow itself chose: the command was decided, for good. */
const refusals = new Set([REFUSED_CONFLICT, REFUSED_FORBIDDEN]);

/** Update outcomes the server gives when the workflow ended before or while it handled the command. */
const closedOutcomes = new Set(['AcceptedUpdateCompletedWorkflow']);

function isBilingual(value: unknown): value is Bilingual {
  return typeof value === 'object' && value !== null && typeof (value as Bilingual).cy === 'string' && typeof (value as Bilingual).en === 'string';
}

/**
 * Temporal's answer when the case's workflow has ended: the command cannot be run now. (A start refused
 * as a duplicate is a retried start whose case has ended already: its reference was kept for the command.)
 */
function isEnded(error: unknown): boolean {
  if (error instanceof WorkflowNotFoundError || error instanceof WorkflowExecutionAlreadyStartedError) return true;
  return error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure && closedOutcomes.has(error.cause.type ?? '');
}

/** The coded error for an answer that decides the command, or undefined when a retry might decide it. */
function decided(error: unknown, closed: Bilingual): AppError | undefined {
  if (isEnded(error)) return new AppError('conflict', closed);
  if (!(error instanceof WorkflowUpdateFailedError) || !(error.cause instanceof ApplicationFailure)) return undefined;
  const { type, details, message } = error.cause;
  if (type && refusals.has(type)) {
    const reason = details?.[0];
    return new AppError(type === REFUSED_FORBIDDEN ? 'forbidden' : 'conflict', isBilingual(reason) ? reason : { cy: 'Ni ellir gwneud hyn nawr', en: message });
  }
  return undefined;
}

/** Temporal's own answers worth trying again at once: its rejections, timeouts and unavailability. */
function isPassing(error: unknown): boolean {
  return (
    error instanceof WorkflowUpdateFailedError ||
    error instanceof WorkflowUpdateRPCTimeoutOrCancelledError ||
    error instanceof ServiceError ||
    isGrpcServiceError(error)
  );
}

export interface SendCommandOptions {
  /** The case's workflow: where to look for the outcome of a retried command when the case has ended since. */
  workflowId?: string;
  /** What to say when the case's workflow has ended. */
  closed?: Bilingual;
  /** When to give up (epoch ms); by default `defaultCommandTimeoutMs` from now. */
  deadline?: number;
}

/**
 * The outcome an earlier try of this command had, read from the history of a workflow that has ended
 * since (Temporal answers an Update to an ended workflow with "not found", even one it ran). Undefined
 * when the history holds no such command: it was never run.
 */
async function earlierOutcome(temporal: Client, workflowId: string, updateId: string): Promise<{ value: unknown } | { error: Error } | undefined> {
  const history = await temporal.workflow.getHandle(workflowId).fetchHistory();
  for (const event of history.events ?? []) {
    const completed = event.workflowExecutionUpdateCompletedEventAttributes;
    if (completed?.meta?.updateId !== updateId) continue;
    const { success, failure } = completed.outcome ?? {};
    if (failure)
      return { error: new WorkflowUpdateFailedError('Workflow Update failed', defaultFailureConverter.failureToError(failure, defaultPayloadConverter)) };
    const payload = success?.payloads?.[0];
    return { value: payload ? defaultPayloadConverter.fromPayload(payload) : undefined };
  }
  return undefined;
}

/**
 * Sends one command (an Update, or an Update with the case's start) as `send` makes it, with an Update id
 * that is the same for every retry of the same request (from its Idempotency-Key) and a deadline. Retries
 * Temporal's passing failures within the deadline; after it, 503 with Retry-After.
 */
export async function sendCommand<T>(temporal: Client, send: (delivery: { updateId: string }) => Promise<T>, options: SendCommandOptions = {}): Promise<T> {
  const { closed = closedApplication, deadline = Date.now() + defaultCommandTimeoutMs, workflowId } = options;
  const commandId = currentCommandId();
  const updateId = commandId ?? randomUUID();
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await temporal.connection.withDeadline(deadline, () => send({ updateId }));
    } catch (error) {
      // A retry (the same command id) to a case that has ended since: the first try may have been run.
      if (isEnded(error) && commandId && workflowId) {
        const earlier = await temporal.connection.withDeadline(deadline, () => earlierOutcome(temporal, workflowId, updateId)).catch(() => undefined);
        if (earlier && 'value' in earlier) return earlier.value as T;
        if (earlier) throw decided(earlier.error, closed) ?? earlier.error;
      }
      const answer = decided(error, closed);
      if (answer) throw answer;
      if (!isPassing(error)) throw error;
      const pause = Math.min(100 * 2 ** (attempt - 1), 1000);
      if (Date.now() + pause >= deadline) throw new AppError('unavailable', unavailable);
      await sleep(pause);
    }
  }
}

/** What a command answers that wrote case events: its case, the event it wrote, the last one it recorded. */
interface CaseCommandResult {
  reference: string;
  sequence: number;
  recordedUpTo?: number;
}

/** Whether an answer names the events its command recorded; a claim's names none, so nothing is waited for. */
function namesRecordedEvents(answer: object): answer is CaseCommandResult & { recordedUpTo: number } {
  return 'recordedUpTo' in answer && typeof answer.recordedUpTo === 'number';
}

/**
 * Sends a command to a case (as sendCommand does) and, when its answer names the events it recorded,
 * answers once the database shows them (src/operations/until-recorded.ts), all within one deadline.
 */
export async function sendCaseCommand<T extends object>(
  recorded: RecordedEvents,
  temporal: Client,
  send: (delivery: { updateId: string }) => Promise<T>,
  options: SendCommandOptions = {},
): Promise<Omit<T, 'recordedUpTo'>> {
  const deadline = options.deadline ?? Date.now() + defaultCommandTimeoutMs;
  const answer = await sendCommand(temporal, send, { ...options, deadline });
  if (!namesRecordedEvents(answer)) return answer;
  const { recordedUpTo, ...result } = answer;
  await untilRecorded(recorded, { reference: result.reference, from: result.sequence, upTo: recordedUpTo }, deadline);
  return result;
}
