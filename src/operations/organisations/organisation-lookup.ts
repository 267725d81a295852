import type { Actor, RoleGrantView } from '../../access/actor.js';
import { enforce, type Action } from '../../access/policy.js';
import type { PrismaClient } from '../../db/prisma.js';
import { AppError } from '../../domain/app-error.js';

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const organisationNotFound = () => new AppError('not_found', { cy: 'Nid oes sefydliad o’r fath', en: 'There is no such organisation' });

/**
 * The organisation, once `actor` may do `action` on it; one they may not see is not found, exactly as one
 * that does not exist. Returns the role they act in.
 */
export async function findOrganisationFor({
  prisma,
  actor,
  organisationId,
  action,
}: {
  prisma: PrismaClient;
  actor: Actor | undefined;
  organisationId: string;
  action: Action;
}): Promise<{ organisationId: string; name: string; actingAs: RoleGrantView | null }> {
  // Signed out is told to sign in, before anything is looked up.
  if (!actor) enforce(actor, action);
  if (!uuidPattern.test(organisationId)) throw organisationNotFound();
  const organisation = await prisma.organisation.findUnique({ where: { id: organisationId.toLowerCase() }, select: { id: true, name: true } });
  if (!organisation) throw organisationNotFound();
  const actingAs = enforce(actor, action, { organisationId: organisation.id }, { notFound: organisationNotFound });
  return { organisationId: organisation.id, name: organisation.name, actingAs };
}
