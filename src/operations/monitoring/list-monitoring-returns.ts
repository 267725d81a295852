import type { Actor } from '../../access/actor.js';
import type { PrismaClient } from '../../db/prisma.js';
import { findAwardFor } from '../awards/find-award.js';

export interface MonitoringReturnView {
  period: number;
  dueAt: string;
  /** due, submitted, overdue */
  status: string;
  submittedAt: string | null;
}

/** An award's annual monitoring returns as its monitoring workflow has recorded them, first first. */
export async function listMonitoringReturns({
  prisma,
  actor,
  reference,
}: {
  prisma: PrismaClient;
  actor: Actor | undefined;
  reference: string;
}): Promise<MonitoringReturnView[]> {
  await findAwardFor({ prisma, actor, reference, action: 'award.read' });
  const rows = await prisma.monitoringReturn.findMany({ where: { awardReference: reference }, orderBy: { period: 'asc' } });
  return rows.map((row) => ({ period: row.period, dueAt: row.dueAt.toISOString(), status: row.status, submittedAt: row.submittedAt?.toISOString() ?? null }));
}
