import type { Actor } from '../../access/actor.js';
import type { Action } from '../../access/policy.js';
import type { PrismaClient } from '../../db/prisma.js';
import { findCaseFor } from '../find-case.js';

/** The enquiry `reference` names, if `actor` may do `action` on it. */
export async function findEnquiryFor({
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
  const { row } = await findCaseFor(
    {
      prefix: 'ENQ',
      load: (reference) => prisma.enquiry.findUnique({ where: { reference } }),
      scope: (row) => ({ organisationId: row.organisationId }),
      missing: (reference) => ({ cy: `Nid oes ymholiad â'r cyfeirnod ${reference}`, en: `There is no enquiry with reference ${reference}` }),
    },
    { actor, reference, action },
  );
  return row;
}
