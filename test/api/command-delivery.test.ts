import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { formatCaseReference } from '../../src/domain/case-reference.js';
import { CFP_APPLICATION_WORKFLOW, type CfpApplicationStart } from '../../src/workflows/cfp-application.messages.js';
import { startTestSystem, type TestSystem } from '../support/app.js';
import { actor, insertApplication, now, testPolicy } from '../support/cfp.js';
import { createOrganisation, createPerson, sessionHeaders, signInOverHttp, type WebSession } from '../support/people.js';

// What a client hears when Temporal or PostgreSQL cannot do its part, and what a retry with the same
// Idempotency-Key gets when the first answer was lost: the real outcome, never a second effect.

describe('delivering commands', () => {
  let system: TestSystem;
  const sessions: Record<string, WebSession> = {};
  const personIds: Record<string, string> = {};
  let group: { id: string; name: string };
  let councilId: string;

  beforeAll(async () => {
    system = await startTestSystem();
    group = await createOrganisation(system.prisma, { name: 'Cymdeithas Gymunedol Rhosneigr' });
    councilId = (await createOrganisation(system.prisma, { name: 'Cyngor Sir Ynys Môn', kind: 'public_body' })).id;
    const people: [string, Parameters<typeof createPerson>[1]][] = [
      ['lead', { grants: [{ role: 'applicant_lead', organisationId: group.id }] }],
      ['caseworker', { grants: [{ role: 'caseworker' }] }],
      ['officer', { grants: [{ role: 'asset_officer', organisationId: councilId }] }],
    ];
    for (const [name, options] of people) {
      const person = await createPerson(system.prisma, options);
      personIds[name] = person.id;
      sessions[name] = await signInOverHttp(system.url, person);
    }
  });

  afterAll(() => system?.stop());

  async function call(who: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    const session = sessions[who];
    if (!session) throw new Error(`no session ${who}`);
    const started = Date.now();
    const response = await fetch(`${system.url}${path}`, {
      method,
      headers: { 'content-type': 'application/json', 'accept-language': 'en', ...sessionHeaders(session), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = (response.headers.get('content-type') ?? '').includes('json') ? ((await response.json()) as Record<string, unknown>) : undefined;
    return { status: response.status, json, headers: response.headers, ms: Date.now() - started };
  }

  /** As if the API had died after claiming the key and acting, before it stored the answer, over a lease ago. */
  async function loseTheAnswer(who: string, key: string) {
    const { count } = await system.prisma.idempotentRequest.updateMany({
      where: { principal: personIds[who], key },
      data: { status: null, responseBody: null, responseHeaders: undefined, completedAt: null, createdAt: new Date(Date.now() - 60_000) },
    });
    expect(count).toBe(1);
  }

  it('answers 503 with Retry-After within seconds when no worker takes a command, never 409', async () => {
    const reference = formatCaseReference('CFP', 2026, 300_000 + Math.floor(Math.random() * 99_999));
    await insertApplication(system.prisma, { reference, organisation: group });
    // The case's workflow is on a task queue no worker polls: Temporal takes the Update but nobody runs it.
    const start: CfpApplicationStart = {
      reference,
      policy: await testPolicy(),
      organisation: group,
      language: 'cy',
      projectTitle: 'Neb yn gwrando',
      createdBy: actor(randomUUID(), 'applicant_lead', group.id),
      at: now(),
    };
    await system.temporal.client.workflow.start(CFP_APPLICATION_WORKFLOW, { workflowId: reference, taskQueue: `nobody-${randomUUID()}`, args: [start] });

    const answer = await call('caseworker', 'POST', `/api/applications/${reference}/notes`, { text: 'Helo?' });
    expect(answer.status).toBe(503);
    expect(answer.json).toMatchObject({ type: 'https://cymuned.example/problems/unavailable' });
    expect(Number(answer.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(answer.ms).toBeLessThan(15_000);
    await system.temporal.client.workflow.getHandle(reference).terminate('test over');
  });

  it('answers 503 with Retry-After while the database refuses connections, and serves again once it is back', async () => {
    const token = await call('lead', 'GET', '/api/me');
    expect(token.status).toBe(200);
    const database = new URL(system.database.url).pathname.slice(1);
    const admin = new pg.Client({ connectionString: inject('databaseAdminUrl') });
    await admin.connect();
    try {
      await admin.query(`ALTER DATABASE ${database} ALLOW_CONNECTIONS false`);
      await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [database]);
      for (const path of ['/api/me', '/api/applications']) {
        const answer = await call('lead', 'GET', path);
        expect(answer.status, path).toBe(503);
        expect(answer.json).toMatchObject({ type: 'https://cymuned.example/problems/unavailable', status: 503 });
        expect(Number(answer.headers.get('retry-after'))).toBeGreaterThan(0);
      }
    } finally {
      await admin.query(`ALTER DATABASE ${database} ALLOW_CONNECTIONS true`);
      await admin.end();
    }
    expect((await call('lead', 'GET', '/api/me')).status).toBe(200);
  });

  it('answers 500 not-recorded, changing nothing else, when the database refuses a command’s event', async () => {
    const started = await call('lead', 'POST', '/api/applications', { projectTitle: 'Cwt chwaraeon', language: 'cy' });
    const reference = String(started.json?.reference);
    // A data error retrying cannot fix (a bug somewhere, as far as the API can tell), raised by the
    // database itself for this one case's notes.
    await system.prisma.$executeRawUnsafe(`
      CREATE OR REPLACE FUNCTION refuse_test_note() RETURNS trigger AS $$
      BEGIN
        IF NEW.reference = '${reference}' AND NEW.type = 'note.added' THEN RAISE EXCEPTION 'refused for the test' USING ERRCODE = '22023'; END IF;
        RETURN NEW;
      END $$ LANGUAGE plpgsql`);
    await system.prisma.$executeRawUnsafe('CREATE TRIGGER refuse_test_note BEFORE INSERT ON case_event FOR EACH ROW EXECUTE FUNCTION refuse_test_note()');
    try {
      const answer = await call('caseworker', 'POST', `/api/applications/${reference}/notes`, { text: 'Ni chaiff ei gadw' });
      expect(answer.status).toBe(500);
      expect(answer.json).toMatchObject({
        type: 'https://cymuned.example/problems/not-recorded',
        detail: 'The change was received but could not be recorded in full; staff have been told',
      });
      expect(await system.prisma.eventWriteFailure.findMany({ where: { reference }, select: { sequence: true, type: true } })).toEqual([
        { sequence: 3, type: 'note.added' },
      ]);
      expect(await system.prisma.auditRecord.count({ where: { stream: reference } })).toBe(2);
    } finally {
      await system.prisma.$executeRawUnsafe('DROP TRIGGER refuse_test_note ON case_event');
    }
    // The case goes on: the next command is recorded.
    expect((await call('caseworker', 'POST', `/api/applications/${reference}/notes`, { text: 'Wedi ei gadw' })).status).toBe(200);
  });

  it('writes a new case’s first events under the request that opened it', async () => {
    const requestId = `open-${randomUUID()}`;
    const started = await call(
      'lead',
      'POST',
      '/api/applications',
      { projectTitle: 'Cae pêl-droed', language: 'cy', answers: { projectSummary: 'Cae newydd' } },
      { 'x-request-id': requestId },
    );
    expect(started.status).toBe(201);
    const events = await system.prisma.caseEvent.findMany({ where: { reference: String(started.json?.reference) }, orderBy: { sequence: 'asc' } });
    expect(events.map((event) => [event.type, event.requestId])).toEqual([
      ['application.started', requestId],
      ['eoi.saved', requestId],
    ]);
  });

  it('gives a command retried after its answer was lost the first outcome, and records it once', async () => {
    const started = await call('lead', 'POST', '/api/applications', { projectTitle: 'Maes parcio', language: 'cy' });
    expect(started.status).toBe(201);
    const reference = String(started.json?.reference);
    const key = randomUUID();
    const first = await call('caseworker', 'POST', `/api/applications/${reference}/notes`, { text: 'Unwaith yn unig' }, { 'idempotency-key': key });
    expect(first.status).toBe(200);
    await loseTheAnswer('caseworker', key);

    const retried = await call('caseworker', 'POST', `/api/applications/${reference}/notes`, { text: 'Unwaith yn unig' }, { 'idempotency-key': key });
    expect(retried.status).toBe(200);
    expect(retried.json).toEqual(first.json);
    expect(await system.prisma.caseEvent.count({ where: { reference, type: 'note.added' } })).toBe(1);
  });

  it('finds the case a start retried after its answer was lost opened, instead of opening a second', async () => {
    const key = randomUUID();
    const body = { projectTitle: `Cae chwarae ${key.slice(0, 8)}`, language: 'cy' };
    const first = await call('lead', 'POST', '/api/applications', body, { 'idempotency-key': key });
    expect(first.status).toBe(201);
    await loseTheAnswer('lead', key);

    const retried = await call('lead', 'POST', '/api/applications', body, { 'idempotency-key': key });
    expect(retried.status).toBe(201);
    expect(retried.json?.reference).toBe(first.json?.reference);
    expect(await system.prisma.application.count({ where: { organisationId: group.id, projectTitle: body.projectTitle } })).toBe(1);
  });

  it('does not make a database-only change twice when it is retried after its answer was lost', async () => {
    const key = randomUUID();
    const asset = { name: `Hen Lyfrgell ${key.slice(0, 8)}`, address: 'Stryd Fawr, Llangefni', kind: 'building', currentUse: 'Gwag', openSpace: false };
    const first = await call('officer', 'POST', '/api/assets', asset, { 'idempotency-key': key });
    expect(first.status).toBe(201);
    await loseTheAnswer('officer', key);

    const retried = await call('officer', 'POST', '/api/assets', asset, { 'idempotency-key': key });
    expect(retried.status).toBe(409);
    expect(String(retried.json?.detail)).toContain('carried out already');
    expect(await system.prisma.asset.count({ where: { name: asset.name } })).toBe(1);
  });

  it('holds off a retry with Retry-After while the first try may still be running', async () => {
    const key = randomUUID();
    const asset = { name: `Hen Gapel ${key.slice(0, 8)}`, address: 'Llangefni', kind: 'building', currentUse: 'Gwag', openSpace: false };
    expect((await call('officer', 'POST', '/api/assets', asset, { 'idempotency-key': key })).status).toBe(201);
    // As if that try had claimed the key a moment ago and not answered yet.
    await system.prisma.idempotentRequest.updateMany({
      where: { principal: personIds.officer, key },
      data: { status: null, responseBody: null, createdAt: new Date() },
    });

    const held = await call('officer', 'POST', '/api/assets', asset, { 'idempotency-key': key });
    expect(held.status).toBe(409);
    expect(String(held.json?.detail)).toContain('still being handled');
    expect(Number(held.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(Number(held.headers.get('retry-after'))).toBeLessThanOrEqual(30);
  });
});
