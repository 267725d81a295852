import type { Actor } from '../../../access/actor.js';
import type { PrismaClient } from '../../../db/prisma.js';
import { applicantRoles } from '../../../domain/roles.js';

/** The groups the person acts for, by name, for a choice when there is more than one. */
export async function applicantGroupsOf(prisma: PrismaClient, actor: Actor): Promise<{ id: string; name: string }[]> {
  const ids = [...new Set(actor.grants.filter((g) => applicantRoles.includes(g.role) && g.organisationId).map((g) => g.organisationId as string))];
  return prisma.organisation.findMany({ where: { id: { in: ids } }, select: { id: true, name: true }, orderBy: { name: 'asc' } });
}
