import { z } from 'zod';
import { Prisma } from '../../generated/prisma/client.js';
import type { Actor } from '../access/actor.js';
import type { PrismaClient } from '../db/prisma.js';
import { auditAccountEvent } from './account-audit.js';
import { AppError } from '../domain/app-error.js';
import { oneLineText } from '../domain/text.js';
import { actorOf, actorSql, type ActorRow } from './load-actor.js';
import { digestOf, newSecret } from './secrets.js';

// Bearer tokens for API clients (a council's finance system, a script). A token acts as the person who
// made it, with that person's roles as they are at each request. The `cym_` prefix lets secret scanners
// and people recognise a leaked one. Every token expires, at most `maxLifetimeDays` (API_TOKEN_MAX_DAYS)
// after it was made, so one copied into a script years ago does not still open the door.

export const apiTokenPrefix = 'cym_';
const tokenShape = /^cym_[A-Za-z0-9_-]{43}$/;
const minute = 60_000;
const day = 24 * 60 * minute;

export const createApiTokenInput = z.strictObject({
  name: oneLineText(100),
  expiresAt: z.iso.datetime({ offset: true }).nullable().optional().meta({
    description: 'When the token stops working: in the future, at most API_TOKEN_MAX_DAYS (90 by default) away; left out, that far. `null` (never) is refused',
  }),
});

export type CreateApiTokenInput = z.infer<typeof createApiTokenInput>;

export interface ApiTokenView {
  id: string;
  name: string;
  createdAt: string;
  /** Never null: every token expires. */
  expiresAt: string;
}

export interface CreatedApiToken extends ApiTokenView {
  /** The only time the token is ever shown. */
  token: string;
}

export interface ListedApiToken extends ApiTokenView {
  lastUsedAt: string | null;
}

/** When a token expires: its own expiry, but never later than `maxLifetimeDays` after it was made. */
function expiryOf(row: { createdAt: Date; expiresAt: Date | null }, maxLifetimeDays: number): Date {
  const cap = new Date(row.createdAt.getTime() + maxLifetimeDays * day);
  return row.expiresAt && row.expiresAt < cap ? row.expiresAt : cap;
}

function chosenExpiry(input: CreateApiTokenInput, now: Date, maxLifetimeDays: number): Date {
  const latest = new Date(now.getTime() + maxLifetimeDays * day);
  if (input.expiresAt === undefined) return latest;
  if (input.expiresAt === null) {
    throw new AppError('invalid_input', {
      cy: `Rhaid i docynnau API ddod i ben, ymhen ${maxLifetimeDays} diwrnod ar y mwyaf: rhowch expiresAt, neu ei adael allan am ${maxLifetimeDays} diwrnod`,
      en: `API tokens must expire, at most ${maxLifetimeDays} days from now: give expiresAt, or leave it out for ${maxLifetimeDays} days`,
    });
  }
  const expiresAt = new Date(input.expiresAt);
  if (expiresAt <= now) {
    throw new AppError('invalid_input', { cy: 'Rhaid i’r dyddiad dod i ben fod yn y dyfodol', en: 'The expiry date must be in the future' });
  }
  if (expiresAt > latest) {
    throw new AppError('invalid_input', {
      cy: `Gall tocynnau API fyw am ${maxLifetimeDays} diwrnod ar y mwyaf: rhaid i expiresAt fod ddim hwyrach na ${latest.toISOString()}`,
      en: `API tokens may live at most ${maxLifetimeDays} days: expiresAt must be no later than ${latest.toISOString()}`,
    });
  }
  return expiresAt;
}

export async function createApiToken({
  prisma,
  personId,
  input,
  now,
  maxLifetimeDays,
}: {
  prisma: PrismaClient;
  personId: string;
  input: CreateApiTokenInput;
  now: Date;
  maxLifetimeDays: number;
}): Promise<CreatedApiToken> {
  const expiresAt = chosenExpiry(input, now, maxLifetimeDays);
  const token = newSecret(apiTokenPrefix);
  const row = await prisma.$transaction(async (tx) => {
    const created = await tx.apiToken.create({ data: { personId, name: input.name, tokenHash: digestOf(token), createdAt: now, expiresAt } });
    await auditAccountEvent(tx, {
      personId,
      at: now,
      command: 'token.create',
      summary: { cy: 'Creodd docyn API', en: 'Created an API token' },
      changes: { tokenId: created.id, name: created.name, expiresAt: expiresAt.toISOString() },
    });
    return created;
  });
  return { id: row.id, name: row.name, createdAt: row.createdAt.toISOString(), expiresAt: expiresAt.toISOString(), token };
}

/** The person's own tokens that still work, newest first, each with when it expires; never the token itself. */
export async function listApiTokens({
  prisma,
  personId,
  now,
  maxLifetimeDays,
}: {
  prisma: PrismaClient;
  personId: string;
  now: Date;
  maxLifetimeDays: number;
}): Promise<ListedApiToken[]> {
  const rows = await prisma.apiToken.findMany({
    where: {
      personId,
      revokedAt: null,
      createdAt: { gt: new Date(now.getTime() - maxLifetimeDays * day) },
      OR: [{ expiresAt: null }, { expiresAt: { gt: now } }],
    },
    orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
    select: { id: true, name: true, createdAt: true, expiresAt: true, lastUsedAt: true },
  });
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    createdAt: row.createdAt.toISOString(),
    expiresAt: expiryOf(row, maxLifetimeDays).toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
  }));
}

/**
 * The person a bearer token acts for, with the roles they hold now, while the token is neither revoked nor
 * expired (nor older than `maxLifetimeDays`, which also ends tokens made before lifetimes were capped);
 * undefined otherwise. One query: the token, the person and their roles, read afresh for every request, so
 * a revocation (of the token or of a role) holds from the next request. `touch: false` (a live stream
 * checking its token is still good) leaves the last use as it was.
 */
export async function resumeApiToken({
  prisma,
  token,
  now,
  maxLifetimeDays,
  touch = true,
}: {
  prisma: PrismaClient;
  token: string;
  now: Date;
  maxLifetimeDays: number;
  touch?: boolean;
}): Promise<{ tokenId: string; actor: Actor } | undefined> {
  if (!tokenShape.test(token)) return undefined;
  const [row] = await prisma.$queryRaw<(ActorRow & { tokenId: string; lastUsedAt: Date | null })[]>`
    SELECT t.id AS "tokenId", t.last_used_at AS "lastUsedAt", a.*
    FROM api_token t CROSS JOIN LATERAL (${actorSql(Prisma.sql`t.person_id`, now)}) a
    WHERE t.token_hash = ${digestOf(token)} AND t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > ${now}::timestamptz)
      AND t.created_at > ${new Date(now.getTime() - maxLifetimeDays * day)}::timestamptz`;
  if (!row) return undefined;
  if (!touch) return { tokenId: row.tokenId, actor: actorOf(row) };
  // Last use is for people reviewing their tokens; minute precision spares a write per request.
  const stale = new Date(now.getTime() - minute);
  if (row.lastUsedAt === null || row.lastUsedAt <= stale) {
    await prisma.apiToken.updateMany({ where: { id: row.tokenId, OR: [{ lastUsedAt: null }, { lastUsedAt: { lte: stale } }] }, data: { lastUsedAt: now } });
  }
  return { tokenId: row.tokenId, actor: actorOf(row) };
}

/** Revokes one of the person's own tokens; someone else's token is, to them, not there. */
export async function revokeApiToken({
  prisma,
  personId,
  tokenId,
  now,
}: {
  prisma: PrismaClient;
  personId: string;
  tokenId: string;
  now: Date;
}): Promise<void> {
  const { success } = z.uuid().safeParse(tokenId);
  const revoked = success
    ? await prisma.$transaction(async (tx) => {
        const changed = await tx.apiToken.updateMany({ where: { id: tokenId, personId, revokedAt: null }, data: { revokedAt: now } });
        if (changed.count === 1) {
          await auditAccountEvent(tx, {
            personId,
            at: now,
            command: 'token.revoke',
            summary: { cy: 'Diddymodd docyn API', en: 'Revoked an API token' },
            changes: { tokenId },
          });
        }
        return changed;
      })
    : { count: 0 };
  if (revoked.count === 0) {
    const alreadyRevoked = success && (await prisma.apiToken.count({ where: { id: tokenId, personId } })) > 0;
    if (alreadyRevoked) return;
    throw new AppError('not_found', { cy: `Nid oes gennych docyn API ${tokenId}`, en: `You have no API token ${tokenId}` });
  }
}
