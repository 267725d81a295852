import type { Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/api/app.js';
import { createPrisma, type PrismaClient } from '../src/db/prisma.js';
import { createLogger } from '../src/log.js';
import { readinessCheck } from '../src/system/readiness.js';
import { freshDatabase, migratedDatabase, type TestDatabase } from './support/database.js';
import { eventually, listen, type TestServer } from './support/http.js';
import { connectTemporal, type TemporalTestContext } from './support/temporal.js';

describe('HTTP API', () => {
  let database: TestDatabase;
  let prisma: PrismaClient;
  let temporal: TemporalTestContext;
  let worker: Worker;
  let running: Promise<void>;
  let server: TestServer;

  beforeAll(async () => {
    database = await migratedDatabase();
    prisma = createPrisma(database.url);
    temporal = await connectTemporal();
    worker = await temporal.createWorker(prisma);
    running = worker.run();
    const app = createApp({
      prisma,
      temporal: temporal.client,
      taskQueue: temporal.taskQueue,
      logger: createLogger('silent'),
      checkReadiness: readinessCheck({ prisma, connection: temporal.env.connection, databaseUrl: database.url }),
    });
    server = await listen(app);
  });

  afterAll(async () => {
    await server?.close();
    worker?.shutdown();
    await running;
    await prisma?.$disconnect();
    await temporal?.teardown();
    await database?.drop();
  });

  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${server.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });

  const validEnquiry = {
    organisationName: 'Clwb Rygbi Tregaron',
    contactEmail: 'clerc@example.cymru',
    message: 'We would like to talk about the pavilion lease.',
  };

  it('is alive and ready when PostgreSQL, Temporal and migrations are', async () => {
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    const ready = await fetch(`${server.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({
      ready: true,
      checks: { database: { status: 'ok' }, temporal: { status: 'ok' }, migrations: { status: 'ok' } },
    });
  });

  it('accepts an enquiry through a workflow and shows it from the read model', async () => {
    const accepted = await post('/api/enquiries', validEnquiry, { 'x-request-id': 'req-api-test-0001' });
    expect(accepted.status).toBe(202);
    expect(accepted.headers.get('x-request-id')).toBe('req-api-test-0001');
    const { reference } = (await accepted.json()) as { reference: string };
    expect(reference).toMatch(/^ENQ-\d{4}-\d{6}$/);
    expect(accepted.headers.get('location')).toBe(`/api/enquiries/${reference}`);

    const enquiry = await eventually(async () => {
      const response = await fetch(`${server.url}/api/enquiries/${reference}`);
      return response.status === 200 ? response.json() : undefined;
    });
    expect(enquiry).toMatchObject({ reference, organisationName: 'Clwb Rygbi Tregaron', language: 'en', status: 'received' });
    // The request id travelled API -> workflow -> activity.
    const row = await prisma.enquiry.findUniqueOrThrow({ where: { reference } });
    expect(row.requestId).toBe('req-api-test-0001');
  });

  it('gives each enquiry its own reference under concurrent submissions', async () => {
    const responses = await Promise.all(Array.from({ length: 10 }, () => post('/api/enquiries', validEnquiry)));
    const references = await Promise.all(responses.map(async (r) => ((await r.json()) as { reference: string }).reference));
    expect(new Set(references).size).toBe(10);
    await eventually(async () => ((await prisma.enquiry.count({ where: { reference: { in: references } } })) === 10 ? true : undefined));
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
    ];

    it.each(cases)('%s', async (_name, body, status, type) => {
      const before = await prisma.enquiry.count();
      const response = await post('/api/enquiries', body);
      expect(response.status).toBe(status);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      const problem = (await response.json()) as { type: string; status: number; title: string };
      expect(problem.type).toBe(`https://cymuned.example/problems/${type}`);
      expect(problem.status).toBe(status);
      expect(await prisma.enquiry.count()).toBe(before);
    });
  });

  it('lists which fields are wrong', async () => {
    const response = await post('/api/enquiries', { ...validEnquiry, contactEmail: 'nope' });
    const problem = (await response.json()) as { errors: { path: string }[] };
    expect(problem.errors.map((error) => error.path)).toEqual(['contactEmail']);
  });

  it('answers in Welsh when the client asks for Welsh', async () => {
    const response = await fetch(`${server.url}/api/enquiries/ENQ-2026-999999`, { headers: { 'accept-language': 'cy' } });
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ title: 'Heb ddod o hyd iddo', detail: "Nid oes ymholiad â'r cyfeirnod ENQ-2026-999999" });
  });

  it('answers 404 problem details for unknown routes', async () => {
    const response = await fetch(`${server.url}/no/such/route`);
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
