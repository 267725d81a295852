import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSystem, type TestSystem } from './support/app.js';
import { createOrganisation, createPerson, mintApiToken, sessionHeaders, signInOverHttp } from './support/people.js';
import { servedRoutes } from './support/routes.js';

// Thousands of malformed, oversized and wrongly typed requests to every route: none may get a 5xx, and
// none may change what the database holds.

const runsPerRoute = 250;

/** A fingerprint of every table a client request could change. */
async function databaseFingerprint(system: TestSystem): Promise<Record<string, string>> {
  const tables = ['enquiry', 'audit_record', 'organisation', 'person', 'role_grant', 'reference_counter', 'api_token', 'application', 'case_event', 'notification', 'award', 'idempotent_request'];
  const fingerprint: Record<string, string> = {};
  for (const table of tables) {
    // api_token's last_used_at moves on every authenticated request; what matters is which tokens exist.
    const columns = table === 'api_token' ? 'id, token_hash, revoked_at' : '*';
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
  fc.record({ organisationName: fc.anything(), contactEmail: fc.anything(), message: fc.anything(), language: fc.anything(), email: fc.anything(), password: fc.anything(), name: fc.anything() }, { requiredKeys: [] }).map((value) => JSON.stringify(value) ?? ''),
  weirdText,
  fc.constant('x'.repeat(150_000)),
);

const contentType = fc.constantFrom('application/json', 'text/plain', 'application/x-www-form-urlencoded', 'application/json; charset=utf-16', 'multipart/form-data; boundary=x', undefined);

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
    const routes = servedRoutes(system.app).filter((route) => route !== 'post /api/sign-out');
    const before = await databaseFingerprint(system);
    const serverErrors: string[] = [];
    let requests = 0;

    for (const route of routes) {
      const [method = 'get', template = '/'] = route.split(' ');
      await fc.assert<[string[], Record<string, string>, string, string | undefined, string, boolean]>(
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
        { numRuns: runsPerRoute },
      ).catch((error: unknown) => {
        throw new Error(`${route}: ${error instanceof Error ? error.message : String(error)}`);
      });
    }

    expect(serverErrors).toEqual([]);
    expect(requests).toBeGreaterThan(routes.length * runsPerRoute * 0.9);
    expect(await databaseFingerprint(system)).toEqual(before);
  }, 300_000);
});
