import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSystem, type TestSystem } from '../support/app.js';
import { eventually } from '../support/http.js';
import { createOrganisation, createPerson, mintApiToken } from '../support/people.js';

// Idempotency-Key on POST /api/enquiries, against the real app. Whether the handler ran is read from the
// reference counter, which the handler moves synchronously before it answers; the enquiries themselves
// arrive a moment later through their workflows.

describe('Idempotency-Key', () => {
  let system: TestSystem;

  beforeAll(async () => {
    system = await startTestSystem();
  });

  afterAll(() => system?.stop());

  /** A member of a new group, with a bearer token (so no CSRF token is needed). */
  async function member(): Promise<{ token: string; groupId: string; personId: string }> {
    const group = await createOrganisation(system.prisma);
    const person = await createPerson(system.prisma, { grants: [{ role: 'applicant_lead', organisationId: group.id }] });
    return { token: await mintApiToken(system.prisma, person.id), groupId: group.id, personId: person.id };
  }

  const enquiry = (message = 'We would like to talk about the village hall.') => ({
    organisationName: 'Neuadd y Pentref',
    contactEmail: 'clerc@example.cymru',
    message,
  });

  const post = (token: string, key: string | undefined, body: unknown, path = '/api/enquiries') =>
    fetch(`${system.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...(key === undefined ? {} : { 'idempotency-key': key }) },
      body: JSON.stringify(body),
    });

  /** How many enquiry references have been handed out: once per run of the handler. */
  async function referencesIssued(): Promise<number> {
    const [row] = await system.prisma.$queryRaw<{ issued: number }[]>`
      SELECT COALESCE(SUM(last), 0)::int AS issued FROM reference_counter WHERE prefix = 'ENQ'`;
    return row?.issued ?? 0;
  }

  /** Waits until the group has `count` enquiries recorded, then checks no more arrive for a moment. */
  async function expectEnquiries(groupId: string, count: number): Promise<void> {
    await eventually(async () => ((await system.prisma.enquiry.count({ where: { organisationId: groupId } })) === count ? true : undefined));
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await system.prisma.enquiry.count({ where: { organisationId: groupId } })).toBe(count);
  }

  it('runs a request once and replays its answer to a retry with the same key', async () => {
    const { token, groupId } = await member();
    const key = randomUUID();
    const before = await referencesIssued();

    const first = await post(token, key, enquiry());
    const firstBody = await first.text();
    const retry = await post(token, key, enquiry());
    const retryBody = await retry.text();

    expect(first.status).toBe(202);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    expect(retry.status).toBe(202);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(retryBody).toBe(firstBody);
    expect(retry.headers.get('content-type')).toBe(first.headers.get('content-type'));
    expect(retry.headers.get('location')).toBe(first.headers.get('location'));
    expect(await referencesIssued()).toBe(before + 1);
    await expectEnquiries(groupId, 1);
  });

  it('accepts the draft’s structured-field form of the key as the same key', async () => {
    const { token } = await member();
    const key = randomUUID();
    expect((await post(token, key, enquiry())).status).toBe(202);
    const retry = await post(token, `"${key}"`, enquiry());
    expect(retry.status).toBe(202);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
  });

  it('refuses the same key with a different request (422) and does nothing', async () => {
    const { token, groupId } = await member();
    const key = randomUUID();
    expect((await post(token, key, enquiry('First message'))).status).toBe(202);
    const before = await referencesIssued();

    const reused = await post(token, key, enquiry('A different message'));
    expect(reused.status).toBe(422);
    expect(reused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await reused.json()).toMatchObject({ type: 'https://cymuned.example/problems/idempotency-key-reused', status: 422 });
    const welsh = await fetch(`${system.url}/api/enquiries`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'idempotency-key': key, 'accept-language': 'cy' },
      body: JSON.stringify(enquiry('Neges wahanol')),
    });
    expect(((await welsh.json()) as { title: string }).title).toBe('Mae’r Idempotency-Key eisoes wedi’i ddefnyddio ar gyfer cais gwahanol');
    expect(await referencesIssued()).toBe(before);
    await expectEnquiries(groupId, 1);
  });

  it('keeps each person’s keys to themself', async () => {
    const alice = await member();
    const bob = await member();
    const key = `shared-${randomUUID()}`;
    const before = await referencesIssued();

    const fromAlice = await post(alice.token, key, enquiry());
    const fromBob = await post(bob.token, key, enquiry());
    expect(fromAlice.status).toBe(202);
    expect(fromBob.status).toBe(202);
    expect(fromBob.headers.get('idempotent-replayed')).toBeNull();
    expect(fromBob.headers.get('location')).not.toBe(fromAlice.headers.get('location'));
    expect(await referencesIssued()).toBe(before + 2);
    await expectEnquiries(alice.groupId, 1);
    await expectEnquiries(bob.groupId, 1);
  });

  it.each([
    ['empty', ''],
    ['too long', 'k'.repeat(256)],
    ['a control character', 'key\twith-tab'],
    ['a character beyond ASCII', 'allwedd-\u00e9'],
    ['a broken structured string', '"unterminated'],
  ])('refuses a key that is %s (400) and does nothing', async (_what, key) => {
    const { token } = await member();
    const before = await referencesIssued();
    const response = await post(token, key, enquiry());
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await referencesIssued()).toBe(before);
  });

  it('takes a key of 255 printable characters', async () => {
    const { token } = await member();
    const key = `~${'k'.repeat(252)} !`;
    expect(key).toHaveLength(255);
    expect((await post(token, key, enquiry())).status).toBe(202);
  });

  it('without a key, does what it is asked each time', async () => {
    const { token, groupId } = await member();
    const before = await referencesIssued();
    const first = await post(token, undefined, enquiry());
    const second = await post(token, undefined, enquiry());
    expect([first.status, second.status]).toEqual([202, 202]);
    expect(second.headers.get('location')).not.toBe(first.headers.get('location'));
    expect(await referencesIssued()).toBe(before + 2);
    await expectEnquiries(groupId, 2);
  });

  it('replays client errors too: the same mistake gets the same answer', async () => {
    const { token } = await member();
    const key = randomUUID();
    const first = await post(token, key, { message: '' });
    const retry = await post(token, key, { message: '' });
    expect([first.status, retry.status]).toEqual([400, 400]);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(await retry.text()).toBe(await first.text());
  });

  it('answers 409 while the first request with the key is still running', async () => {
    const { token, personId } = await member();
    const key = randomUUID();
    expect((await post(token, key, enquiry())).status).toBe(202);
    // As it was while the handler ran: claimed, no answer yet.
    await system.prisma.idempotentRequest.update({
      where: { principal_key: { principal: personId, key } },
      data: { status: null, responseBody: null, completedAt: null },
    });
    const before = await referencesIssued();
    const retry = await post(token, key, enquiry());
    expect(retry.status).toBe(409);
    expect(retry.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await referencesIssued()).toBe(before);
  });

  it('forgets a key after 24 hours', async () => {
    const { token, personId, groupId } = await member();
    const key = randomUUID();
    const first = await post(token, key, enquiry());
    await system.prisma.idempotentRequest.update({
      where: { principal_key: { principal: personId, key } },
      data: { createdAt: new Date(Date.now() - 24 * 60 * 60 * 1000 - 1000) },
    });
    const later = await post(token, key, enquiry('Another one, a day later'));
    expect(later.status).toBe(202);
    expect(later.headers.get('idempotent-replayed')).toBeNull();
    expect(later.headers.get('location')).not.toBe(first.headers.get('location'));
    await expectEnquiries(groupId, 2);
  });

  it('never stores answers that carry credentials (sign-in)', async () => {
    const person = await createPerson(system.prisma);
    const key = randomUUID();
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const response = await fetch(`${system.url}/api/sign-in`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': key },
        body: JSON.stringify({ email: person.email, password: person.password }),
      });
      expect(response.status).toBe(200);
      expect(response.headers.get('idempotent-replayed')).toBeNull();
    }
    expect(await system.prisma.idempotentRequest.count({ where: { key } })).toBe(0);
  });
});
