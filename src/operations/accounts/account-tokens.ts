import type { Prisma } from '../../../generated/prisma/client.js';
import type { PrismaClient } from '../../db/prisma.js';
import { AppError } from '../../domain/app-error.js';
import { digestOf, newSecret } from '../../auth/secrets.js';

// The links mailed about a person's own account. The link carries 256 random bits; the database keeps
// only their SHA-256 (as for sessions), so a leaked backup opens nobody's account. Each link is used once
// and works for a while only: using it is one conditional UPDATE, so two clicks racing cannot both win.

export type AccountTokenPurpose = 'email_confirmation' | 'password_reset';

/** What a link is, looked at without using it (the page a mail scanner's GET shows). */
export type AccountLinkState = 'usable' | 'used' | 'expired' | 'unknown';

const tokenShape = /^[A-Za-z0-9_-]{43}$/;

/** Whether a token row can still be used at `now`; a row not found is 'unknown'. Pure, for the pages and tests. */
export function accountLinkState(row: { usedAt: Date | null; expiresAt: Date } | null | undefined, now: Date): AccountLinkState {
  if (!row) return 'unknown';
  if (row.usedAt) return 'used';
  return row.expiresAt <= now ? 'expired' : 'usable';
}

/** The address mailed: always our own public address, never one a request named. */
export function accountLink(publicUrl: string, path: '/confirm-email' | '/reset-password', token: string): string {
  return `${publicUrl}${path}/${token}`;
}

/** A link that cannot be used, and why: the pages say so and offer a new one. */
export class AccountLinkRefused extends AppError {
  constructor(readonly state: Exclude<AccountLinkState, 'usable'>) {
    super(state === 'unknown' ? 'not_found' : 'conflict', refusals[state]);
  }
}

const refusals = {
  unknown: {
    cy: 'Nid yw’r ddolen hon yn gweithio. Gwiriwch eich bod wedi copïo’r ddolen gyfan o’r e-bost, neu gofynnwch am un newydd.',
    en: 'This link does not work. Check you copied the whole link from the email, or ask for a new one.',
  },
  used: {
    cy: 'Mae’r ddolen hon wedi cael ei defnyddio eisoes. Gofynnwch am un newydd os oes angen.',
    en: 'This link has been used already. Ask for a new one if you need it.',
  },
  expired: { cy: 'Mae’r ddolen hon wedi dod i ben. Gofynnwch am un newydd.', en: 'This link has expired. Ask for a new one.' },
} as const;

/** Makes a new link for the person; returns the secret (for the mail, never stored) and the row's id (for the notice's id). */
export async function issueAccountToken(
  tx: Prisma.TransactionClient,
  {
    personId,
    purpose,
    nextPath = null,
    now,
    lifetimeMinutes,
  }: { personId: string; purpose: AccountTokenPurpose; nextPath?: string | null; now: Date; lifetimeMinutes: number },
): Promise<{ id: string; token: string }> {
  const token = newSecret();
  const row = await tx.accountToken.create({
    data: { tokenHash: digestOf(token), personId, purpose, nextPath, createdAt: now, expiresAt: new Date(now.getTime() + lifetimeMinutes * 60_000) },
    select: { id: true },
  });
  return { id: row.id, token };
}

/** What a link is now, without using it; with the person it is for when it can be used. */
export async function inspectAccountToken(
  prisma: PrismaClient | Prisma.TransactionClient,
  { token, purpose, now }: { token: string; purpose: AccountTokenPurpose; now: Date },
): Promise<{ state: AccountLinkState; personId?: string; email?: string }> {
  if (!tokenShape.test(token)) return { state: 'unknown' };
  const row = await prisma.accountToken.findUnique({
    where: { tokenHash: digestOf(token) },
    select: { purpose: true, usedAt: true, expiresAt: true, personId: true, person: { select: { email: true } } },
  });
  const state = accountLinkState(row?.purpose === purpose ? row : null, now);
  return state === 'usable' && row ? { state, personId: row.personId, email: row.person.email } : { state };
}

/**
 * Uses the link: marks it used if it still can be, in the caller's transaction, and returns whom it is for
 * and where it leads. Throws AccountLinkRefused (saying why) when it cannot be used.
 */
export async function consumeAccountToken(
  tx: Prisma.TransactionClient,
  { token, purpose, now }: { token: string; purpose: AccountTokenPurpose; now: Date },
): Promise<{ id: string; personId: string; nextPath: string | null }> {
  if (tokenShape.test(token)) {
    const used = await tx.$queryRaw<{ id: string; personId: string; nextPath: string | null }[]>`
      UPDATE account_token SET used_at = ${now}::timestamptz
      WHERE token_hash = ${digestOf(token)} AND purpose = ${purpose} AND used_at IS NULL AND expires_at > ${now}::timestamptz
      RETURNING id::text AS id, person_id::text AS "personId", next_path AS "nextPath"`;
    if (used[0]) return used[0];
  }
  const { state } = await inspectAccountToken(tx, { token, purpose, now });
  throw new AccountLinkRefused(state === 'usable' ? 'used' : state);
}

/** One message per link: derived from the token's row, so a retried change cannot mail twice. */
export function accountNoticeId(personId: string, tokenId: string): string {
  return `person:${personId}:account-token:${tokenId}`;
}

/** One delivery per link, named after it. */
export function accountNoticeWorkflowId(personId: string, tokenId: string): string {
  return `person:${personId}/account-token/${tokenId}/notice`;
}
