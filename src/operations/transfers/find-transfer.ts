import type { Actor } from '../../access/actor.js';
import type { Action } from '../../access/policy.js';
import type { PrismaClient } from '../../db/prisma.js';
import { whoMayAct } from '../../domain/cat/refusals.js';
import { applicantRoles } from '../../domain/roles.js';
import { findCaseFor } from '../find-case.js';

/** The transfer `reference` names, from the read model, if `actor` may do `action` on it, and the role they act in. */
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
  const { row, actingAs } = await findCaseFor(
    {
      prefix: 'CAT',
      load: (reference) => prisma.transfer.findUnique({ where: { reference } }),
      scope: (row) => ({ organisationId: row.organisationId, ownerOrganisationId: row.ownerOrganisationId }),
      missing: (reference) => ({ cy: `Nid oes trosglwyddiad â'r cyfeirnod ${reference}`, en: `There is no transfer with reference ${reference}` }),
      // Refused to someone who may see the transfer, a command says who may send it.
      whoMay: (row, action) => {
        const names = { group: row.organisationName, owner: row.ownerName };
        if (action === 'transfer.casework') return whoMayAct(['asset_officer'], names);
        return action === 'transfer.apply' ? whoMayAct(applicantRoles, names) : undefined;
      },
    },
    { actor, reference, action },
  );
  return { transfer: row, actingAs };
}
