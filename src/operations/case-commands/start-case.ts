import { WithStartWorkflowOperation, type Client } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import type { Bilingual } from '../../domain/bilingual.js';
import { currentCommandId } from '../../primitives/request-context.js';
import { sendCaseCommand } from '../send-command.js';
import type { RecordedEvents } from '../until-recorded.js';

export interface StartCaseOptions<S, R extends object, A extends unknown[]> {
  recorded: RecordedEvents;
  temporal: Client;
  taskQueue: string;
  /** The workflow type and the case it starts with, named by its reference (the workflow id). */
  workflowType: string;
  reference: string;
  start: S;
  /** The case's first command, sent with the start so the request answers with what it recorded. */
  update: UpdateDefinition<R, A>;
  args: A;
  closed?: Bilingual;
}

/**
 * Opens a case: starts its workflow and sends its first command in one update-with-start, answering once
 * the command's events are in the read model, as every later command does (src/operations/send-command.ts).
 */
export function startCase<S, R extends object, A extends unknown[]>({
  recorded,
  temporal,
  taskQueue,
  workflowType,
  reference,
  start,
  update,
  args,
  closed,
}: StartCaseOptions<S, R, A>): Promise<Omit<R, 'recordedUpTo'>> {
  const startWorkflowOperation = new WithStartWorkflowOperation(workflowType, {
    workflowId: reference,
    taskQueue,
    args: [start],
    // A retry of the same request (a kept reference) finds the case its first try opened…
    workflowIdConflictPolicy: currentCommandId() ? 'USE_EXISTING' : 'FAIL',
    // …and, should that case have ended already, never a second run of it.
    workflowIdReusePolicy: 'REJECT_DUPLICATE',
  });
  return sendCaseCommand(recorded, temporal, ({ updateId }) => temporal.workflow.executeUpdateWithStart(update, { updateId, args, startWorkflowOperation }), {
    workflowId: reference,
    ...(closed ? { closed } : {}),
  });
}
