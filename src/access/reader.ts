import { applicantRoles, type RoleName } from '../domain/roles.js';
import type { Actor, RoleGrantView } from './actor.js';
import { authorise, rules, type Scope } from './policy.js';

// Who is reading this case? One answer, from the access policy, that every read of an application or a
// transfer (the case, its list line, its timeline, its live events) branches on, and the web pages will
// too: rather than each asking its own "is this staff?" of the reader's roles.

/** The reads of a whole case; each names in the policy who may read it. */
export type CaseRead = 'application.read' | 'transfer.read';

/**
 * Who the reader is to the case, and the grant they read it by.
 * group: a member of the community group whose case it is.
 * adviser: someone from an advice body the group invited onto the case (reads as the group does).
 * programme_staff: those who work the programme's cases (caseworkers, assessors, approvers, panel
 * members, administrators), any case of the programmes their roles cover.
 * owner_staff: staff of the public body that owns the asset a transfer is about (a council's asset
 * officers), for that body's cases only.
 */
export type Reader =
  | { kind: 'group'; grant: RoleGrantView }
  | { kind: 'adviser'; grant: RoleGrantView }
  | { kind: 'programme_staff'; grant: RoleGrantView }
  | { kind: 'owner_staff'; grant: RoleGrantView };

export type ReaderKind = Reader['kind'];

function staffOf(read: CaseRead): { programme: readonly RoleName[]; owner: readonly RoleName[] } {
  const rule = rules[read];
  return rule.kind === 'case' ? { programme: rule.staff, owner: rule.ownerStaff ?? [] } : { programme: [], owner: [] };
}

/** What the policy's grant for a case read makes the reader: the same order the policy tries them in. */
function readerBy(read: CaseRead, grant: RoleGrantView): Reader {
  const staff = staffOf(read);
  if (staff.programme.includes(grant.role)) return { kind: 'programme_staff', grant };
  if (staff.owner.includes(grant.role)) return { kind: 'owner_staff', grant };
  if (applicantRoles.includes(grant.role)) return { kind: 'group', grant };
  if (grant.role === 'adviser') return { kind: 'adviser', grant };
  throw new Error(`The policy let a ${grant.role} ${read} without saying who they are to the case`);
}

/** Who `actor` is to the case `scope` describes, for `read`; null when they may not read it at all. */
export function readerOf(actor: Actor | undefined, read: CaseRead, scope: Scope): Reader | null {
  const decision = authorise(actor, read, scope);
  if (!decision.allowed || decision.actingAs === null) return null;
  return readerBy(read, decision.actingAs);
}

/**
 * readerOf, for a case the caller has already been let read (findApplicationFor and findTransferFor refuse
 * anyone else, in the case's own words): a refusal here would be a fault in the policy, not the reader's.
 */
export function readerAllowed(actor: Actor | undefined, read: CaseRead, scope: Scope): Reader {
  const reader = readerOf(actor, read, scope);
  if (!reader) throw new Error(`${read} was refused to a reader it had just allowed`);
  return reader;
}

/** What the policy asks about an application: its group and its programme. */
export const applicationScope = (row: { organisationId: string; programme: string }): Scope => ({
  organisationId: row.organisationId,
  programme: row.programme,
});

/** What the policy asks about a transfer: its group and the public body that owns the asset. */
export const transferScope = (row: { organisationId: string; ownerOrganisationId: string }): Scope => ({
  organisationId: row.organisationId,
  ownerOrganisationId: row.ownerOrganisationId,
});

/** Readers who work the case rather than bring it: they read staff words and staff-only fields. */
export function isStaff(reader: Reader): reader is Extract<Reader, { kind: 'programme_staff' | 'owner_staff' }> {
  return reader.kind === 'programme_staff' || reader.kind === 'owner_staff';
}

/**
 * Whether `actor` reads any case of this kind as staff: who may ask a list what only staff see (such as
 * filtering by case officer, which would tell a group who its officer is).
 */
export function readsAnyAsStaff(actor: Actor, read: CaseRead): boolean {
  const staff = staffOf(read);
  return actor.grants.some((g) => staff.programme.includes(g.role) || staff.owner.includes(g.role));
}
