import { AppError } from '../domain/app-error.js';
import { applicantRoles, type RoleName } from '../domain/roles.js';
import { onlyRolesMay } from '../domain/who-may-act.js';
import type { Actor, RoleGrantView } from './actor.js';

// The one place that says who may do what. Every API route names its action in src/api/route-table.ts and
// every operation that touches a case calls `enforce` with what it loaded from the database; workflows
// repeat the separation-of-duties checks (src/domain/separation-of-duties.ts) because they are the last
// word on a case. Nothing here trusts an id or a role sent by the client: the actor comes from the session
// or token, the scope from the database.

export type Action =
  | 'health.read'
  | 'docs.read'
  /** A web page anyone may open (the start page, sign-in); what a page shows is guarded by its operation. */
  | 'page.read'
  | 'open_data.read'
  | 'session.create'
  | 'session.delete'
  | 'me.read'
  | 'me.update'
  | 'token.create'
  | 'token.revoke'
  | 'token.list'
  | 'enquiry.submit'
  | 'enquiry.read'
  | 'case_history.read'
  | 'audit.read'
  | 'failures.read'
  | 'finance.reconcile'
  | 'finance.report'
  | 'finance.pay'
  | 'application.create'
  | 'application.list'
  | 'application.read'
  | 'application.apply'
  | 'application.casework'
  | 'application.assess'
  | 'application.decide'
  | 'application.note'
  | 'application.policy'
  | 'award.commit'
  | 'award.read'
  | 'claim.submit'
  | 'claim.evidence'
  | 'claim.verify'
  | 'claim.approve'
  | 'monitoring.submit'
  | 'finance.budget'
  | 'bank_account.set'
  | 'bank_account.verify'
  | 'award.vary'
  | 'recovery.record'
  | 'recovery.confirm'
  | 'recovery.collect'
  | 'recovery.write_off'
  | 'recovery.read'
  | 'asset.read'
  | 'asset.manage'
  | 'asset.request'
  | 'transfer.create'
  | 'transfer.list'
  | 'transfer.read'
  | 'transfer.apply'
  | 'transfer.casework'
  | 'transfer.report'
  | 'account.create'
  | 'account.confirm_email'
  | 'account.resend_confirmation'
  | 'password_reset.request'
  | 'password_reset.complete'
  | 'me.password'
  | 'organisation.register'
  | 'organisation.read'
  | 'organisation.verify'
  | 'organisation.manage'
  | 'invitation.accept';

/**
 * public: anyone, signed in or not. self: any signed-in person, about themself.
 * own_organisation: the actor acts for the organisation in scope (an applicant for their group, an asset
 * officer for their council).
 * case: staff roles listed see any case; owner staff only the cases of the public body they work for
 * (a council's asset officers, its transfers); applicants only their own group's; advisers only where
 * invited. Anyone else is told the case is not there (404), exactly as for a case that does not exist.
 * case_member, case_staff, owner_staff: a command on a case, by its group's members, by the staff roles
 * listed, or by the roles listed working for the public body that owns its asset. Refused, it is 403 to
 * someone who may read the case (`read`, application.read by default) and that action's 404 to anyone else.
 */
type Rule =
  | { kind: 'public' }
  | { kind: 'self' }
  | { kind: 'own_organisation'; roles: readonly RoleName[] }
  | { kind: 'case'; staff: readonly RoleName[]; ownerStaff?: readonly RoleName[] }
  | { kind: 'staff'; roles: readonly RoleName[] }
  | { kind: 'case_member'; roles: readonly RoleName[]; read?: Action }
  | { kind: 'case_staff'; roles: readonly RoleName[]; read?: Action }
  | { kind: 'owner_staff'; roles: readonly RoleName[]; read: Action };

const caseStaff: readonly RoleName[] = ['caseworker', 'assessor', 'approver', 'panel_member', 'administrator'];

export const rules: Record<Action, Rule> = {
  'health.read': { kind: 'public' },
  'docs.read': { kind: 'public' },
  'page.read': { kind: 'public' },
  // Awarded grants as 360Giving open data: public by design, for anyone to reuse.
  'open_data.read': { kind: 'public' },
  'session.create': { kind: 'public' },
  'session.delete': { kind: 'self' },
  'me.read': { kind: 'self' },
  'me.update': { kind: 'self' },
  'token.create': { kind: 'self' },
  'token.revoke': { kind: 'self' },
  'token.list': { kind: 'self' },
  'enquiry.submit': { kind: 'own_organisation', roles: applicantRoles },
  'enquiry.read': { kind: 'case', staff: caseStaff },
  'case_history.read': { kind: 'case', staff: caseStaff },
  'audit.read': { kind: 'staff', roles: ['administrator'] },
  // Event writes the database refused and mail that failed: the operators' list of what to put right.
  'failures.read': { kind: 'staff', roles: ['administrator'] },
  // Importing bank statements, matching them to payment instructions and resolving what did not match.
  'finance.reconcile': { kind: 'staff', roles: ['finance_officer', 'finance_approver', 'administrator'] },
  // The programmes' money by programme, year, authority and deprivation: finance only, not casework.
  'finance.report': { kind: 'staff', roles: ['finance_officer', 'finance_approver', 'administrator'] },
  // Payment runs and their bank files (payees' bank details): finance officers and approvers only.
  'finance.pay': { kind: 'staff', roles: ['finance_officer', 'finance_approver'] },
  'application.create': { kind: 'own_organisation', roles: applicantRoles },
  // Any signed-in person may list; the list holds only the cases they may read.
  'application.list': { kind: 'self' },
  'application.read': { kind: 'case', staff: caseStaff },
  // The group's own commands (save, submit, answer, accept, withdraw); which member may do which is the
  // workflow's check (only the lead submits and accepts).
  'application.apply': { kind: 'case_member', roles: applicantRoles },
  'application.casework': { kind: 'case_staff', roles: ['caseworker', 'administrator'] },
  'application.assess': { kind: 'case_staff', roles: ['assessor'] },
  'application.decide': { kind: 'case_staff', roles: ['approver', 'panel_member'] },
  'application.note': { kind: 'case_staff', roles: caseStaff },
  // The case's policy version (criteria, weights, thresholds): those who work, assess and decide the case.
  'application.policy': { kind: 'case_staff', roles: caseStaff },
  'award.commit': { kind: 'staff', roles: ['finance_officer', 'finance_approver'] },
  // An award, its balances and its claims: casework, finance, and the group itself.
  'award.read': { kind: 'case', staff: [...caseStaff, 'finance_officer', 'finance_approver'] },
  // The group's claims; that only the lead submits them is checked by the operation. Finance staff may
  // read the award a claim is on, so a claim command refused to them is 403, not 404.
  'claim.submit': { kind: 'case_member', roles: applicantRoles, read: 'award.read' },
  // Any member may add the evidence a caseworker asked for.
  'claim.evidence': { kind: 'case_member', roles: applicantRoles, read: 'award.read' },
  'claim.verify': { kind: 'case_staff', roles: ['caseworker', 'administrator'], read: 'award.read' },
  // Never the person who verified the claim: the claim workflow checks that.
  'claim.approve': { kind: 'case_staff', roles: ['finance_approver'], read: 'award.read' },
  // The annual return after completion: any member of the group.
  'monitoring.submit': { kind: 'case_member', roles: applicantRoles, read: 'award.read' },
  // What a programme may commit each year.
  'finance.budget': { kind: 'staff', roles: ['finance_approver'] },
  // Where a group's grants are paid: its lead only.
  'bank_account.set': { kind: 'own_organisation', roles: ['applicant_lead'] },
  // A change of those details is verified (a call-back to a known contact) by finance, never by whoever
  // made it (the operation checks that), before anything is paid into the new account.
  'bank_account.verify': { kind: 'staff', roles: ['finance_officer', 'finance_approver'] },
  // Topping an award up or reducing it is a decision on public money: finance approvers only.
  'award.vary': { kind: 'staff', roles: ['finance_approver'] },
  // Clawback: casework records the breach, a finance approver confirms the amount (and may write off what
  // is not collected), finance officers invoice and record the money coming back.
  'recovery.record': { kind: 'staff', roles: ['caseworker', 'administrator'] },
  'recovery.confirm': { kind: 'staff', roles: ['finance_approver'] },
  'recovery.collect': { kind: 'staff', roles: ['finance_officer', 'finance_approver'] },
  'recovery.write_off': { kind: 'staff', roles: ['finance_approver'] },
  'recovery.read': { kind: 'staff', roles: ['caseworker', 'administrator', 'finance_officer', 'finance_approver'] },
  // Community Asset Transfer. A council's register of assets it offers is public, as councils publish it;
  // its asset officers keep it, and a group may ask for an asset that is not on it.
  'asset.read': { kind: 'public' },
  'asset.manage': { kind: 'own_organisation', roles: ['asset_officer'] },
  'asset.request': { kind: 'own_organisation', roles: applicantRoles },
  'transfer.create': { kind: 'own_organisation', roles: applicantRoles },
  'transfer.list': { kind: 'self' },
  // A transfer is the business of the group, the council that owns the asset, and administrators;
  // programme caseworkers read it too, since a CFP grant's tenure may hang on it.
  'transfer.read': { kind: 'case', staff: ['caseworker', 'administrator'], ownerStaff: ['asset_officer'] },
  'transfer.apply': { kind: 'case_member', roles: applicantRoles, read: 'transfer.read' },
  // Gate decisions are taken by the council's steering group, director or cabinet; its asset officers
  // record them (and which body decided) on the case.
  'transfer.casework': { kind: 'owner_staff', roles: ['asset_officer'], read: 'transfer.read' },
  // How transfers end, body by body: asset officers see their own bodies' (the report narrows it).
  'transfer.report': { kind: 'staff', roles: ['administrator', 'caseworker', 'asset_officer'] },
  // Accounts: anyone may make one, confirm it or reset a forgotten password with a link mailed to them
  // (the link is the proof); changing a password is the signed-in person's own business.
  'account.create': { kind: 'public' },
  'account.confirm_email': { kind: 'public' },
  'account.resend_confirmation': { kind: 'public' },
  'password_reset.request': { kind: 'public' },
  'password_reset.complete': { kind: 'public' },
  'me.password': { kind: 'self' },
  // Anyone signed in may register the organisation they act for, and becomes its lead.
  'organisation.register': { kind: 'self' },
  // An organisation's page (members, invitations, verification): its own members, and the caseworkers who
  // verify it; anyone else is told it is not there.
  'organisation.read': { kind: 'case', staff: ['caseworker', 'administrator'] },
  // Checking an organisation against its register, before its expressions of interest are screened.
  'organisation.verify': { kind: 'staff', roles: ['caseworker', 'administrator'] },
  // Inviting, removing members, handing over the lead, withdrawing an adviser: the group's lead only.
  'organisation.manage': { kind: 'own_organisation', roles: ['applicant_lead'] },
  // Whoever the invitation was mailed to, once signed in with that address (the operation checks it).
  'invitation.accept': { kind: 'self' },
};

/** What the thing being acted on is, as loaded from the database. */
export interface Scope {
  /** The community group whose case it is, or the organisation acted for. */
  organisationId?: string | null;
  /** The programme of the case (e.g. 'CFP'), for programme-limited roles. */
  programme?: string | null;
  /** The public body that owns the asset a transfer case is about. */
  ownerOrganisationId?: string | null;
  /** Adviser organisations the group has invited onto this case (read-only). */
  invitedAdviserOrganisationIds?: readonly string[];
}

export type Decision = { allowed: true; actingAs: RoleGrantView | null } | { allowed: false; outcome: 'unauthenticated' | 'forbidden' | 'not_found' };

const coversProgramme = (grant: RoleGrantView, scope: Scope) =>
  grant.programme === null || scope.programme === undefined || scope.programme === null || grant.programme === scope.programme;

function firstGrant(actor: Actor, test: (grant: RoleGrantView) => boolean): RoleGrantView | undefined {
  return actor.grants.find(test);
}

/** Whether `actor` may do `action` on what `scope` describes, and in which role. */
export function authorise(actor: Actor | undefined, action: Action, scope: Scope = {}): Decision {
  const rule = rules[action];
  if (rule.kind === 'public') return { allowed: true, actingAs: null };
  if (!actor) return { allowed: false, outcome: 'unauthenticated' };
  if (rule.kind === 'self') return { allowed: true, actingAs: null };

  if (rule.kind === 'staff') {
    const grant = firstGrant(actor, (g) => rule.roles.includes(g.role) && coversProgramme(g, scope));
    return grant ? { allowed: true, actingAs: grant } : { allowed: false, outcome: 'forbidden' };
  }

  if (rule.kind === 'own_organisation') {
    const grant = firstGrant(actor, (g) => rule.roles.includes(g.role) && g.organisationId !== null && g.organisationId === scope.organisationId);
    if (grant) return { allowed: true, actingAs: grant };
    // Acting for a group one does not belong to: as far as this person can tell, that group has nothing here.
    const actsForAnyGroup = actor.grants.some((g) => rule.roles.includes(g.role));
    return { allowed: false, outcome: actsForAnyGroup ? 'not_found' : 'forbidden' };
  }

  if (rule.kind === 'case_member') {
    const member = firstGrant(actor, (g) => rule.roles.includes(g.role) && g.organisationId !== null && g.organisationId === scope.organisationId);
    return member ? { allowed: true, actingAs: member } : caseRefusal(actor, scope, rule.read);
  }

  if (rule.kind === 'owner_staff') {
    const grant = firstGrant(actor, (g) => rule.roles.includes(g.role) && g.organisationId !== null && g.organisationId === scope.ownerOrganisationId);
    return grant ? { allowed: true, actingAs: grant } : caseRefusal(actor, scope, rule.read);
  }

  if (rule.kind === 'case_staff') {
    const grant = firstGrant(actor, (g) => rule.roles.includes(g.role) && coversProgramme(g, scope));
    return grant ? { allowed: true, actingAs: grant } : caseRefusal(actor, scope, rule.read);
  }

  const staff = firstGrant(actor, (g) => rule.staff.includes(g.role) && coversProgramme(g, scope));
  if (staff) return { allowed: true, actingAs: staff };
  const ownerStaff = firstGrant(
    actor,
    (g) => (rule.ownerStaff ?? []).includes(g.role) && g.organisationId !== null && g.organisationId === scope.ownerOrganisationId,
  );
  if (ownerStaff) return { allowed: true, actingAs: ownerStaff };
  const member = firstGrant(actor, (g) => applicantRoles.includes(g.role) && g.organisationId !== null && g.organisationId === scope.organisationId);
  if (member) return { allowed: true, actingAs: member };
  const adviser = firstGrant(
    actor,
    (g) => g.role === 'adviser' && g.organisationId !== null && (scope.invitedAdviserOrganisationIds ?? []).includes(g.organisationId),
  );
  if (adviser) return { allowed: true, actingAs: adviser };
  // Nobody learns that a case they may not see exists: another group's, another council's, or one beyond
  // their roles is not found, as a reference nobody has used is.
  return { allowed: false, outcome: 'not_found' };
}

/**
 * A command refused on a case: 403 to someone who may see the case, and the read's 404 to anyone who may
 * not, so they never learn the case exists.
 */
function caseRefusal(actor: Actor, scope: Scope, read: Action = 'application.read'): Decision {
  const reads = authorise(actor, read, scope);
  if (reads.allowed) return { allowed: false, outcome: 'forbidden' };
  return reads;
}

/**
 * `authorise`, throwing the matching AppError when refused; returns the role the actor acts in.
 * `notFound` is the error the caller gives for a thing that does not exist, so that one the actor may not
 * see is refused in the very same words; `forbidden`, what a refusal to someone who may see it says (who
 * may act), when the caller knows better than 'your role does not allow this'.
 */
export function enforce(
  actor: Actor | undefined,
  action: Action,
  scope: Scope = {},
  { notFound, forbidden }: { notFound?: () => AppError; forbidden?: () => AppError } = {},
): RoleGrantView | null {
  const decision = authorise(actor, action, scope);
  if (decision.allowed) return decision.actingAs;
  switch (decision.outcome) {
    case 'unauthenticated':
      throw new AppError('unauthenticated', { cy: 'Mewngofnodwch i wneud hyn', en: 'Sign in to do this' });
    case 'forbidden': {
      // Who may: the operation's own words where it gives them ("Only an asset officer of the body that owns
      // the asset…"), else the roles the rule names ("Only a caseworker or an administrator can do this").
      const given = forbidden?.();
      if (given) throw given;
      const rule = rules[action];
      if ('roles' in rule) throw new AppError('forbidden', onlyRolesMay(rule.roles));
      throw new AppError('forbidden', { cy: 'Nid oes gan eich rôl hawl i wneud hyn', en: 'Your role does not allow this' });
    }
    case 'not_found':
      throw notFound?.() ?? new AppError('not_found', { cy: 'Heb ddod o hyd iddo', en: 'Not found' });
  }
}
