import type { Actor, RoleGrantView } from '../../access/actor.js';
import { enforce, type Action } from '../../access/policy.js';
import type { PrismaClient } from '../../db/prisma.js';
import { AppError } from '../../domain/app-error.js';
import { caseReference } from '../../domain/text.js';

/**
 * The application `reference` names, from the read model, if `actor` may do `action` on it, and the role
 * they act in. A malformed reference, a missing application and another group's application all look the
 * same to an applicant: not found.
 */
export async function findApplicationFor({ prisma, actor, reference, action }: { prisma: PrismaClient; actor: Actor | undefined; reference: string; action: Action }) {
  const row = caseReference('CFP').safeParse(reference).success ? await prisma.application.findUnique({ where: { reference } }) : null;
  let actingAs: RoleGrantView | null = null;
  if (row) actingAs = enforce(actor, action, { organisationId: row.organisationId, programme: row.programme });
  if (!row) {
    // Refuse the unauthenticated before saying whether anything is there.
    if (!actor) enforce(undefined, action);
    throw new AppError('not_found', { cy: `Nid oes cais â'r cyfeirnod ${reference}`, en: `There is no application with reference ${reference}` });
  }
  return { application: row, actingAs };
}
