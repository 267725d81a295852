import type { Actor, RoleGrantView } from '../../access/actor.js';
import { enforce, type Action } from '../../access/policy.js';
import type { PrismaClient } from '../../db/prisma.js';
import { AppError } from '../../domain/app-error.js';
import { caseReference } from '../../domain/text.js';

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
  const award = caseReference('CFP').safeParse(reference).success ? await prisma.award.findUnique({ where: { applicationReference: reference } }) : null;
  const application =
    award && (await prisma.application.findUnique({ where: { reference }, select: { programme: true, policyVersion: true, organisationName: true } }));
  const notFound = () => new AppError('not_found', { cy: `Nid oes dyfarniad ar ${reference}`, en: `There is no award on ${reference}` });
  if (!award || !application) {
    if (!actor) enforce(undefined, action);
    throw notFound();
  }
  const actingAs: RoleGrantView | null = enforce(actor, action, { organisationId: award.organisationId, programme: application.programme }, { notFound });
  return { award, application, actingAs };
}
