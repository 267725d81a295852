import { Prisma } from '../../generated/prisma/client.js';
import type { Actor } from '../access/actor.js';
import type { PrismaClient } from '../db/prisma.js';
import { auditAccountEvent } from './account-audit.js';
import { actorOf, actorSql, type ActorRow } from './load-actor.js';
import { digestOf, newSecret } from './secrets.js';

// A web session: the browser holds a random token in an HttpOnly cookie, the database holds its SHA-256.
// It ends after a spell of idleness or at a fixed time after sign-in, whichever comes first, and at sign-out.

export const sessionCookieName = 'cymuned_session';

export interface SessionLifetime {
  idleMinutes: number;
  maxHours: number;
}

export interface StartedSession {
  /** The cookie's value: shown to the browser once, never stored. */
  token: string;
  expiresAt: Date;
}

const minute = 60_000;
const tokenShape = /^[A-Za-z0-9_-]{43}$/;

function idleCutoff(now: Date, lifetime: SessionLifetime): Date {
  return new Date(now.getTime() - lifetime.idleMinutes * minute);
}

/** Starts a session for a person whose identity is established (by password now, OpenID Connect later). */
export async function startSession({
  prisma,
  personId,
  now,
  lifetime,
}: {
  prisma: PrismaClient;
  personId: string;
  now: Date;
  lifetime: SessionLifetime;
}): Promise<StartedSession> {
  const token = newSecret();
  const expiresAt = new Date(now.getTime() + lifetime.maxHours * 60 * minute);
  // Housekeeping where it is cheap: a person's ended sessions go when they start a new one.
  await prisma.session.deleteMany({ where: { personId, OR: [{ expiresAt: { lte: now } }, { lastSeenAt: { lte: idleCutoff(now, lifetime) } }] } });
  await prisma.$transaction(async (tx) => {
    await tx.session.create({ data: { tokenHash: digestOf(token), personId, createdAt: now, lastSeenAt: now, expiresAt } });
    await auditAccountEvent(tx, {
      personId,
      at: now,
      command: 'session.start',
      summary: { cy: 'Mewngofnododd', en: 'Signed in' },
      changes: { expiresAt: expiresAt.toISOString() },
    });
  });
  return { token, expiresAt };
}

/**
 * The person a session cookie belongs to, with the roles they hold now, while the session lasts; undefined
 * for anything else. One query: the session, the person and their roles, read afresh for every request.
 * `touch: false` (a live stream checking its session still holds) neither counts as activity nor tidies up.
 */
export async function resumeSession({
  prisma,
  token,
  now,
  lifetime,
  touch = true,
}: {
  prisma: PrismaClient;
  token: string;
  now: Date;
  lifetime: SessionLifetime;
  touch?: boolean;
}): Promise<{ actor: Actor } | undefined> {
  if (!tokenShape.test(token)) return undefined;
  const tokenHash = digestOf(token);
  const [session] = await prisma.$queryRaw<(ActorRow & { expiresAt: Date; lastSeenAt: Date })[]>`
    SELECT s.expires_at AS "expiresAt", s.last_seen_at AS "lastSeenAt", a.*
    FROM session s CROSS JOIN LATERAL (${actorSql(Prisma.sql`s.person_id`, now)}) a
    WHERE s.token_hash = ${tokenHash}`;
  if (!session) return undefined;
  if (session.expiresAt <= now || session.lastSeenAt <= idleCutoff(now, lifetime)) {
    if (touch) await prisma.session.deleteMany({ where: { tokenHash } });
    return undefined;
  }
  if (!touch) return { actor: actorOf(session) };
  // Writing on every request would turn each read into a write; once a minute (or a tenth of the idle
  // time, if that is shorter) keeps idle expiry accurate enough. The condition makes concurrent requests
  // write once.
  const touchEvery = Math.min(minute, (lifetime.idleMinutes * minute) / 10);
  const stale = new Date(now.getTime() - touchEvery);
  if (session.lastSeenAt <= stale) {
    await prisma.session.updateMany({ where: { tokenHash, lastSeenAt: { lte: stale } }, data: { lastSeenAt: now } });
  }
  return { actor: actorOf(session) };
}

/** Sign-out: the session is gone from the database, so the cookie is worthless even if it was copied. */
export async function endSession({ prisma, token, now = new Date() }: { prisma: PrismaClient; token: string; now?: Date }): Promise<void> {
  await prisma.$transaction(async (tx) => {
    const ended = await tx.$queryRaw<{ personId: string }[]>`DELETE FROM session WHERE token_hash = ${digestOf(token)} RETURNING person_id AS "personId"`;
    for (const { personId } of ended) {
      await auditAccountEvent(tx, { personId, at: now, command: 'session.end', summary: { cy: 'Allgofnododd', en: 'Signed out' }, changes: {} });
    }
  });
}

/**
 * Deletes every session that has ended (past its fixed time, or idle too long), for everyone: the sweep
 * behind the per-person clean-up in startSession, for people who never sign in again. Returns how many.
 */
export async function deleteEndedSessions({ prisma, now, lifetime }: { prisma: PrismaClient; now: Date; lifetime: SessionLifetime }): Promise<number> {
  const { count } = await prisma.session.deleteMany({ where: { OR: [{ expiresAt: { lte: now } }, { lastSeenAt: { lte: idleCutoff(now, lifetime) } }] } });
  return count;
}
