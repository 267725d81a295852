import type { RequestHandler, Router } from 'express';
import type { Action } from '../access/policy.js';
import { enforce, rules } from '../access/policy.js';

export type Method = 'get' | 'post' | 'patch' | 'delete';

/** One HTTP route: where it is, which policy action guards it, and what it does. */
export interface Route {
  method: Method;
  path: string;
  action: Action;
  handler: RequestHandler;
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
