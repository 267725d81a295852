import { readFileSync } from 'node:fs';
import { OpenApiGeneratorV31, OpenAPIRegistry, type RouteConfig } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { rules } from '../access/policy.js';
import { csrfHeader } from '../auth/csrf.js';
import { sessionCookieName } from '../auth/sessions.js';
import { idempotencyKeyHeader, replayedHeader } from './idempotency.js';
import { problemSchema } from './problem.schema.js';
import { replaysIdempotently, type Route } from './route-table.js';

// The OpenAPI 3.1 document, generated from the route table: each route's own zod schemas (RouteDocs) for
// what it takes and answers, plus what every route shares, which is written once here: problem details for
// errors, the ways to authenticate, Accept-Language and Idempotency-Key.

const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

/** The problem responses, by status, as components every operation refers to. */
const problemResponses: Record<number, { name: string; description: string }> = {
  400: { name: 'InvalidInput', description: 'The request is malformed or a field is wrong (`errors` says which)' },
  401: { name: 'Unauthenticated', description: 'Signing in is needed, or the bearer token sent is not valid' },
  403: { name: 'Forbidden', description: 'The role does not allow this, or a session request lacks its CSRF token' },
  404: { name: 'NotFound', description: 'Not found, or not visible to this person' },
  409: { name: 'Conflict', description: 'Cannot be done now; for a repeated Idempotency-Key, the first request is still running' },
  413: { name: 'PayloadTooLarge', description: 'The body is over 100 kB' },
  415: { name: 'UnsupportedMediaType', description: 'The body is in a content type or charset not accepted' },
  422: { name: 'IdempotencyKeyReused', description: 'The Idempotency-Key was used before for a different request' },
  429: { name: 'TooManyRequests', description: 'Too many attempts; try again shortly (Retry-After or RateLimit headers say when)' },
  500: { name: 'InternalError', description: 'Something went wrong; the requestId finds it in the logs' },
  503: { name: 'Unavailable', description: 'A service this needs (Temporal) is not available at the moment' },
};

const security = {
  session: 'sessionCookie',
  csrf: 'csrfToken',
  bearer: 'bearerToken',
} as const;

/** `/api/enquiries/:reference` as OpenAPI writes it: `/api/enquiries/{reference}`. */
export function openApiPath(expressPath: string): string {
  return expressPath.replace(/:(\w+)/g, '{$1}');
}

function pathParameterNames(expressPath: string): string[] {
  return [...expressPath.matchAll(/:(\w+)/g)].map((match) => match[1] ?? '');
}

function operationId(route: Route): string {
  const words = route.path.split(/[^A-Za-z0-9]+/).filter(Boolean);
  const pascal = words.map((word) => word[0]?.toUpperCase() + word.slice(1)).join('');
  return `${route.method}${pascal}`;
}

/** Which errors an operation can answer with, beyond any its own docs list. */
function problemStatuses(route: Route): number[] {
  const rule = rules[route.action];
  const unsafe = route.method !== 'get';
  const statuses = new Set<number>([400, 401, 500, ...(route.docs?.problems ?? [])]);
  // Unsafe requests with a session cookie need the CSRF token, even to public routes.
  if (rule.kind !== 'public' || unsafe) statuses.add(403);
  if (route.path.includes(':') || rule.kind === 'case' || rule.kind === 'own_organisation') statuses.add(404);
  if (unsafe) {
    statuses.add(413);
    statuses.add(415);
  }
  if (replaysIdempotently(route)) {
    statuses.add(409);
    statuses.add(422);
  }
  return [...statuses].sort((a, b) => a - b);
}

/** Who may call: anyone (and then any credentials sent must be good), or only the signed in. */
function securityOf(route: Route): Record<string, string[]>[] {
  const session: Record<string, string[]> = route.method === 'get' ? { [security.session]: [] } : { [security.session]: [], [security.csrf]: [] };
  const signedIn: Record<string, string[]>[] = [session, { [security.bearer]: [] }];
  return rules[route.action].kind === 'public' ? [{}, ...signedIn] : signedIn;
}

function operation(route: Route): RouteConfig {
  const docs = route.docs;
  const documentedParams = docs?.params ? Object.keys(docs.params.shape) : [];
  // A path parameter the docs leave out is still a parameter: a string, described as such.
  const missingParams = pathParameterNames(route.path).filter((name) => !documentedParams.includes(name));
  const params =
    missingParams.length === 0 ? docs?.params : (docs?.params ?? z.object({})).extend(Object.fromEntries(missingParams.map((name) => [name, z.string()])));

  const replays = replaysIdempotently(route);
  const responses: RouteConfig['responses'] = {};
  for (const [status, response] of Object.entries(docs?.responses ?? { 200: { description: 'Not documented yet' } })) {
    if (!response) continue;
    const headers: Record<string, { description: string; schema: { type: 'string' } } | { $ref: string }> = {};
    for (const [name, description] of Object.entries(response.headers ?? {})) headers[name] = { description, schema: { type: 'string' } };
    if (replays && Number(status) < 300) headers[replayedHeader] = { $ref: '#/components/headers/IdempotentReplayed' };
    responses[status] = {
      description: response.description,
      ...(Object.keys(headers).length > 0 ? { headers } : {}),
      ...(response.body ? { content: { [response.contentType ?? 'application/json']: { schema: response.body } } } : {}),
    };
  }
  for (const status of problemStatuses(route)) {
    const problem = problemResponses[status];
    if (problem && !responses[status]) responses[status] = { $ref: `#/components/responses/${problem.name}` };
  }

  const headerParameters = [{ $ref: '#/components/parameters/AcceptLanguage' }];
  if (route.method === 'post') headerParameters.push({ $ref: `#/components/parameters/${replays ? 'IdempotencyKey' : 'IdempotencyKeyIgnored'}` });

  return {
    method: route.method,
    path: openApiPath(route.path),
    operationId: operationId(route),
    summary: docs?.summary ?? 'Not documented yet',
    ...(docs?.description ? { description: docs.description } : {}),
    tags: docs?.tags ?? ['Undocumented'],
    security: securityOf(route),
    parameters: headerParameters,
    'x-cymuned-action': route.action,
    ...(docs ? {} : { 'x-undocumented': true }),
    request: {
      ...(params ? { params } : {}),
      ...(docs?.query ? { query: docs.query } : {}),
      ...(docs?.body ? { body: { required: true, content: { 'application/json': { schema: docs.body } } } } : {}),
    },
    responses,
  };
}

function sharedComponents(registry: OpenAPIRegistry): void {
  for (const { name, description } of Object.values(problemResponses)) {
    registry.registerComponent('responses', name, {
      description,
      content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
    });
  }
  registry.registerComponent('parameters', 'AcceptLanguage', {
    name: 'Accept-Language',
    in: 'header',
    required: false,
    description:
      '`cy` for Welsh, `en` for English. The answer’s language, for problems and views alike: the language this header prefers, when it prefers Welsh or English; ' +
      'otherwise the signed-in person’s stored language (PATCH /api/me); otherwise English. `*`, or a header naming neither, prefers neither.',
    schema: { type: 'string', examples: ['cy', 'en'] },
  });
  const keySchema = { type: 'string', minLength: 1, maxLength: 255, pattern: '^[\\x20-\\x7E]+$' } as const;
  registry.registerComponent('parameters', 'IdempotencyKey', {
    name: idempotencyKeyHeader,
    in: 'header',
    required: false,
    description:
      'Makes a retry safe (draft-ietf-httpapi-idempotency-key-header): a repeat with the same key and the same request gets the ' +
      `first answer again, marked ${replayedHeader}: true, without doing the work twice. The same key with a different request ` +
      'is refused (422); a repeat while the first is still running gets 409. Keys belong to the person sending them and last 24 hours. ' +
      '1 to 255 printable ASCII characters, as a structured-field string ("…") or bare; a UUID is a good choice. Server errors (5xx) are not kept, so they can be retried.',
    schema: keySchema,
  });
  registry.registerComponent('parameters', 'IdempotencyKeyIgnored', {
    name: idempotencyKeyHeader,
    in: 'header',
    required: false,
    description: 'Ignored here: this answer carries credentials, which are never stored for replay. Repeating the request is safe or simply does it again.',
    schema: keySchema,
  });
  registry.registerComponent('headers', 'IdempotentReplayed', {
    description: 'Present (true) when this is the stored answer to an earlier request with the same Idempotency-Key',
    schema: { type: 'string', enum: ['true'] },
  });
  registry.registerComponent('securitySchemes', security.session, {
    type: 'apiKey',
    in: 'cookie',
    name: sessionCookieName,
    description: 'The session cookie set by POST /api/sign-in (HttpOnly, SameSite=Lax).',
  });
  registry.registerComponent('securitySchemes', security.csrf, {
    type: 'apiKey',
    in: 'header',
    name: csrfHeader,
    description: 'With the session cookie, every unsafe request (not GET) carries the CSRF token from sign-in or GET /api/me.',
  });
  registry.registerComponent('securitySchemes', security.bearer, {
    type: 'http',
    scheme: 'bearer',
    description: 'An API token (cym_…) from POST /api/tokens. Needs no CSRF token.',
  });
}

/** The OpenAPI 3.1 document for `routes`; routes without `docs` appear with `x-undocumented: true`. */
export function openApiDocument(routes: readonly Route[]): object {
  const registry = new OpenAPIRegistry();
  sharedComponents(registry);
  for (const route of routes) registry.registerPath(operation(route));
  const tags = [...new Set(routes.flatMap((route) => route.docs?.tags ?? ['Undocumented']))].map((name) => ({ name }));
  // problemSchema names itself (`.meta({ id: 'Problem' })`); listed here because only $refs point to it.
  return new OpenApiGeneratorV31([{ type: 'schema', schema: problemSchema }, ...registry.definitions]).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'Cymuned',
      version,
      description:
        'Community grants (the Community Facilities Programme) and Community Asset Transfer in Wales.\n\n' +
        'Bilingual, by one rule for every answer (problems, views, timelines, validation messages): an Accept-Language that prefers ' +
        'Welsh or English (`Accept-Language: cy`, `Accept-Language: en`) wins for that request; without one, the signed-in person’s stored language (PATCH /api/me); ' +
        'otherwise English, the default. (A request refused before its credentials are read, such as a body that is not JSON, cannot know ' +
        'the stored language and skips that step.) Errors are RFC 9457 problem details (`application/problem+json`) in that language, ' +
        'each with a request id.\n\n' +
        'Sign in with POST /api/sign-in (a session cookie plus a CSRF token for unsafe requests), or send an API token as a bearer token. ' +
        'Every POST that does work takes an Idempotency-Key, so a client can retry safely.',
    },
    tags,
  });
}
