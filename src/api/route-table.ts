import type { RequestHandler, Router } from 'express';
import type { z } from 'zod';
import type { Action } from '../access/policy.js';
import { enforce, rules } from '../access/policy.js';
import { refuseUncheckedUpload } from './authenticate.js';
import type { PageUpload } from './page-uploads.js';

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

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
  /**
   * Success responses by status; `body` absent for none. `contentType` defaults to application/json.
   * `headers` names response headers worth knowing (Location), each with its description.
   */
  responses: Partial<Record<number, { description: string; body?: z.ZodType; contentType?: string; headers?: Record<string, string> }>>;
  /** Problem statuses this operation answers beyond those the generator adds for every route like it (429, 503). */
  problems?: number[];
}

/** One HTTP route: where it is, which policy action guards it, what it does and how it is documented. */
export interface Route {
  method: Method;
  path: string;
  action: Action;
  handler: RequestHandler;
  docs?: RouteDocs;
  /**
   * What a POST does with an Idempotency-Key (src/api/idempotency.ts): 'replay' (the default) stores the
   * answer and replays it to a retry; 'none' ignores the key, for answers that carry credentials, which
   * must never be stored.
   */
  idempotency?: 'replay' | 'none';
  /** A web page rather than an API answer: its errors are shown as pages (src/web/error-pages.ts). */
  page?: true;
  /** A page's form that carries a file (multipart/form-data), read by this route alone (src/api/page-uploads.ts). */
  upload?: PageUpload;
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

/** Marks a page's request before anything (the access gate) can refuse it, so a refusal is shown as a page. */
const markPage: RequestHandler = (_req, res, next) => {
  res.locals.page = true;
  next();
};

/** Whether this request is for a route registered as a page. */
export function isPageRoute(res: { locals: Record<string, unknown> }): boolean {
  return res.locals.page === true;
}

/** Whether a route's POSTs go through the Idempotency-Key middleware. */
export function replaysIdempotently(route: Pick<Route, 'method' | 'idempotency'>): boolean {
  return route.method === 'post' && (route.idempotency ?? 'replay') === 'replay';
}

/**
 * Registers routes only through here, so each carries its policy; test/api/access-matrix.test.ts checks it.
 * `idempotency` (src/api/idempotency.ts) runs after the gate, so a refused request never takes a key;
 * `pageForms` checks a page's form posted before signing in (src/api/authenticate.ts, preSessionFormCheck);
 * `uploads` reads an upload route's form and checks its CSRF token (checkUploadCsrf), which no other route
 * may leave unchecked.
 */
export function registerRoutes(
  router: Router,
  routes: readonly Route[],
  {
    idempotency,
    pageForms,
    uploads = () => [],
  }: { idempotency?: RequestHandler; pageForms?: RequestHandler; uploads?: (upload: PageUpload) => RequestHandler[] } = {},
): void {
  for (const route of routes) {
    const before = [
      ...(route.page ? [markPage] : []),
      gate(route.action),
      // An upload's form is read, and its CSRF token checked, after the gate and before anything else.
      ...(route.upload ? uploads(route.upload) : [refuseUncheckedUpload]),
      ...(pageForms && route.page && route.method !== 'get' ? [pageForms] : []),
      ...(idempotency && replaysIdempotently(route) ? [idempotency] : []),
    ];
    router[route.method](route.path, ...before, route.handler);
  }
}
