import { AsyncLocalStorage } from 'node:async_hooks';
import type { Context as ActivityContext } from '@temporalio/activity';
import type { WorkflowClientInterceptor } from '@temporalio/client';
import type { ActivityInterceptors } from '@temporalio/worker';
import { readRequestId, withRequestId } from './request-id-header.js';

interface RequestContext {
  requestId: string;
  /** Set when the client sent an Idempotency-Key: the same for every retry of the same request. */
  commandId?: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

/** Runs `fn` with `requestId` as the current request: Temporal calls made inside carry it. */
export function runWithRequestId<T>(requestId: string, fn: () => T): T {
  return storage.run({ requestId }, fn);
}

export function currentRequestId(): string | undefined {
  return storage.getStore()?.requestId;
}

/**
 * Names what the current request asks for, the same way each time the client retries it (the API derives
 * it from the Idempotency-Key): Update ids and reserved case references are taken from it, so a retry of a
 * command whose answer was lost finds what the first try did instead of doing it again.
 */
export function setCommandId(commandId: string): void {
  const store = storage.getStore();
  if (store) store.commandId = commandId;
}

export function currentCommandId(): string | undefined {
  return storage.getStore()?.commandId;
}

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
