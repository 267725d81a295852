import type { PrismaClient } from '../../db/prisma.js';
import type { CfpPolicy } from '../../domain/cfp/policy.js';
import { dateInWales } from '../../domain/wales-time.js';

/**
 * The case officer the programme's rule gives an application as its expression of interest is sent
 * (policy `caseOfficerAssignment`), or null: no rule, a rule not yet in force, 'none', a case that has an
 * officer already, or no caseworker to give it to. Round robin: the programme's caseworkers in a fixed
 * order, each after whoever was given the last case so assigned (read from the eoi.submitted events).
 */
export async function caseOfficerOnSubmission(prisma: PrismaClient, policy: CfpPolicy, reference: string, now: Date): Promise<string | null> {
  const assignment = policy.caseOfficerAssignment;
  if (!assignment || assignment.rule === 'none' || dateInWales(now) < assignment.effectiveFrom) return null;
  const application = await prisma.application.findUnique({ where: { reference }, select: { caseOfficerId: true } });
  if (application?.caseOfficerId) return null;
  const caseworkers = await prisma.person.findMany({
    where: { roleGrants: { some: { role: 'caseworker', revokedAt: null, OR: [{ programme: null }, { programme: 'CFP' }] } } },
    orderBy: { id: 'asc' },
    select: { id: true },
  });
  if (caseworkers.length === 0) return null;
  const [last] = await prisma.$queryRaw<{ id: string }[]>`
    SELECT payload->>'caseOfficerId' AS id FROM case_event
    WHERE type = 'eoi.submitted' AND payload ? 'caseOfficerId'
    ORDER BY occurred_at DESC, reference DESC LIMIT 1`;
  const after = last ? caseworkers.findIndex((person) => person.id === last.id) : -1;
  return caseworkers[(after + 1) % caseworkers.length]?.id ?? null;
}
