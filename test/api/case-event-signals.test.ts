import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { CaseEventSignals, signalCaseEventsWritten } from '../../src/db/case-event-signals.js';
import { startTestSystem, type TestSystem } from '../support/app.js';
import { eventStream } from '../support/event-stream.js';
import { eventually } from '../support/http.js';
import { createOrganisation, createPerson, sessionHeaders, signInOverHttp, type WebSession } from '../support/people.js';

// The worker's writes of a case's events wake whoever waits for them in the API (a command's answer, a
// live feed) through PostgreSQL's LISTEN/NOTIFY, rather than the next poll; losing the listening
// connection only slows them down until it is made again.

describe('signals of case event writes', () => {
  let system: TestSystem;
  const sessions: Record<string, WebSession> = {};

  beforeAll(async () => {
    // A live feed that would poll only once a minute: what it delivers sooner came by signal.
    system = await startTestSystem({ caseEventFeed: { pollIntervalMs: 60_000, heartbeatMs: 60_000 } });
    const group = await createOrganisation(system.prisma);
    for (const [name, role] of [
      ['lead', 'applicant_lead'],
      ['caseworker', 'caseworker'],
    ] as const) {
      const person = await createPerson(system.prisma, { grants: [{ role, organisationId: role === 'caseworker' ? null : group.id }] });
      sessions[name] = await signInOverHttp(system.url, person);
    }
  });

  afterAll(() => system?.stop());

  async function call(who: string, method: string, path: string, body?: unknown) {
    const response = await fetch(`${system.url}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...sessionHeaders(sessions[who] as WebSession) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, json: (await response.json()) as Record<string, unknown> };
  }

  it('hands a followed case’s new event to its live stream at once, not at the next poll', async () => {
    const started = await call('lead', 'POST', '/api/applications', { projectTitle: 'Llwybr cerdded', language: 'cy' });
    const reference = String(started.json.reference);
    const controller = new AbortController();
    const response = await fetch(`${system.url}/api/applications/${reference}/events`, {
      headers: { 'accept-language': 'en', ...sessionHeaders(sessions.lead as WebSession) },
      signal: controller.signal,
    });
    const stream = eventStream(response, controller);
    await stream.readUntil(() => stream.events().length === 2);

    const sent = Date.now();
    expect((await call('lead', 'PATCH', `/api/applications/${reference}/eoi`, { answers: { projectSummary: 'Llwybr newydd i’r pentref' } })).status).toBe(200);
    await stream.readUntil(() => stream.events().length === 3, 10_000);
    expect(Date.now() - sent).toBeLessThan(10_000);
    expect(stream.events()[2]?.event).toBe('eoi.saved');
    stream.close();
  });

  it('wakes a waiter when a write commits, and listens again after its connection is lost', async () => {
    const signals = new CaseEventSignals(system.database.url);
    await signals.start();
    const admin = new pg.Client({ connectionString: inject('databaseAdminUrl') });
    await admin.connect();
    try {
      const notify = () => system.prisma.$transaction((tx) => signalCaseEventsWritten(tx, 'CFP-2026-123456'));
      const woken = async () => {
        const began = Date.now();
        const wait = signals.next('CFP-2026-123456', 30_000);
        await notify();
        await wait.promise;
        return Date.now() - began;
      };
      expect(await woken()).toBeLessThan(5_000);

      // The listening connection dies (a database restart, say): waiters are woken to look for themselves,
      // and the signals listen again on a new one.
      await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query = 'LISTEN ${'case_event_written'}'`);
      await eventually(async () => (signals.listening ? undefined : true));
      await eventually(async () => (signals.listening ? true : undefined));
      expect(await woken()).toBeLessThan(5_000);
    } finally {
      await admin.end();
      await signals.stop();
    }
  });
});
