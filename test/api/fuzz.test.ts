import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSystem, type TestSystem } from '../support/app.js';
import { createOrganisation, createPerson, mintApiToken, sessionHeaders, signInOverHttp } from '../support/people.js';
import { servedRoutes } from '../support/routes.js';

// Thousands of malformed, oversized and wrongly typed requests to every route: none may get a 5xx, and
// none may change what the database holds. Then text that is not well-formed Unicode (lone high and low
// surrogates in bodies, their keys, queries and path parameters) and JSON nested far too deep, to every
// route: each must be refused with 400 before anything runs.

// Every route gets its share of about 24,000 requests (270 s on 2 shared cores), however many there are:
// the pages doubled the routes in December 2026, and a test that grows with them outgrows its deadline.
const requestBudget = 24_000;
const runsPerRoute = (routeCount: number) => Math.max(50, Math.floor(requestBudget / routeCount));
const malformedRunsPerRoute = 30;

/** A fingerprint of every table a client request could change. */
async function databaseFingerprint(system: TestSystem): Promise<Record<string, string>> {
  const tables = [
    'enquiry',
    'audit_record',
    'organisation',
    'person',
    'role_grant',
    'reference_counter',
    'api_token',
    'application',
    'case_event',
    'notification',
    'award',
    'idempotent_request',
    'sign_in_throttle',
    'session',
    'account_token',
    'invitation',
  ];
  const fingerprint: Record<string, string> = {};
  for (const table of tables) {
    // api_token's last_used_at and session's last_seen_at move with authenticated requests; what matters is
    // which tokens and sessions exist.
    const columns = table === 'api_token' ? 'id, token_hash, revoked_at' : table === 'session' ? 'token_hash, person_id, expires_at' : '*';
    const [row] = await system.prisma.$queryRawUnsafe<{ digest: string | null }[]>(
      `SELECT md5(string_agg(t::text, '|' ORDER BY t::text)) AS digest FROM (SELECT ${columns} FROM "${table}") t`,
    );
    fingerprint[table] = row?.digest ?? 'empty';
  }
  return fingerprint;
}

const weirdText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom('', ' ', '%', '%zz', '..', '../../etc/passwd', 'ENQ-2026-000001', "' OR 1=1 --", '\u0000', 'null', '[]', '{}', '🏴󠁧󠁢󠁷󠁬󠁳󠁿'),
  fc.string({ minLength: 2000, maxLength: 5000 }),
);

const body = fc.oneof(
  fc.jsonValue().map((value) => JSON.stringify(value)),
  fc.object().map((value) => JSON.stringify(value)),
  fc
    .record(
      {
        organisationName: fc.anything(),
        contactEmail: fc.anything(),
        message: fc.anything(),
        language: fc.anything(),
        email: fc.anything(),
        password: fc.anything(),
        name: fc.anything(),
      },
      { requiredKeys: [] },
    )
    .map((value) => JSON.stringify(value) ?? ''),
  weirdText,
  fc.constant('x'.repeat(150_000)),
);

/** Half a UTF-16 surrogate pair, high or low, which JSON.stringify writes as an escape (valid JSON). */
const loneSurrogate = fc.constantFrom('\uD800', '\uDBFF', '\uD83D', '\uDC00', '\uDFFF', '\uDE00');
/** The same as percent-encoded bytes (the CESU-8 form, which UTF-8 forbids), as a URL could carry them. */
const encodedSurrogate = fc.constantFrom('%ED%A0%80', '%ED%AF%BF', '%ED%B0%80', '%ED%BF%BF');

/** A JSON value with a lone surrogate planted somewhere: in a string at some depth, or in a key. */
const malformedJson = fc
  .record({
    noise: fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }),
    path: fc.array(fc.oneof(fc.string({ maxLength: 8 }), fc.nat({ max: 3 })), { maxLength: 6 }),
    around: fc.tuple(fc.string({ maxLength: 6 }), fc.string({ maxLength: 6 })),
    surrogate: loneSurrogate,
    inKey: fc.boolean(),
  })
  .map(({ noise, path, around: [before, after], surrogate, inKey }) => {
    let planted: unknown = inKey ? { [`${before}${surrogate}${after}`]: 1 } : `${before}${surrogate}${after}`;
    for (const step of [...path].reverse()) planted = typeof step === 'number' ? [...Array.from({ length: step }, () => null), planted] : { [step]: planted };
    return JSON.stringify(Array.isArray(planted) || typeof planted !== 'object' ? planted : { ...noise, ...(planted as object) });
  });

/** Nested far beyond any body the API takes: 45,000 arrays, or 33 objects (one past the limit). */
const deepJson = fc.oneof(fc.constant(`${'['.repeat(45_000)}${']'.repeat(45_000)}`), fc.constant(`${'{"a":'.repeat(33)}1${'}'.repeat(33)}`));

const contentType = fc.constantFrom(
  'application/json',
  'text/plain',
  'application/x-www-form-urlencoded',
  'application/json; charset=utf-16',
  'multipart/form-data; boundary=x',
  undefined,
);

describe('fuzzing every route', () => {
  let system: TestSystem;
  let credentials: Record<string, Record<string, string>>;

  beforeAll(async () => {
    system = await startTestSystem();
    const group = await createOrganisation(system.prisma);
    const applicant = await createPerson(system.prisma, { grants: [{ role: 'applicant_lead', organisationId: group.id }] });
    const administrator = await createPerson(system.prisma, { grants: [{ role: 'administrator' }] });
    const session = await signInOverHttp(system.url, applicant);
    credentials = {
      anonymous: {},
      applicantSession: sessionHeaders(session),
      sessionWithoutCsrf: { cookie: session.cookie },
      administratorToken: { authorization: `Bearer ${await mintApiToken(system.prisma, administrator.id)}` },
      garbageToken: { authorization: 'Bearer cym_not-a-real-token' },
      garbageScheme: { authorization: 'Basic YWRtaW46YWRtaW4=' },
      garbageCookie: { cookie: 'cymuned_session=%%%; other=1' },
    };
  });

  afterAll(() => system?.stop());

  it('finds no 5xx and no change in the database', async () => {
    // Signing out (by the API or the page) ends the session the other requests use, and records it.
    const routes = servedRoutes(system.app).filter((route) => route !== 'post /api/sign-out' && route !== 'post /sign-out');
    const before = await databaseFingerprint(system);
    const serverErrors: string[] = [];
    let requests = 0;

    for (const route of routes) {
      const [method = 'get', template = '/'] = route.split(' ');
      await fc
        .assert<[string[], Record<string, string>, string, string | undefined, string, boolean]>(
          fc.asyncProperty(
            fc.array(weirdText, { minLength: 1, maxLength: 3 }),
            fc.dictionary(fc.string({ maxLength: 10 }), weirdText, { maxKeys: 4 }),
            body,
            contentType,
            fc.constantFrom(...Object.keys(credentials)),
            fc.boolean(),
            async (params, query, payload, type, who, rawParams) => {
              let index = 0;
              const path = template.replace(/:\w+/g, () => {
                const value = params[index++ % params.length] ?? '';
                // Raw values send broken percent-encoding and slashes as they are.
                return rawParams ? value.replace(/[\s#?]/g, '') : encodeURIComponent(value);
              });
              const search = new URLSearchParams(query).toString();
              const headers: Record<string, string> = { ...credentials[who] };
              if (type) headers['content-type'] = type;
              let status: number;
              try {
                const response = await fetch(`${system.url}${path}${search ? `?${search}` : ''}`, {
                  method: method.toUpperCase(),
                  headers,
                  body: method === 'get' ? undefined : payload,
                });
                status = response.status;
                await response.arrayBuffer();
              } catch (error) {
                // fetch itself refuses some URLs before sending (that is the client's business, not ours).
                if (error instanceof TypeError) return;
                throw error;
              }
              requests += 1;
              if (status >= 500) serverErrors.push(`${status} ${method.toUpperCase()} ${path} as ${who}`);
              return status < 500;
            },
          ),
          { numRuns: runsPerRoute(routes.length) },
        )
        .catch((error: unknown) => {
          throw new Error(`${route}: ${error instanceof Error ? error.message : String(error)}`);
        });
    }

    expect(serverErrors).toEqual([]);
    expect(requests).toBeGreaterThan(routes.length * runsPerRoute(routes.length) * 0.9);
    expect(await databaseFingerprint(system)).toEqual(before);
  }, 480_000);

  it('refuses malformed Unicode and deep JSON on every route with 400, before anything runs', async () => {
    // Sign-out too: refused before anything reads the request, it ends no session.
    const routes = servedRoutes(system.app);
    const before = await databaseFingerprint(system);
    const wrong: string[] = [];
    let requests = 0;

    for (const route of routes) {
      const [method = 'get', template = '/'] = route.split(' ');
      const hasParams = /:\w+/.test(template);
      const takesBody = method !== 'get';
      // Where the malformed part goes: each request has exactly one, so a 400 can only be for it.
      const places = [...(takesBody ? (['body', 'deep'] as const) : []), 'query', 'queryKey', ...(hasParams ? (['path'] as const) : [])];
      await fc
        .assert(
          fc.asyncProperty(
            fc.constantFrom(...places),
            malformedJson,
            deepJson,
            encodedSurrogate,
            fc.string({ maxLength: 6 }).map(encodeURIComponent),
            fc.constantFrom(...Object.keys(credentials)),
            fc.boolean(),
            async (place, json, deep, encoded, plain, who, withKey) => {
              let index = 0;
              const path = template.replace(/:\w+/g, () => (place === 'path' && index++ === 0 ? `${plain}${encoded}` : 'CFP-2026-000001'));
              const search = place === 'query' ? `?q=${plain}${encoded}&kind=x` : place === 'queryKey' ? `?${plain}${encoded}=1` : '';
              const headers: Record<string, string> = { ...credentials[who], 'content-type': 'application/json' };
              if (withKey && method === 'post') headers['idempotency-key'] = `fuzz-${requests}`;
              const sent = place === 'body' ? json : place === 'deep' ? deep : takesBody ? '{}' : undefined;
              const response = await fetch(`${system.url}${path}${search}`, { method: method.toUpperCase(), headers, body: sent });
              await response.arrayBuffer();
              requests += 1;
              if (response.status !== 400) wrong.push(`${response.status} ${method.toUpperCase()} ${path}${search} (${place}) as ${who}`);
              return response.status === 400;
            },
          ),
          { numRuns: malformedRunsPerRoute },
        )
        .catch((error: unknown) => {
          throw new Error(`${route}: ${error instanceof Error ? error.message : String(error)}`);
        });
    }

    expect(wrong).toEqual([]);
    expect(requests).toBe(routes.length * malformedRunsPerRoute);
    expect(await databaseFingerprint(system)).toEqual(before);
  }, 300_000);
});
