import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrisma } from '../../src/db/prisma.js';
import { readinessCheck } from '../../src/system/readiness.js';
import { startTestSystem, type TestSystem } from '../support/app.js';
import { freshDatabase } from '../support/database.js';
import { eventually } from '../support/http.js';
import { createOrganisation, createPerson, mintApiToken, sessionHeaders, signInOverHttp } from '../support/people.js';
import { connectTemporal } from '../support/temporal.js';

describe('HTTP API', () => {
  let system: TestSystem;
  let member: { id: string; email: string; password: string };
  let memberToken: string;
  let groupId: string;

  beforeAll(async () => {
    system = await startTestSystem();
    const group = await createOrganisation(system.prisma, { name: 'Clwb Rygbi Tregaron' });
    groupId = group.id;
    member = await createPerson(system.prisma, { grants: [{ role: 'applicant_member', organisationId: group.id }] });
    memberToken = await mintApiToken(system.prisma, member.id);
  });

  afterAll(() => system?.stop());

  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${system.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${memberToken}`, ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  const get = (path: string, headers: Record<string, string> = {}) =>
    fetch(`${system.url}${path}`, { headers: { authorization: `Bearer ${memberToken}`, ...headers } });

  const validEnquiry = {
    organisationName: 'Clwb Rygbi Tregaron',
    contactEmail: 'clerc@example.cymru',
    message: 'We would like to talk about the pavilion lease.',
  };

  it('is alive and ready when PostgreSQL, Temporal and migrations are', async () => {
    expect((await fetch(`${system.url}/healthz`)).status).toBe(200);
    const ready = await fetch(`${system.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({
      ready: true,
      checks: { database: { status: 'ok' }, temporal: { status: 'ok' }, migrations: { status: 'ok' } },
    });
  });

  it('sends security headers', async () => {
    const response = await fetch(`${system.url}/healthz`);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-powered-by')).toBeNull();
  });

  it('accepts an enquiry through a workflow and shows it, and its history, from the read model', async () => {
    const accepted = await post('/api/enquiries', validEnquiry, { 'x-request-id': 'req-api-test-0001' });
    expect(accepted.status).toBe(202);
    expect(accepted.headers.get('x-request-id')).toBe('req-api-test-0001');
    const { reference } = (await accepted.json()) as { reference: string };
    expect(reference).toMatch(/^ENQ-\d{4}-\d{6}$/);
    expect(accepted.headers.get('location')).toBe(`/api/enquiries/${reference}`);

    const enquiry = await eventually(async () => {
      const response = await get(`/api/enquiries/${reference}`);
      return response.status === 200 ? response.json() : undefined;
    });
    expect(enquiry).toMatchObject({ reference, organisationId: groupId, organisationName: 'Clwb Rygbi Tregaron', status: 'received' });
    // The request id travelled API -> workflow -> activity, into the read model and the audit trail.
    const row = await system.prisma.enquiry.findUniqueOrThrow({ where: { reference } });
    expect(row).toMatchObject({ requestId: 'req-api-test-0001', submittedById: member.id });
    const history = await (await get(`/api/enquiries/${reference}/history`)).json();
    expect(history).toEqual({ history: [{ at: row.receivedAt.toISOString(), summary: 'Your group sent an enquiry' }] });
  });

  it('works the same from a web session, which must send its CSRF token', async () => {
    const session = await signInOverHttp(system.url, member);
    const withoutToken = await fetch(`${system.url}/api/enquiries`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: session.cookie },
      body: JSON.stringify(validEnquiry),
    });
    expect(withoutToken.status).toBe(403);
    const withToken = await fetch(`${system.url}/api/enquiries`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...sessionHeaders(session) },
      body: JSON.stringify(validEnquiry),
    });
    expect(withToken.status).toBe(202);
  });

  it('gives each enquiry its own reference under concurrent submissions', async () => {
    const responses = await Promise.all(Array.from({ length: 10 }, () => post('/api/enquiries', validEnquiry)));
    const references = await Promise.all(responses.map(async (r) => ((await r.json()) as { reference: string }).reference));
    expect(new Set(references).size).toBe(10);
    await eventually(async () => ((await system.prisma.enquiry.count({ where: { reference: { in: references } } })) === 10 ? true : undefined));
  });

  describe('client mistakes get problem details and change nothing', () => {
    const cases: [string, string | object, number, string][] = [
      ['missing fields', {}, 400, 'invalid-input'],
      ['a wrong type', { ...validEnquiry, organisationName: 42 }, 400, 'invalid-input'],
      ['a bad email', { ...validEnquiry, contactEmail: 'not-an-email' }, 400, 'invalid-input'],
      ['an unknown language', { ...validEnquiry, language: 'fr' }, 400, 'invalid-input'],
      ['malformed JSON', '{"organisationName":', 400, 'invalid-input'],
      ['an oversized body', { ...validEnquiry, message: 'x'.repeat(200_000) }, 413, 'payload-too-large'],
      ['a JSON array', [1, 2], 400, 'invalid-input'],
      ['another group', { ...validEnquiry, organisationId: '00000000-0000-4000-8000-00000000dead' }, 404, 'not-found'],
    ];

    it.each(cases)('%s', async (_name, body, status, type) => {
      const before = [await system.prisma.enquiry.count(), await system.prisma.auditRecord.count()];
      const response = await post('/api/enquiries', body);
      expect(response.status).toBe(status);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      const problem = (await response.json()) as { type: string; status: number; title: string };
      expect(problem.type).toBe(`https://cymuned.example/problems/${type}`);
      expect(problem.status).toBe(status);
      expect([await system.prisma.enquiry.count(), await system.prisma.auditRecord.count()]).toEqual(before);
    });
  });

  it('asks anonymous callers to sign in', async () => {
    const response = await fetch(`${system.url}/api/enquiries`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(validEnquiry),
    });
    expect(response.status).toBe(401);
  });

  it('lists which fields are wrong', async () => {
    const response = await post('/api/enquiries', { ...validEnquiry, contactEmail: 'nope' });
    const problem = (await response.json()) as { errors: { path: string }[] };
    expect(problem.errors.map((error) => error.path)).toEqual(['contactEmail']);
  });

  it('answers in Welsh when the client asks for Welsh', async () => {
    const response = await get('/api/enquiries/ENQ-2026-999999', { 'accept-language': 'cy' });
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ title: 'Heb ddod o hyd iddo', detail: "Nid oes ymholiad â'r cyfeirnod ENQ-2026-999999" });
  });

  it('answers 404 problem details for unknown routes', async () => {
    const response = await fetch(`${system.url}/no/such/route`);
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });
});

describe('readiness', () => {
  it('is not ready while migrations are pending, and says why', async () => {
    const database = await freshDatabase();
    const prisma = createPrisma(database.url);
    const temporal = await connectTemporal();
    try {
      const readiness = await readinessCheck({ prisma, connection: temporal.env.connection, databaseUrl: database.url })();
      expect(readiness.ready).toBe(false);
      expect(readiness.checks.migrations).toMatchObject({ status: 'failing', reason: expect.stringMatching(/pending migrations: .*_init/) });
      expect(readiness.checks.database).toEqual({ status: 'ok' });
    } finally {
      await prisma.$disconnect();
      await temporal.teardown();
      await database.drop();
    }
  });
});
