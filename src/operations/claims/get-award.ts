import type { Actor } from '../../access/actor.js';
import type { PrismaClient } from '../../db/prisma.js';
import { awardBalances } from '../../finance/ledger.js';
import { findAwardFor } from '../awards/find-award.js';

const pence = (value: bigint | null) => (value === null ? null : Number(value));

/** An award with its balances (all derived from the ledger) and its claims, for the group, casework and finance. */
export async function getAward({ prisma, actor, reference }: { prisma: PrismaClient; actor: Actor | undefined; reference: string }) {
  const { award } = await findAwardFor({ prisma, actor, reference, action: 'award.read' });
  const balances = await awardBalances(prisma, reference);
  const claims = await prisma.claim.findMany({ where: { awardReference: reference }, orderBy: { number: 'asc' } });
  return {
    reference,
    amountPence: Number(award.amountPence),
    financialYear: award.financialYear,
    acceptedAt: award.acceptedAt.toISOString(),
    completedAt: award.completedAt?.toISOString() ?? null,
    balances: Object.fromEntries(Object.entries(balances).map(([key, value]) => [key, Number(value)])) as Record<keyof typeof balances, number>,
    claims: claims.map((claim) => ({
      number: claim.number,
      kind: claim.kind,
      status: claim.status,
      requestedPence: Number(claim.requestedPence),
      approvedPence: pence(claim.approvedPence),
      retentionPence: pence(claim.retentionPence),
      payablePence: pence(claim.payablePence),
      submittedAt: claim.submittedAt.toISOString(),
    })),
  };
}
