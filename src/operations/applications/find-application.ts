import type { Actor, RoleGrantView } from '../../access/actor.js';
import { enforce, type Action } from '../../access/policy.js';
import type { PrismaClient } from '../../db/prisma.js';
import { AppError } from '../../domain/app-error.js';
import { caseReference } from '../../domain/text.js';

/**
 * The application `reference` names, from the read model, if `actor` may do `action` on it, and the role
 * they act in. A malformed reference, a missing application and another group's application all look the
 * same to anyone who may not see it: not found, in the same words.
 */
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
  const row = caseReference('CFP').safeParse(reference).success ? await prisma.application.findUnique({ where: { reference } }) : null;
  const notFound = () =>
    new AppError('not_found', { cy: `Nid oes cais â'r cyfeirnod ${reference}`, en: `There is no application with reference ${reference}` });
  if (!row) {
    // Refuse the unauthenticated before saying whether anything is there.
    if (!actor) enforce(undefined, action);
    throw notFound();
  }
  const actingAs: RoleGrantView | null = enforce(actor, action, { organisationId: row.organisationId, programme: row.programme }, { notFound });
  return { application: row, actingAs };
}
