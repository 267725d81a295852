import type { RequestHandler, Router } from 'express';
import type { z } from 'zod';
import type { Action } from '../access/policy.js';
import { enforce, rules } from '../access/policy.js';

export type Method = 'get' | 'post' | 'patch' | 'delete';

/**
 * What the OpenAPI document (/openapi.json) says about a route. The same zod schemas the handler parses
 * with, so the document cannot drift from what the API accepts. Error responses (problem+json) are added
 * for every route by the document generator.
 */
export interface RouteDocs {
  summary: string;
  description?: string;
  tags: string[];
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  /** Success responses by status; `body` absent for none. `contentType` defaults to application/json. */
  responses: Partial<Record<number, { description: string; body?: z.ZodType; contentType?: string }>>;
}

/** One HTTP route: where it is, which policy action guards it, what it does and how it is documented. */
export interface Route {
  method: Method;
  path: string;
  action: Action;
  handler: RequestHandler;
  docs?: RouteDocs;
}

/**
 * Checks what can be checked before the handler runs: that the person is signed in and, for actions that
 * depend only on their roles, that a role allows it. Actions about one case or one organisation are
 * checked again by the operation with what it loads from the database (see src/access/policy.ts).
 */
function gate(action: Action): RequestHandler {
  const rule = rules[action];
  return (req, _res, next) => {
    if (rule.kind === 'public') return next();
    if (rule.kind === 'self' || rule.kind === 'staff') enforce(req.actor, action);
    else if (!req.actor) enforce(undefined, action);
    next();
  };
}

/** Registers routes only through here, so each carries its policy; test/access-matrix.test.ts checks it. */
export function registerRoutes(router: Router, routes: readonly Route[]): void {
  for (const route of routes) router[route.method](route.path, gate(route.action), route.handler);
}
