import type { WorkflowInterceptorsFactory } from '@temporalio/workflow';
import { readRequestId, withRequestId } from '../domain/request-id-header.js';

/** The request whose update, signal or start is running its handler right now (each workflow has its own module state). */
let handling: string | undefined;

/**
 * The request id of the command whose handler is running, for the events it records; undefined outside a
 * handler's first step (a timer firing), where no request caused what happens.
 */
export function commandRequestId(): string | undefined {
  return handling;
}

/** Runs a handler's synchronous first step with `requestId` as the command's, and forgets it after. */
function whileHandling<T>(requestId: string | undefined, run: () => T): T {
  handling = requestId;
  try {
    return run();
  } finally {
    handling = undefined;
  }
}

/**
 * Carries the request id of the command being handled into workflow logs and onto every activity the
 * workflow schedules. The id that started the workflow is the default; each update or signal makes its
 * own id current while its handler starts.
 */
export const interceptors: WorkflowInterceptorsFactory = () => {
  let requestId: string | undefined;
  const remember = (headers: Parameters<typeof readRequestId>[0]) => {
    requestId = readRequestId(headers) ?? requestId;
    return readRequestId(headers);
  };
  return {
    inbound: [
      {
        execute: (input, next) => whileHandling(remember(input.headers), () => next(input)),
        handleUpdate: (input, next) => whileHandling(remember(input.headers), () => next(input)),
        handleSignal: (input, next) => whileHandling(remember(input.headers), () => next(input)),
      },
    ],
    outbound: [
      {
        scheduleActivity: (input, next) => next({ ...input, headers: withRequestId(input.headers, requestId) }),
        scheduleLocalActivity: (input, next) => next({ ...input, headers: withRequestId(input.headers, requestId) }),
        getLogAttributes: (input, next) => next(requestId ? { ...input, requestId } : input),
      },
    ],
  };
};
