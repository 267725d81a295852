import type { Actor } from '../access/actor.js';
import { AppError } from '../domain/app-error.js';
import { applicantRoles } from '../domain/roles.js';

/**
 * The community group a member is acting for: the one they named, or their only group. Whether they may
 * act for it is the access policy's business.
 */
export function organisationActedFor(actor: Actor | undefined, named: string | undefined): string | undefined {
  if (named) return named;
  const groups = new Set(actor?.grants.filter((g) => applicantRoles.includes(g.role)).map((g) => g.organisationId));
  if (groups.size > 1) {
    throw new AppError('invalid_input', {
      cy: 'Rydych yn gweithredu dros fwy nag un grŵp: dewiswch pa un (organisationId)',
      en: 'You act for more than one group: say which one (organisationId)',
    });
  }
  return [...groups][0] ?? undefined;
}
