import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PrismaClient } from '../../src/db/prisma.js';
import { eventWording, type CfpEventType } from '../../src/domain/cfp/events.js';
import { CaseEventFeeds } from '../../src/operations/case-event-feeds.js';
import { startTestSystem, type TestSystem } from '../support/app.js';
import { insertApplication } from '../support/cfp.js';
import { eventStream } from '../support/event-stream.js';
import { eventually } from '../support/http.js';
import { createOrganisation, createPerson, mintApiToken, sessionHeaders, signInOverHttp, type TestOrganisation } from '../support/people.js';

// A live event stream outlives the request that opened it, so it must end when what allowed it ends: the
// session signed out or expired, the token revoked or expired, the reader's role taken away. One person
// may hold only a few open, and however many are open on a case, one reader looks for its new events.

const streamsPerPerson = 2;

describe('the live event stream of a case', () => {
  let system: TestSystem;
  let prisma: PrismaClient;
  let feeds: CaseEventFeeds;
  let group: TestOrganisation;
  let cases = 0;

  beforeAll(async () => {
    system = await startTestSystem({
      auth: { eventStreamsPerPerson: streamsPerPerson },
      // Checks an idle stream's credential every 200 ms, so a test need not wait the production 5 seconds.
      caseEventFeed: { pollIntervalMs: 50, recheckEveryMs: 200, heartbeatMs: 60_000 },
      caseEventFeeds: (client) => (feeds = new CaseEventFeeds(client, 50)),
    });
    prisma = system.prisma;
    group = await createOrganisation(prisma);
  });

  afterAll(() => system?.stop());

  /** A case of the test's own, open (in assessment), with one event. */
  async function openCase(): Promise<string> {
    cases += 1;
    const reference = `CFP-2026-66${String(cases).padStart(4, '0')}`;
    await insertApplication(prisma, { reference, organisation: group, status: 'assessment' });
    await addEvent(reference, 1, 'application.started');
    return reference;
  }

  async function addEvent(reference: string, sequence: number, type: CfpEventType): Promise<void> {
    await prisma.caseEvent.create({
      data: { reference, sequence, type, occurredAt: new Date(), payload: {}, summaryCy: eventWording[type].cy, summaryEn: eventWording[type].en },
    });
  }

  async function open(reference: string, headers: Record<string, string>) {
    const controller = new AbortController();
    const response = await fetch(`${system.url}/api/applications/${reference}/events`, {
      headers: { 'accept-language': 'en', ...headers },
      signal: controller.signal,
    });
    return { response, stream: eventStream(response, controller) };
  }

  async function lead(): Promise<{ id: string; email: string; password: string }> {
    return createPerson(prisma, { grants: [{ role: 'applicant_lead', organisationId: group.id }] });
  }

  it('ends when its session signs out, and sends nothing recorded after', async () => {
    const reference = await openCase();
    const session = await signInOverHttp(system.url, await lead());
    const { response, stream } = await open(reference, sessionHeaders(session));
    expect(response.status).toBe(200);
    try {
      await stream.readUntil(() => stream.events().length >= 1);
      const signedOut = await fetch(`${system.url}/api/sign-out`, { method: 'POST', headers: sessionHeaders(session) });
      expect(signedOut.status).toBe(204);
      await addEvent(reference, 2, 'eoi.submitted');
      await stream.readToEnd(5_000);
      expect(stream.ended).toBe(true);
      expect(stream.events().map((event) => event.id)).toEqual(['1']);
    } finally {
      stream.close();
    }
  });

  it('ends, while nothing happens on the case, when its token is revoked', async () => {
    const reference = await openCase();
    const person = await lead();
    const token = await mintApiToken(prisma, person.id);
    const { stream } = await open(reference, { authorization: `Bearer ${token}` });
    try {
      await stream.readUntil(() => stream.events().length >= 1);
      await prisma.apiToken.updateMany({ where: { personId: person.id }, data: { revokedAt: new Date() } });
      await stream.readToEnd(5_000);
      expect(stream.ended).toBe(true);
    } finally {
      stream.close();
    }
  });

  it('ends when its token expires', async () => {
    const reference = await openCase();
    const token = await mintApiToken(prisma, (await lead()).id, { expiresAt: new Date(Date.now() + 1_500) });
    const { stream } = await open(reference, { authorization: `Bearer ${token}` });
    try {
      await stream.readUntil(() => stream.events().length >= 1);
      await stream.readToEnd(6_000);
      expect(stream.ended).toBe(true);
    } finally {
      stream.close();
    }
  });

  it('ends when its reader loses the role that let them read the case', async () => {
    const reference = await openCase();
    const person = await lead();
    const { stream } = await open(reference, { authorization: `Bearer ${await mintApiToken(prisma, person.id)}` });
    try {
      await stream.readUntil(() => stream.events().length >= 1);
      await prisma.roleGrant.updateMany({ where: { personId: person.id }, data: { revokedAt: new Date() } });
      await addEvent(reference, 2, 'eoi.submitted');
      await stream.readToEnd(5_000);
      expect(stream.events().map((event) => event.id)).toEqual(['1']);
    } finally {
      stream.close();
    }
  });

  it(`lets one person hold ${streamsPerPerson} streams open, refuses the next with 429, and lets it once one closes`, async () => {
    const reference = await openCase();
    const headers = { authorization: `Bearer ${await mintApiToken(prisma, (await lead()).id)}` };
    const first = await open(reference, headers);
    const second = await open(reference, headers);
    try {
      expect([first.response.status, second.response.status]).toEqual([200, 200]);
      const refused = await fetch(`${system.url}/api/applications/${reference}/events`, { headers: { ...headers, 'accept-language': 'en' } });
      expect(refused.status).toBe(429);
      expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(((await refused.json()) as { detail: string }).detail).toBe(
        `You have too many event streams open (at most ${streamsPerPerson}); close one (in another tab, perhaps) and try again`,
      );
      // Someone else is not held back by it.
      const other = await open(reference, { authorization: `Bearer ${await mintApiToken(prisma, (await lead()).id)}` });
      expect(other.response.status).toBe(200);
      other.stream.close();

      first.stream.close();
      const third = await eventually(async () => {
        const attempt = await open(reference, headers);
        if (attempt.response.status === 200) return attempt;
        await attempt.response.body?.cancel();
        return undefined;
      }, 5_000);
      third.stream.close();
    } finally {
      first.stream.close();
      second.stream.close();
    }
  });

  it('has one reader for a case however many streams follow it, and none once they have gone', async () => {
    const reference = await openCase();
    const streams = await Promise.all(
      Array.from({ length: 3 }, async () => (await open(reference, { authorization: `Bearer ${await mintApiToken(prisma, (await lead()).id)}` })).stream),
    );
    try {
      for (const stream of streams) await stream.readUntil(() => stream.events().length >= 1);
      expect(feeds.stats()).toMatchObject({ cases: 1, followers: 3 });
      // Over half a second, one reader polling every 50 ms reads about ten times; three would read thirty.
      const before = feeds.stats().reads;
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(feeds.stats().reads - before).toBeLessThanOrEqual(14);
      await addEvent(reference, 2, 'eoi.submitted');
      for (const stream of streams) await stream.readUntil(() => stream.events().length >= 2);
    } finally {
      for (const stream of streams) stream.close();
    }
    await eventually(() => Promise.resolve(feeds.stats().cases === 0 ? true : undefined), 5_000);
  });
});
