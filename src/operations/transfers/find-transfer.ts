import type { Actor, RoleGrantView } from '../../access/actor.js';
import { enforce, type Action } from '../../access/policy.js';
import type { PrismaClient } from '../../db/prisma.js';
import { AppError } from '../../domain/app-error.js';
import { caseReference } from '../../domain/text.js';

/**
 * The transfer `reference` names, from the read model, if `actor` may do `action` on it, and the role they
 * act in. A malformed reference, a missing transfer and another group's transfer all look the same to a
 * group's member or another council's officer: not found, in the same words.
 */
export async function findTransferFor({ prisma, actor, reference, action }: { prisma: PrismaClient; actor: Actor | undefined; reference: string; action: Action }) {
  const row = caseReference('CAT').safeParse(reference).success ? await prisma.transfer.findUnique({ where: { reference } }) : null;
  const notFound = () => new AppError('not_found', { cy: `Nid oes trosglwyddiad â'r cyfeirnod ${reference}`, en: `There is no transfer with reference ${reference}` });
  if (!row) {
    // Refuse the unauthenticated before saying whether anything is there.
    if (!actor) enforce(undefined, action);
    throw notFound();
  }
  const actingAs: RoleGrantView | null = enforce(actor, action, { organisationId: row.organisationId, ownerOrganisationId: row.ownerOrganisationId }, { notFound });
  return { transfer: row, actingAs };
}
