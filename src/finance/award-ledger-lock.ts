import type { Prisma } from '../../generated/prisma/client.js';

// The lock the ledger's trigger takes for every entry of an award (see the award_money migration). Taken
// first, it lets a transaction read the award's balances and write against them with no payment, claim
// approval or other change to the award landing in between; it is held until the transaction ends.
const AWARD_LEDGER_LOCK_SPACE = 1818583393;

export async function lockAwardLedger(tx: Prisma.TransactionClient, awardReference: string): Promise<void> {
  await tx.$queryRaw`SELECT pg_advisory_xact_lock(${AWARD_LEDGER_LOCK_SPACE}::int, hashtext(${awardReference}))::text`;
}
