import type { Actor, RoleGrantView } from '../../access/actor.js';
import { enforce, type Action } from '../../access/policy.js';
import type { PrismaClient } from '../../db/prisma.js';
import { AppError } from '../../domain/app-error.js';
import { whoMayAct } from '../../domain/cat/refusals.js';
import { applicantRoles } from '../../domain/roles.js';
import { caseReference } from '../../domain/text.js';

/**
 * The transfer `reference` names, from the read model, if `actor` may do `action` on it, and the role they
 * act in. A malformed reference, a missing transfer and another group's transfer all look the same to a
 * group's member or another council's officer: not found, in the same words.
 */
export async function findTransferFor({
  prisma,
  actor,
  reference,
  action,
}: {
  prisma: PrismaClient;
  actor: Actor | undefined;
  reference: string;
  action: Action;
}) {
  const row = caseReference('CAT').safeParse(reference).success ? await prisma.transfer.findUnique({ where: { reference } }) : null;
  const notFound = () =>
    new AppError('not_found', { cy: `Nid oes trosglwyddiad â'r cyfeirnod ${reference}`, en: `There is no transfer with reference ${reference}` });
  if (!row) {
    // Refuse the unauthenticated before saying whether anything is there.
    if (!actor) enforce(undefined, action);
    throw notFound();
  }
  // Refused to someone who may see the transfer, a command says who may send it.
  const names = { group: row.organisationName, owner: row.ownerName };
  const mayAct =
    action === 'transfer.casework' ? whoMayAct(['asset_officer'], names) : action === 'transfer.apply' ? whoMayAct(applicantRoles, names) : undefined;
  const forbidden = mayAct ? () => new AppError('forbidden', mayAct) : undefined;
  const actingAs: RoleGrantView | null = enforce(
    actor,
    action,
    { organisationId: row.organisationId, ownerOrganisationId: row.ownerOrganisationId },
    { notFound, ...(forbidden ? { forbidden } : {}) },
  );
  return { transfer: row, actingAs };
}
