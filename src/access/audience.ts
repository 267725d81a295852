import type { Audience } from '../domain/case-audience.js';
import { applicantRoles, type RoleName } from '../domain/roles.js';
import type { RoleGrantView } from './actor.js';

/** Roles that read a case as the group does: its members, and the advisers it invites. */
const groupSideRoles: readonly RoleName[] = [...applicantRoles, 'adviser'];

/**
 * Whom a view is for, from the role the policy let the reader see the case in (`actingAs`). No role
 * (a public read) is the group's view, the one that shows least.
 */
export function audienceOf(actingAs: RoleGrantView | null): Audience {
  return actingAs !== null && !groupSideRoles.includes(actingAs.role) ? 'staff' : 'group';
}
