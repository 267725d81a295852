import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { RequestHandler } from 'express';
import { runWithRequestId } from '../primitives/request-context.js';

const acceptable = /^[A-Za-z0-9._:-]{8,128}$/;

/** Honour a caller's X-Request-Id when it is sane (a gateway's), otherwise make one. */
export function requestIdOf(req: IncomingMessage): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && acceptable.test(given) ? given : randomUUID();
}

/** Makes the request id current for everything the request does, including Temporal calls. */
export const carryRequestId: RequestHandler = (req, res, next) => {
  const requestId = String(req.id);
  res.setHeader('X-Request-Id', requestId);
  runWithRequestId(requestId, next);
};
