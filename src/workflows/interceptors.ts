import type { WorkflowInterceptorsFactory } from '@temporalio/workflow';
import { readRequestId, withRequestId } from '../temporal/request-id-header.js';

/**
 * Carries the request id of the command being handled into workflow logs and onto every activity the
 * workflow schedules. The id that started the workflow is the default; each update or signal makes its
 * own id current while its handler starts.
 */
export const interceptors: WorkflowInterceptorsFactory = () => {
  let requestId: string | undefined;
  const remember = (headers: Parameters<typeof readRequestId>[0]) => {
    requestId = readRequestId(headers) ?? requestId;
  };
  return {
    inbound: [
      {
        execute: (input, next) => {
          remember(input.headers);
          return next(input);
        },
        handleUpdate: (input, next) => {
          remember(input.headers);
          return next(input);
        },
        handleSignal: (input, next) => {
          remember(input.headers);
          return next(input);
        },
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
