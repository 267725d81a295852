import type { PrismaClient } from '../db/prisma.js';

// Counting wrong passwords per person stops a slow guesser spread over many IP addresses, which the per-IP
// rate limit cannot. Each change is one conditional UPDATE: PostgreSQL locks the row and re-checks the
// WHERE against the committed row, so concurrent wrong attempts are each counted exactly once and none
// lands on a person who was locked meanwhile.

export interface LockoutRule {
  /** Consecutive wrong passwords that lock sign-in. */
  threshold: number;
  /** How long the lock lasts. */
  seconds: number;
}

export interface FailedSignIns {
  failedSignIns: number;
  lockedUntil: Date | null;
}

/**
 * Counts one wrong password and locks sign-in when it reaches the threshold. A lock that has run out
 * starts the count afresh. Returns undefined when the person is locked already (nothing is counted then,
 * so guessing during a lock does not lengthen it).
 */
export async function recordFailedSignIn(prisma: PrismaClient, personId: string, now: Date, rule: LockoutRule): Promise<FailedSignIns | undefined> {
  const lockedUntil = new Date(now.getTime() + rule.seconds * 1000);
  const rows = await prisma.$queryRaw<FailedSignIns[]>`
    UPDATE person
    SET failed_sign_ins = (CASE WHEN locked_until IS NULL THEN failed_sign_ins ELSE 0 END) + 1,
        locked_until = CASE
          WHEN (CASE WHEN locked_until IS NULL THEN failed_sign_ins ELSE 0 END) + 1 >= ${rule.threshold}::int THEN ${lockedUntil}::timestamptz
          ELSE NULL
        END
    WHERE id = ${personId}::uuid AND (locked_until IS NULL OR locked_until <= ${now}::timestamptz)
    RETURNING failed_sign_ins AS "failedSignIns", locked_until AS "lockedUntil"`;
  return rows[0];
}

/** A correct password: forget earlier failures. False when a lock began meanwhile, so the sign-in fails. */
export async function clearFailedSignIns(prisma: PrismaClient, personId: string, now: Date): Promise<boolean> {
  const cleared = await prisma.$executeRaw`
    UPDATE person SET failed_sign_ins = 0, locked_until = NULL
    WHERE id = ${personId}::uuid AND (locked_until IS NULL OR locked_until <= ${now}::timestamptz)`;
  return cleared === 1;
}
