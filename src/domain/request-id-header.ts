import { defaultPayloadConverter, type Headers } from '@temporalio/common';

// The request id travels in Temporal headers rather than in every command's arguments, so workflow and
// activity signatures stay about the domain. Pure and deterministic: shared by the client, the worker and
// the workflow sandbox.
export const REQUEST_ID_HEADER = 'cymuned-request-id';

export function withRequestId(headers: Headers, requestId: string | undefined): Headers {
  if (!requestId) return headers;
  return { ...headers, [REQUEST_ID_HEADER]: defaultPayloadConverter.toPayload(requestId) };
}

export function readRequestId(headers: Headers): string | undefined {
  const payload = headers[REQUEST_ID_HEADER];
  if (!payload) return undefined;
  const value: unknown = defaultPayloadConverter.fromPayload(payload);
  return typeof value === 'string' ? value : undefined;
}
