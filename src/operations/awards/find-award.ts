import type { Actor } from '../../access/actor.js';
import type { Action } from '../../access/policy.js';
import type { PrismaClient } from '../../db/prisma.js';
import { findCaseFor } from '../find-case.js';

/** The award made on application `reference`, if `actor` may do `action` on it; otherwise as not found. */
export async function findAwardFor({
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
      load: async (reference) => {
        const award = await prisma.award.findUnique({ where: { applicationReference: reference } });
        const application =
          award && (await prisma.application.findUnique({ where: { reference }, select: { programme: true, policyVersion: true, organisationName: true } }));
        return award && application ? { award, application } : null;
      },
      scope: ({ award, application }) => ({ organisationId: award.organisationId, programme: application.programme }),
      missing: (reference) => ({ cy: `Nid oes dyfarniad ar ${reference}`, en: `There is no award on ${reference}` }),
    },
    { actor, reference, action },
  );
  return { ...row, actingAs };
}
