import { ipKeyGenerator } from 'express-rate-limit';
import type { PrismaClient } from '../db/prisma.js';

// Wrong passwords are counted per account *and* client address together. Locking an account outright
// after a few failures let anyone lock out anyone (a finance approver on a payment day) by guessing badly
// on purpose; counted per pair, a stranger's failures slow only the stranger, while the owner, signing in
// from their own address, is never held up. From one address, after a few free failures each further
// try must wait, twice as long each time up to a cap, so guessing stays slow. (Guessing spread over many
// addresses is slowed by the per-address limit on failed sign-ins, src/api/routes/auth.ts, not here.)
//
// An attempt is counted *before* its password is checked: one conditional upsert, which PostgreSQL
// serialises on the row, so a burst of concurrent guesses cannot all slip in before the first is counted.
// The right password then forgets the pair's failures.

export interface SignInThrottleRule {
  /** Wrong passwords from one address for one account before any wait. */
  freeFailures: number;
  /** The first wait; each further failure doubles it… */
  firstDelaySeconds: number;
  /** …up to this. */
  maxDelaySeconds: number;
}

/** A pair's failures are forgotten a day after the last one: an address that guessed yesterday starts afresh. */
const forgetAfterMs = 24 * 60 * 60 * 1000;

/** IPv6 clients are counted by their /56, as express-rate-limit does, since one holds billions of addresses. */
export function clientKey(address: string): string {
  return ipKeyGenerator(address);
}

/**
 * Counts an attempt at signing in as `email` from `address`, unless that pair must still wait. Returns the
 * seconds left to wait (nothing counted, the password not to be checked), or 0 to go ahead.
 */
export async function claimSignInAttempt(
  prisma: PrismaClient,
  { email, address, now, rule }: { email: string; address: string; now: Date; rule: SignInThrottleRule },
): Promise<number> {
  const key = clientKey(address);
  const forgetBefore = new Date(now.getTime() - forgetAfterMs);
  // Housekeeping where it is cheap (an index range, nearly always empty): pairs nobody has tried for a day.
  await prisma.signInThrottle.deleteMany({ where: { lastFailedAt: { lte: forgetBefore } } });
  // `failures` below is the count with this attempt; from freeFailures on, the next attempt waits
  // firstDelay * 2^(failures - freeFailures), capped (the exponent is capped too, so it never overflows).
  const counted = await prisma.$queryRaw<{ failures: number }[]>`
    WITH attempt AS (SELECT ${email}::text AS email, ${key}::text AS address)
    INSERT INTO sign_in_throttle AS t (email, address, failures, last_failed_at, blocked_until)
    SELECT email, address, 1, ${now}::timestamptz,
      CASE WHEN 1 >= ${rule.freeFailures}::int THEN ${now}::timestamptz + make_interval(secs => least(${rule.maxDelaySeconds}::int, ${rule.firstDelaySeconds}::int)) END
    FROM attempt
    ON CONFLICT (email, address) DO UPDATE SET
      failures = t.failures + 1,
      last_failed_at = ${now}::timestamptz,
      blocked_until = CASE WHEN t.failures + 1 >= ${rule.freeFailures}::int
        THEN ${now}::timestamptz + make_interval(secs => least(${rule.maxDelaySeconds}::float8,
          ${rule.firstDelaySeconds}::float8 * power(2, least(t.failures + 1 - ${rule.freeFailures}::int, 40))))
      END
    WHERE t.blocked_until IS NULL OR t.blocked_until <= ${now}::timestamptz
    RETURNING t.failures`;
  if (counted.length === 1) return 0;
  const waiting = await prisma.signInThrottle.findUnique({ where: { email_address: { email, address: key } }, select: { blockedUntil: true } });
  const left = (waiting?.blockedUntil?.getTime() ?? now.getTime()) - now.getTime();
  return Math.max(1, Math.ceil(left / 1000));
}

/** The right password: this pair's failures are forgotten (other addresses' stay, and keep waiting). */
export async function forgetSignInFailures(prisma: PrismaClient, { email, address }: { email: string; address: string }): Promise<void> {
  await prisma.signInThrottle.deleteMany({ where: { email, address: clientKey(address) } });
}
