import type { Prisma } from '../../../generated/prisma/client.js';

// One change or verification of a group's bank details at a time, until the transaction ends, including
// the first (when there is no row yet to lock): a verification then always sees the version it names.
const BANK_ACCOUNT_LOCK_SPACE = 0x62616e6b; // 'bank'

export async function lockBankAccount(tx: Prisma.TransactionClient, organisationId: string): Promise<void> {
  await tx.$queryRaw`SELECT pg_advisory_xact_lock(${BANK_ACCOUNT_LOCK_SPACE}::int, hashtext(${organisationId}))::text`;
}
