import type { Bilingual } from '../../domain/bilingual.js';
import { applicantRoles, type RoleName } from '../../domain/roles.js';
import { REFUSED_FORBIDDEN, type Command } from './case.messages.js';
import { refuse } from './refusal.js';

/** How a case words the refusals of its guard, in its own terms ("this application", "this claim"). */
export interface GuardWording<Status extends string> {
  onlyRoles: (roles: readonly RoleName[]) => Bilingual;
  notYourGroup: Bilingual;
  notNow: (status: Status) => Bilingual;
}

export type StageGuard<Status extends string> = (command: Command, roles: readonly RoleName[], statuses: readonly Status[]) => void;

/**
 * Who may send a command, and when: one of `roles`; a member of the case's own group when the role is a
 * group's; with the case at one of `statuses`. `also` adds a case's own checks before the status is.
 */
export function stageGuard<Status extends string>(guard: {
  organisationId: () => string;
  status: () => Status;
  wording: GuardWording<Status>;
  also?: (command: Command, statuses: readonly Status[]) => void;
}): StageGuard<Status> {
  return (command, roles, statuses) => {
    const { actor } = command;
    if (!roles.includes(actor.role)) refuse(guard.wording.onlyRoles(roles), REFUSED_FORBIDDEN);
    if (applicantRoles.includes(actor.role) && actor.organisationId !== guard.organisationId()) refuse(guard.wording.notYourGroup, REFUSED_FORBIDDEN);
    guard.also?.(command, statuses);
    const status = guard.status();
    if (!statuses.includes(status)) refuse(guard.wording.notNow(status));
  };
}
