import { describe, expect, it } from 'vitest';
import { createApiTokenInput, resumeApiToken, revokeApiToken, createApiToken } from '../../src/auth/api-tokens.js';
import { loadActor } from '../../src/auth/load-actor.js';
import { resumeSession, startSession, endSession } from '../../src/auth/sessions.js';
import { signIn, signInInput, SignInThrottled } from '../../src/auth/sign-in.js';
import { digestOf } from '../../src/auth/secrets.js';
import type { PrismaClient } from '../../src/db/prisma.js';
import { AppError } from '../../src/domain/app-error.js';
import { useMigratedDatabase } from '../support/database.js';
import { createOrganisation, createPerson } from '../support/people.js';

// The authentication operations against a real PostgreSQL, with the clock passed in.

let prisma: PrismaClient;
useMigratedDatabase((client) => (prisma = client));

const throttle = { freeFailures: 3, firstDelaySeconds: 60, maxDelaySeconds: 240 };
const here = '198.51.100.7';
const attempt = (email: string, password: string, now = new Date(), address = here) =>
  signIn({ prisma, input: signInInput.parse({ email, password }), now, address, throttle });

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  if (!(error instanceof AppError)) throw new Error(`Expected an AppError, got ${String(error)}`);
  return error;
}

const at = (base: Date, seconds: number) => new Date(base.getTime() + seconds * 1000);
const throttleOf = (email: string, address = here) =>
  prisma.signInThrottle.findUnique({ where: { email_address: { email, address } }, select: { failures: true, blockedUntil: true } });

describe('signing in with a password', () => {
  it('establishes the person, whatever the case of the email', async () => {
    const person = await createPerson(prisma, { email: 'Rhys.Owen@Cymuned.example' });
    expect(await attempt(' RHYS.OWEN@cymuned.example ', person.password)).toEqual({ personId: person.id });
  });

  it('gives the same refusal for an unknown email, a wrong password and a person without a password', async () => {
    const person = await createPerson(prisma);
    const withoutPassword = await prisma.person.create({ data: { email: 'oidc-only@cymuned.example', name: 'OIDC' } });
    const refusals = await Promise.all([
      refusal(attempt('nobody@cymuned.example', person.password)),
      refusal(attempt(person.email, 'not the password')),
      refusal(attempt(withoutPassword.email, 'any password at all')),
    ]);
    for (const error of refusals) {
      expect(error.code).toBe('unauthenticated');
      expect(error.detail).toEqual(refusals[0]?.detail);
    }
  });

  it('counts concurrent wrong passwords from one address exactly, without losing any', async () => {
    const person = await createPerson(prisma);
    await Promise.all(Array.from({ length: 2 }, () => refusal(attempt(person.email, 'wrong password'))));
    expect(await throttleOf(person.email)).toEqual({ failures: 2, blockedUntil: null });
  });

  it('lets a concurrent burst through only up to the free failures, and counts nothing while it waits', async () => {
    const person = await createPerson(prisma);
    const now = new Date();
    const refusals = await Promise.all(Array.from({ length: 12 }, () => refusal(attempt(person.email, 'wrong password', now))));
    expect(refusals.filter((error) => error.code === 'unauthenticated')).toHaveLength(3);
    expect(refusals.filter((error) => error.code === 'too_many_requests')).toHaveLength(9);
    expect(await throttleOf(person.email)).toEqual({ failures: 3, blockedUntil: at(now, 60) });
    // While it waits, not even the right password is tried.
    const waiting = await refusal(attempt(person.email, person.password, at(now, 59)));
    expect(waiting).toBeInstanceOf(SignInThrottled);
    expect((waiting as SignInThrottled).retryAfterSeconds).toBe(1);
    expect((await throttleOf(person.email))?.failures).toBe(3);
  });

  it('makes each wait twice the one before, up to the cap, then lets the right password in and forgets', async () => {
    const person = await createPerson(prisma);
    const now = new Date();
    for (let i = 0; i < 3; i += 1) await refusal(attempt(person.email, 'wrong password', now));
    await refusal(attempt(person.email, 'wrong password', at(now, 60)));
    expect(await throttleOf(person.email)).toEqual({ failures: 4, blockedUntil: at(now, 60 + 120) });
    await refusal(attempt(person.email, 'wrong password', at(now, 180)));
    expect(await throttleOf(person.email)).toEqual({ failures: 5, blockedUntil: at(now, 180 + 240) });
    await refusal(attempt(person.email, 'wrong password', at(now, 420)));
    expect(await throttleOf(person.email)).toEqual({ failures: 6, blockedUntil: at(now, 420 + 240) });
    expect(await attempt(person.email, person.password, at(now, 660))).toEqual({ personId: person.id });
    expect(await throttleOf(person.email)).toBeNull();
  });

  it('never holds up the account’s owner at another address, however long a stranger guesses', async () => {
    const person = await createPerson(prisma);
    const now = new Date();
    for (let i = 0; i < 20; i += 1) await refusal(attempt(person.email, 'wrong password', at(now, i * 300), '203.0.113.9'));
    expect((await throttleOf(person.email, '203.0.113.9'))?.blockedUntil).toEqual(at(now, 19 * 300 + 240));
    expect(await attempt(person.email, person.password, at(now, 19 * 300), here)).toEqual({ personId: person.id });
    // The stranger's address still waits; the owner's success does not lift it.
    expect((await refusal(attempt(person.email, person.password, at(now, 19 * 300 + 1), '203.0.113.9'))).code).toBe('too_many_requests');
  });

  it('throttles an email with no account exactly as one with', async () => {
    const now = new Date();
    for (let i = 0; i < 3; i += 1) expect((await refusal(attempt('neb@cymuned.example', 'wrong password', now))).code).toBe('unauthenticated');
    expect((await refusal(attempt('neb@cymuned.example', 'wrong password', now))).code).toBe('too_many_requests');
  });

  it('forgets failures a day after the last one', async () => {
    const person = await createPerson(prisma);
    const now = new Date();
    for (let i = 0; i < 3; i += 1) await refusal(attempt(person.email, 'wrong password', now));
    await refusal(attempt(person.email, 'wrong password', at(now, 24 * 60 * 60 + 1)));
    expect(await throttleOf(person.email)).toEqual({ failures: 1, blockedUntil: null });
  });

  it('forgets the failures when the right password comes before any wait', async () => {
    const person = await createPerson(prisma);
    for (let i = 0; i < 2; i += 1) await refusal(attempt(person.email, 'wrong password'));
    await attempt(person.email, person.password);
    expect(await throttleOf(person.email)).toBeNull();
  });

  it('refuses malformed input before touching the database', () => {
    expect(signInInput.safeParse({ email: 'not an email', password: 'x' }).success).toBe(false);
    expect(signInInput.safeParse({ email: 'a@b.example', password: '' }).success).toBe(false);
    expect(signInInput.safeParse({ email: 'a@b.example', password: 'x'.repeat(1025) }).success).toBe(false);
    expect(signInInput.safeParse({ email: 'a@b.example', password: 'x', extra: 1 }).success).toBe(false);
  });
});

describe('loading the actor', () => {
  it('has the person and the grants they hold now', async () => {
    const group = await createOrganisation(prisma);
    const now = new Date();
    const person = await createPerson(prisma, {
      name: 'Gwen Parri',
      language: 'cy',
      grants: [
        { role: 'applicant_lead', organisationId: group.id },
        { role: 'approver', programme: 'CFP', delegatedLimitPence: 2_500_000n },
        { role: 'caseworker', revokedAt: new Date(now.getTime() - 1000) },
        { role: 'assessor', revokedAt: new Date(now.getTime() + 3_600_000) },
      ],
    });
    const actor = await loadActor(prisma, person.id, now);
    expect(actor).toEqual({
      personId: person.id,
      name: 'Gwen Parri',
      email: person.email,
      language: 'cy',
      grants: expect.arrayContaining([
        { role: 'applicant_lead', organisationId: group.id, programme: null, delegatedLimitPence: null },
        { role: 'approver', organisationId: null, programme: 'CFP', delegatedLimitPence: 2_500_000n },
        { role: 'assessor', organisationId: null, programme: null, delegatedLimitPence: null },
      ]),
    });
    expect(actor?.grants).toHaveLength(3);
    // A bearer token finds the same actor in the same query as the token.
    const { token } = await createApiToken({ prisma, personId: person.id, input: { name: 'yr un person' }, now, maxLifetimeDays: 90 });
    expect((await resumeApiToken({ prisma, token, now, maxLifetimeDays: 90 }))?.actor).toEqual(actor);
  });

  it('is undefined for nobody', async () => {
    expect(await loadActor(prisma, '00000000-0000-4000-8000-000000000000')).toBeUndefined();
    expect(await loadActor(prisma, 'not-a-uuid')).toBeUndefined();
  });
});

describe('sessions', () => {
  const lifetime = { idleMinutes: 120, maxHours: 12 };

  it('stores only the hash of the token', async () => {
    const person = await createPerson(prisma);
    const { token } = await startSession({ prisma, personId: person.id, now: new Date(), lifetime });
    const rows = await prisma.session.findMany({ where: { personId: person.id } });
    expect(rows.map((row) => row.tokenHash)).toEqual([digestOf(token)]);
    expect(JSON.stringify(rows)).not.toContain(token);
  });

  it('lasts while used, ends after idleness or at its fixed end, and is then deleted', async () => {
    const person = await createPerson(prisma);
    const start = new Date();
    const minutes = (n: number) => new Date(start.getTime() + n * 60_000);
    const { token, expiresAt } = await startSession({ prisma, personId: person.id, now: start, lifetime });
    expect(expiresAt).toEqual(minutes(720));

    // Used every 100 minutes, it outlives the 120-minute idle limit…
    for (let at = 100; at <= 700; at += 100) {
      expect((await resumeSession({ prisma, token, now: minutes(at), lifetime }))?.actor.personId).toBe(person.id);
    }
    // …but not its 12 hours.
    expect(await resumeSession({ prisma, token, now: minutes(720), lifetime })).toBeUndefined();
    expect(await prisma.session.count({ where: { personId: person.id } })).toBe(0);

    const idle = await startSession({ prisma, personId: person.id, now: start, lifetime });
    expect(await resumeSession({ prisma, token: idle.token, now: minutes(120), lifetime })).toBeUndefined();
    expect(await prisma.session.count({ where: { personId: person.id } })).toBe(0);
  });

  it('writes last-seen at most once a minute', async () => {
    const person = await createPerson(prisma);
    const start = new Date();
    const { token } = await startSession({ prisma, personId: person.id, now: start, lifetime });
    const lastSeen = async () => (await prisma.session.findUniqueOrThrow({ where: { tokenHash: digestOf(token) } })).lastSeenAt;
    await resumeSession({ prisma, token, now: new Date(start.getTime() + 30_000), lifetime });
    expect(await lastSeen()).toEqual(start);
    await resumeSession({ prisma, token, now: new Date(start.getTime() + 61_000), lifetime });
    expect(await lastSeen()).toEqual(new Date(start.getTime() + 61_000));
  });

  it('ends at sign-out, and ignores tokens that are not ours', async () => {
    const person = await createPerson(prisma);
    const { token } = await startSession({ prisma, personId: person.id, now: new Date(), lifetime });
    await endSession({ prisma, token });
    expect(await resumeSession({ prisma, token, now: new Date(), lifetime })).toBeUndefined();
    expect(await resumeSession({ prisma, token: 'short', now: new Date(), lifetime })).toBeUndefined();
  });
});

describe('API tokens', () => {
  it('act for their person until they expire or are revoked, and only their hash is stored', async () => {
    const person = await createPerson(prisma);
    const now = new Date();
    const expiresAt = new Date(now.getTime() + 3_600_000);
    const created = await createApiToken({
      prisma,
      personId: person.id,
      input: createApiTokenInput.parse({ name: 'Cyllid', expiresAt: expiresAt.toISOString() }),
      now,
      maxLifetimeDays: 90,
    });
    expect(created.token).toMatch(/^cym_[A-Za-z0-9_-]{43}$/);
    const row = await prisma.apiToken.findUniqueOrThrow({ where: { id: created.id } });
    expect(row.tokenHash).toBe(digestOf(created.token));
    expect(JSON.stringify(row)).not.toContain(created.token);

    expect(await resumeApiToken({ prisma, token: created.token, now, maxLifetimeDays: 90 })).toMatchObject({
      tokenId: created.id,
      actor: { personId: person.id },
    });
    expect(await resumeApiToken({ prisma, token: created.token, now: expiresAt, maxLifetimeDays: 90 })).toBeUndefined();

    await revokeApiToken({ prisma, personId: person.id, tokenId: created.id, now });
    expect(await resumeApiToken({ prisma, token: created.token, now, maxLifetimeDays: 90 })).toBeUndefined();
    // Revoking twice is fine; someone else's token, or none, is not found.
    await revokeApiToken({ prisma, personId: person.id, tokenId: created.id, now });
    const other = await createPerson(prisma);
    expect((await refusal(revokeApiToken({ prisma, personId: other.id, tokenId: created.id, now }))).code).toBe('not_found');
    expect((await refusal(revokeApiToken({ prisma, personId: person.id, tokenId: 'nonsense', now }))).code).toBe('not_found');
  });

  it('must expire in the future, within the lifetime allowed; left out, at its end', async () => {
    const person = await createPerson(prisma);
    const now = new Date();
    const make = (expiresAt: string | null | undefined) =>
      createApiToken({ prisma, personId: person.id, input: createApiTokenInput.parse({ name: 'prawf', expiresAt }), now, maxLifetimeDays: 30 });
    expect((await refusal(make(new Date(now.getTime() - 1).toISOString()))).code).toBe('invalid_input');
    expect((await refusal(make(null))).code).toBe('invalid_input');
    expect((await refusal(make(new Date(now.getTime() + 30 * 86_400_000 + 1).toISOString()))).code).toBe('invalid_input');
    expect((await make(new Date(now.getTime() + 30 * 86_400_000).toISOString())).expiresAt).toBe(new Date(now.getTime() + 30 * 86_400_000).toISOString());
    expect((await make(undefined)).expiresAt).toBe(new Date(now.getTime() + 30 * 86_400_000).toISOString());
  });

  it('stop working once older than the lifetime allowed, whatever expiry they were made with', async () => {
    const person = await createPerson(prisma);
    const madeAt = new Date('2026-01-01T09:00:00Z');
    const { token } = await createApiToken({ prisma, personId: person.id, input: { name: 'hen' }, now: madeAt, maxLifetimeDays: 90 });
    // As if made before lifetimes were capped: no expiry at all.
    await prisma.apiToken.update({ where: { tokenHash: digestOf(token) }, data: { expiresAt: null } });
    expect(await resumeApiToken({ prisma, token, now: new Date('2026-03-31T08:59:59Z'), maxLifetimeDays: 90 })).toBeDefined();
    expect(await resumeApiToken({ prisma, token, now: new Date('2026-04-01T09:00:00Z'), maxLifetimeDays: 90 })).toBeUndefined();
    // A shorter lifetime configured later shortens it too.
    expect(await resumeApiToken({ prisma, token, now: new Date('2026-02-01T09:00:00Z'), maxLifetimeDays: 30 })).toBeUndefined();
  });
});
