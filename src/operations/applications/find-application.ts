import type { Actor } from '../../access/actor.js';
import type { Action } from '../../access/policy.js';
import type { PrismaClient } from '../../db/prisma.js';
import { findCaseFor } from '../find-case.js';

/** The application `reference` names, from the read model, if `actor` may do `action` on it, and the role they act in. */
export async function findApplicationFor({
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
      prefix: 'CFP',
      load: (reference) => prisma.application.findUnique({ where: { reference } }),
      scope: (row) => ({ organisationId: row.organisationId, programme: row.programme }),
      missing: (reference) => ({ cy: `Nid oes cais â'r cyfeirnod ${reference}`, en: `There is no application with reference ${reference}` }),
    },
    { actor, reference, action },
  );
  return { application: row, actingAs };
}
