import type { Context as ActivityContext } from '@temporalio/activity';
import type { WorkflowClientInterceptor } from '@temporalio/client';
import type { ActivityInterceptors } from '@temporalio/worker';
import { currentRequestId, runWithRequestId } from '../primitives/request-context.js';
import { readRequestId, withRequestId } from '../domain/request-id-header.js';

/** Adds the current request id to every workflow start, update and signal the API sends. */
export const requestIdClientInterceptor: WorkflowClientInterceptor = {
  start: (input, next) => next({ ...input, headers: withRequestId(input.headers, currentRequestId()) }),
  startWithDetails: (input, next) => next({ ...input, headers: withRequestId(input.headers, currentRequestId()) }),
  startUpdate: (input, next) => next({ ...input, headers: withRequestId(input.headers, currentRequestId()) }),
  startUpdateWithStart: (input, next) =>
    next({
      ...input,
      workflowStartHeaders: withRequestId(input.workflowStartHeaders, currentRequestId()),
      updateHeaders: withRequestId(input.updateHeaders, currentRequestId()),
    }),
  signal: (input, next) => next({ ...input, headers: withRequestId(input.headers, currentRequestId()) }),
  signalWithStart: (input, next) => next({ ...input, headers: withRequestId(input.headers, currentRequestId()) }),
};

/**
 * Makes the request id that scheduled an activity (set by src/workflows/interceptors.ts) current while it
 * runs, so its logs and anything it records (audit rows) name it.
 */
export function requestIdActivityInterceptors(_context: ActivityContext): ActivityInterceptors {
  let requestId: string | undefined;
  return {
    inbound: {
      execute: (input, next) => {
        requestId = readRequestId(input.headers);
        return requestId ? runWithRequestId(requestId, () => next(input)) : next(input);
      },
    },
    outbound: {
      getLogAttributes: (input, next) => next(requestId ? { ...input, requestId } : input),
    },
  };
}
