import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Action } from '../../src/access/policy.js';
import { roles, type RoleName } from '../../src/domain/roles.js';
import { startTestSystem, type TestSystem } from '../support/app.js';
import { transferRow } from '../support/cat.js';
import { Browser, hiddenFields } from '../support/forms.js';
import { insertApplication } from '../support/cfp.js';
import { servedRoutes } from '../support/routes.js';
import { createOrganisation, createPerson, sessionHeaders, signInOverHttp, type WebSession } from '../support/people.js';

// Every route x every role x own or other organisation, against the real app. The routes come from the
// app itself, so a route added without an entry here (and so without a policy decision written down)
// fails. Expectations are written out by hand from the issue, not computed from the policy module.

type Relation = 'own' | 'other';
interface Caller {
  role: RoleName | 'anonymous';
  relation: Relation;
}

/** Status codes for "allowed", per route, and the request that exercises it. */
interface RouteSpec {
  action: Action;
  ok: number;
  request(fixture: Fixture, caller: CallerFixture): { path: string; body?: unknown };
  /** A web page: it sends a person who must sign in to the sign-in page (303) rather than answering 401. */
  page?: true;
  /** What a page answers the caller instead, where it differs from the action's rule (a form shown again). */
  pageAnswer?: (caller: Caller) => number | undefined;
}

interface Fixture {
  ownGroupId: string;
  /** The public body whose asset officers are the "own" ones. */
  ownCouncilId: string;
  enquiryReference: string;
  /** A CFP application of the own group, in the read model only (see insertApplication). */
  applicationReference: string;
  caseworkerId: string;
  /** A bank statement of unmatched lines, for reading and resolving. */
  statementId: string;
  /** A line of that statement no other caller has resolved (each line can be resolved once). */
  statementLineFor(email: string): number;
  /** A payment run of no instructions, for reading and downloading. */
  paymentRunId: string;
  /** An asset on the register of the own council. */
  assetId: string;
  /** A transfer of the own group on that asset, in the read model only (no workflow behind it). */
  transferReference: string;
  /** An asset officer of the own council, to hand the transfer to. */
  transferOfficerId: string;
}

interface CallerFixture {
  email: string;
  password: string;
}

const caseStaff: RoleName[] = ['caseworker', 'assessor', 'approver', 'panel_member', 'administrator'];
const applicants: RoleName[] = ['applicant_member', 'applicant_lead'];

/** What the issue asks for: expected status for a caller, given the route's success code. */
const expectations: Record<Action, (caller: Caller, ok: number) => number> = {
  'health.read': (_caller, ok) => ok,
  'docs.read': (_caller, ok) => ok,
  'page.read': (_caller, ok) => ok,
  'open_data.read': (_caller, ok) => ok,
  // Everyone may try to sign in; anonymous callers here have no account, so the answer is 401.
  'session.create': ({ role }, ok) => (role === 'anonymous' ? 401 : ok),
  'session.delete': ({ role }, ok) => (role === 'anonymous' ? 401 : ok),
  'me.read': ({ role }, ok) => (role === 'anonymous' ? 401 : ok),
  'me.update': ({ role }, ok) => (role === 'anonymous' ? 401 : ok),
  'token.create': ({ role }, ok) => (role === 'anonymous' ? 401 : ok),
  'token.revoke': ({ role }, ok) => (role === 'anonymous' ? 401 : ok),
  'token.list': ({ role }, ok) => (role === 'anonymous' ? 401 : ok),
  'enquiry.submit': ({ role, relation }, ok) => {
    if (role === 'anonymous') return 401;
    if (applicants.includes(role)) return relation === 'own' ? ok : 404;
    return 403;
  },
  'enquiry.read': caseRead,
  'case_history.read': caseRead,
  'audit.read': ({ role }, ok) => (role === 'anonymous' ? 401 : role === 'administrator' ? ok : 403),
  'failures.read': ({ role }, ok) => (role === 'anonymous' ? 401 : role === 'administrator' ? ok : 403),
  'finance.reconcile': financeStaff,
  'finance.report': financeStaff,
  'application.create': ({ role, relation }, ok) => {
    if (role === 'anonymous') return 401;
    if (applicants.includes(role)) return relation === 'own' ? ok : 404;
    return 403;
  },
  'application.list': ({ role }, ok) => (role === 'anonymous' ? 401 : ok),
  'application.read': caseRead,
  'application.apply': caseCommand(applicants),
  'application.casework': caseCommand(['caseworker', 'administrator']),
  'application.assess': caseCommand(['assessor']),
  'application.decide': caseCommand(['approver', 'panel_member']),
  'application.note': caseCommand(caseStaff),
  // The case's policy version: the staff who work it; the group that may read the case is told no (403).
  'application.policy': caseCommand(caseStaff),
  'award.commit': ({ role }, ok) => (role === 'anonymous' ? 401 : ['finance_officer', 'finance_approver'].includes(role) ? ok : 403),
  'award.read': (caller, ok) => (caller.role === 'anonymous' ? 401 : readsAward(caller) ? ok : 404),
  // Only the lead claims: a member is told so (403) by the operation, past the policy.
  'claim.submit': ({ role, relation }, ok) =>
    role === 'applicant_member' && relation === 'own' ? 403 : caseCommand(applicants, readsAward)({ role, relation }, ok),
  'claim.evidence': caseCommand(applicants, readsAward),
  'claim.verify': caseCommand(['caseworker', 'administrator'], readsAward),
  'monitoring.submit': caseCommand(applicants, readsAward),
  'bank_account.set': ({ role, relation }, ok) => {
    if (role === 'anonymous') return 401;
    if (role === 'applicant_lead') return relation === 'own' ? ok : 404;
    return 403;
  },
  // Verifying a change of a group's bank details: finance officers and approvers.
  'bank_account.verify': staffOnly(['finance_officer', 'finance_approver']),
  'finance.budget': ({ role }, ok) => (role === 'anonymous' ? 401 : role === 'finance_approver' ? ok : 403),
  'claim.approve': caseCommand(['finance_approver'], readsAward),
  // Payment runs carry payees' bank details: finance officers and approvers, not administrators.
  'finance.pay': ({ role }, ok) => (role === 'anonymous' ? 401 : ['finance_officer', 'finance_approver'].includes(role) ? ok : 403),
  'award.vary': staffOnly(['finance_approver']),
  // Clawback: casework records a breach, a finance approver confirms and writes off, finance collects.
  'recovery.record': staffOnly(['caseworker', 'administrator']),
  'recovery.confirm': staffOnly(['finance_approver']),
  'recovery.collect': staffOnly(['finance_officer', 'finance_approver']),
  'recovery.write_off': staffOnly(['finance_approver']),
  'recovery.read': staffOnly(['caseworker', 'administrator', 'finance_officer', 'finance_approver']),
  // Community Asset Transfer: the register is public; "own" asset officers work for the council that owns
  // the fixture's asset, "other" ones for another council.
  'asset.read': (_caller, ok) => ok,
  'asset.manage': ({ role, relation }, ok) => {
    if (role === 'anonymous') return 401;
    if (role === 'asset_officer') return relation === 'own' ? ok : 404;
    return 403;
  },
  'asset.request': groupOnly,
  'transfer.create': groupOnly,
  'transfer.list': ({ role }, ok) => (role === 'anonymous' ? 401 : ok),
  // Asset officers of any council may ask: the report holds only their own bodies.
  'transfer.report': staffOnly(['administrator', 'caseworker', 'asset_officer']),
  // Another council's asset officers, and staff whose roles do not reach transfers, are told it is not there.
  'transfer.read': (caller, ok) => (caller.role === 'anonymous' ? 401 : readsTransfer(caller) ? ok : 404),
  'transfer.apply': caseCommand(applicants, readsTransfer),
  'transfer.casework': caseCommand(['asset_officer'], readsTransfer),
  // Accounts: anyone may make one or use a link mailed to them; changing a password needs signing in.
  'account.create': (_caller, ok) => ok,
  'account.confirm_email': (_caller, ok) => ok,
  'account.resend_confirmation': (_caller, ok) => ok,
  'password_reset.request': (_caller, ok) => ok,
  'password_reset.complete': (_caller, ok) => ok,
  'me.password': ({ role }, ok) => (role === 'anonymous' ? 401 : ok),
  'organisation.register': ({ role }, ok) => (role === 'anonymous' ? 401 : ok),
  // An organisation is its members' and the caseworkers' who verify it: anyone else is told it is not there.
  'organisation.read': ({ role, relation }, ok) => {
    if (role === 'anonymous') return 401;
    if (['caseworker', 'administrator'].includes(role)) return ok;
    return applicants.includes(role) && relation === 'own' ? ok : 404;
  },
  'organisation.verify': staffOnly(['caseworker', 'administrator']),
  // Who is in a group is its lead's to change; another group's lead is told it is not there.
  'organisation.manage': ({ role, relation }, ok) => {
    if (role === 'anonymous') return 401;
    if (role === 'applicant_lead') return relation === 'own' ? ok : 404;
    return 403;
  },
  'invitation.accept': ({ role }, ok) => (role === 'anonymous' ? 401 : ok),
};

/** Something a group does for itself: its members, and nobody else (another group's members see nothing). */
function groupOnly({ role, relation }: Caller, ok: number): number {
  if (role === 'anonymous') return 401;
  if (applicants.includes(role)) return relation === 'own' ? ok : 404;
  return 403;
}

/** Staff work that belongs to no group's view of its case: the roles listed, and 403 for everyone else. */
function staffOnly(allowed: RoleName[]) {
  return ({ role }: Caller, ok: number): number => (role === 'anonymous' ? 401 : allowed.includes(role) ? ok : 403);
}

/** Who may see the fixture's application: case staff and its own group (no adviser is invited). */
function readsApplication({ role, relation }: Caller): boolean {
  return caseStaff.includes(role as RoleName) || (applicants.includes(role as RoleName) && relation === 'own');
}

/** …and its award: finance staff too. */
function readsAward(caller: Caller): boolean {
  return readsApplication(caller) || ['finance_officer', 'finance_approver'].includes(caller.role);
}

/** Who may see the fixture's transfer: programme caseworkers, administrators, the owning council's asset officers and the group. */
function readsTransfer({ role, relation }: Caller): boolean {
  if (['caseworker', 'administrator'].includes(role)) return true;
  return (role === 'asset_officer' || applicants.includes(role as RoleName)) && relation === 'own';
}

/**
 * A command on a case, allowed to `allowed`. Everyone else who may see the case is refused (403); those
 * who may not see it (another group, another council, an uninvited adviser, staff whose roles do not reach
 * it) are told it is not there (404), exactly as for a case that does not exist.
 */
function caseCommand(allowed: RoleName[], reads: (caller: Caller) => boolean = readsApplication) {
  return (caller: Caller, ok: number): number => {
    if (caller.role === 'anonymous') return 401;
    if (!reads(caller)) return 404;
    return allowed.includes(caller.role) ? ok : 403;
  };
}

function financeStaff({ role }: Caller, ok: number): number {
  if (role === 'anonymous') return 401;
  return ['finance_officer', 'finance_approver', 'administrator'].includes(role) ? ok : 403;
}

/** Reading a case: those who may see it, and 404 for everyone else (an adviser sees only cases a group invited them to). */
function caseRead(caller: Caller, ok: number): number {
  if (caller.role === 'anonymous') return 401;
  return readsApplication(caller) ? ok : 404;
}

/** The cookie and token a browser is given with a form before signing in, as headers. */
async function preSessionForm(baseUrl: string): Promise<Record<string, string>> {
  const browser = new Browser(baseUrl);
  const { _csrf } = hiddenFields((await browser.open('/sign-in')).html, '/sign-in');
  return { cookie: browser.cookieHeader, 'x-csrf-token': _csrf ?? '' };
}

const specs: Record<string, RouteSpec> = {
  'get /': { action: 'page.read', ok: 200, page: true, request: () => ({ path: '/' }) },
  'get /sign-in': { action: 'page.read', ok: 200, page: true, request: () => ({ path: '/sign-in' }) },
  'post /sign-in': {
    action: 'session.create',
    ok: 303,
    page: true,
    // Nobody has the anonymous caller's account: the form is shown again, saying so.
    pageAnswer: ({ role }) => (role === 'anonymous' ? 422 : undefined),
    request: (_f, caller) => ({ path: '/sign-in', body: { email: caller.email, password: caller.password } }),
  },
  'post /sign-out': { action: 'session.delete', ok: 303, page: true, request: () => ({ path: '/sign-out' }) },
  'get /healthz': { action: 'health.read', ok: 200, request: () => ({ path: '/healthz' }) },
  'get /readyz': { action: 'health.read', ok: 200, request: () => ({ path: '/readyz' }) },
  'get /openapi.json': { action: 'docs.read', ok: 200, request: () => ({ path: '/openapi.json' }) },
  'get /docs': { action: 'docs.read', ok: 200, request: () => ({ path: '/docs' }) },
  'get /docs/:asset': { action: 'docs.read', ok: 200, request: () => ({ path: '/docs/swagger-ui.css' }) },
  'get /api/open-data/360giving.json': { action: 'open_data.read', ok: 200, request: () => ({ path: '/api/open-data/360giving.json' }) },
  'get /api/open-data/360giving.csv': { action: 'open_data.read', ok: 200, request: () => ({ path: '/api/open-data/360giving.csv' }) },
  'post /api/sign-in': {
    action: 'session.create',
    ok: 200,
    request: (_f, caller) => ({ path: '/api/sign-in', body: { email: caller.email, password: caller.password } }),
  },
  'post /api/sign-out': { action: 'session.delete', ok: 204, request: () => ({ path: '/api/sign-out' }) },
  'get /api/me': { action: 'me.read', ok: 200, request: () => ({ path: '/api/me' }) },
  'patch /api/me': { action: 'me.update', ok: 200, request: () => ({ path: '/api/me', body: { language: 'cy' } }) },
  'post /api/tokens': { action: 'token.create', ok: 201, request: () => ({ path: '/api/tokens', body: { name: 'matrix' } }) },
  // Nobody here holds this token, so for everyone signed in "allowed" is 404 (test/api/auth.test.ts revokes real ones).
  'get /api/tokens': { action: 'token.list', ok: 200, request: () => ({ path: '/api/tokens' }) },
  'delete /api/tokens/:tokenId': { action: 'token.revoke', ok: 404, request: () => ({ path: '/api/tokens/6d1c3f4e-0000-4000-8000-00000000dead' }) },
  'post /api/enquiries': {
    action: 'enquiry.submit',
    ok: 202,
    request: (f) => ({
      path: '/api/enquiries',
      body: { organisationId: f.ownGroupId, organisationName: 'Neuadd y Pentref', contactEmail: 'clerc@example.cymru', message: 'Helo' },
    }),
  },
  'get /api/enquiries/:reference': { action: 'enquiry.read', ok: 200, request: (f) => ({ path: `/api/enquiries/${f.enquiryReference}` }) },
  'get /api/enquiries/:reference/history': {
    action: 'case_history.read',
    ok: 200,
    request: (f) => ({ path: `/api/enquiries/${f.enquiryReference}/history` }),
  },
  'get /api/audit': { action: 'audit.read', ok: 200, request: () => ({ path: '/api/audit' }) },
  'get /api/admin/failures': { action: 'failures.read', ok: 200, request: () => ({ path: '/api/admin/failures' }) },
  // Each caller's statement is its own (a second import of the same content is refused).
  'post /api/finance/statements': {
    action: 'finance.reconcile',
    ok: 201,
    request: (_f, caller) => ({
      path: '/api/finance/statements',
      body: { fileName: 'matrix.csv', csv: `date,reference,amount\n2026-05-01,MATRIX ${caller.email},10.00\n` },
    }),
  },
  'get /api/finance/statements/:id': { action: 'finance.reconcile', ok: 200, request: (f) => ({ path: `/api/finance/statements/${f.statementId}` }) },
  'post /api/finance/statements/:id/lines/:lineNumber/resolution': {
    action: 'finance.reconcile',
    ok: 200,
    request: (f, caller) => ({
      path: `/api/finance/statements/${f.statementId}/lines/${f.statementLineFor(caller.email)}/resolution`,
      body: { note: 'Gwiriwyd' },
    }),
  },
  'get /api/transfer-reports/outcomes': { action: 'transfer.report', ok: 200, request: () => ({ path: '/api/transfer-reports/outcomes?format=csv' }) },
  'get /api/finance/reports/summary': { action: 'finance.report', ok: 200, request: () => ({ path: '/api/finance/reports/summary?groupBy=wimd_quintile' }) },
  // No payment instruction is waiting in the fixture, so a run the policy lets through finds nothing to pay: 409 means "allowed".
  'post /api/finance/payment-runs': { action: 'finance.pay', ok: 409, request: () => ({ path: '/api/finance/payment-runs', body: {} }) },
  'get /api/finance/payment-runs/:id': { action: 'finance.pay', ok: 200, request: (f) => ({ path: `/api/finance/payment-runs/${f.paymentRunId}` }) },
  'get /api/finance/payment-runs/:id/bank-file': {
    action: 'finance.pay',
    ok: 200,
    request: (f) => ({ path: `/api/finance/payment-runs/${f.paymentRunId}/bank-file` }),
  },
  'post /api/applications': {
    action: 'application.create',
    ok: 201,
    request: (f) => ({ path: '/api/applications', body: { organisationId: f.ownGroupId, projectTitle: 'Neuadd', language: 'cy' } }),
  },
  'get /api/applications/:reference': { action: 'application.read', ok: 200, request: (f) => ({ path: `/api/applications/${f.applicationReference}` }) },
  'get /api/applications/:reference/offer/letter': {
    action: 'application.read',
    ok: 200,
    request: (f) => ({ path: `/api/applications/${f.applicationReference}/offer/letter` }),
  },
  'get /api/applications/:reference/policy': {
    action: 'application.policy',
    ok: 200,
    request: (f) => ({ path: `/api/applications/${f.applicationReference}/policy` }),
  },
  'get /api/applications': { action: 'application.list', ok: 200, request: () => ({ path: '/api/applications' }) },
  'get /api/applications/:reference/timeline': {
    action: 'application.read',
    ok: 200,
    request: (f) => ({ path: `/api/applications/${f.applicationReference}/timeline` }),
  },
  // A live stream: the fixture case is open, so it stays open until the test lets go of the body.
  'get /api/applications/:reference/events': {
    action: 'application.read',
    ok: 200,
    request: (f) => ({ path: `/api/applications/${f.applicationReference}/events` }),
  },
  ...applicationCommandSpecs(),
  'get /api/awards/:reference': { action: 'award.read', ok: 200, request: (f) => ({ path: `/api/awards/${f.applicationReference}` }) },
  // The fixture award has no evidence, so past the policy the file is not found: 404 means "allowed".
  'get /api/awards/:reference/evidence/:id': {
    action: 'award.read',
    ok: 404,
    request: (f) => ({ path: `/api/awards/${f.applicationReference}/evidence/6d1c3f4e-0000-4000-8000-0000000000ee` }),
  },
  // No budget is set for the fixture award's year, so committing it is refused: 409 means "allowed".
  'post /api/awards/:reference/commitment': {
    action: 'award.commit',
    ok: 409,
    request: (f) => ({ path: `/api/awards/${f.applicationReference}/commitment`, body: {} }),
  },
  // The fixture award is not committed yet, so a claim is refused: 409 means "allowed".
  'post /api/awards/:reference/claims': {
    action: 'claim.submit',
    ok: 409,
    request: (f) => ({
      path: `/api/awards/${f.applicationReference}/claims`,
      body: {
        kind: 'stage',
        lines: [{ description: 'To', supplier: 'Toi Cyf', invoiceNumber: 'INV-1', invoiceDate: '2026-10-01', amountPence: 100_000, evidenceFileIds: [] }],
      },
    }),
  },
  ...claimCommandSpecs(),
  'post /api/organisations/:organisationId/bank-account': {
    action: 'bank_account.set',
    ok: 200,
    request: (f) => ({
      path: `/api/organisations/${f.ownGroupId}/bank-account`,
      body: { accountName: 'Neuadd y Pentref', sortCode: '30-96-34', accountNumber: '12345678' },
    }),
  },
  // The route above gave the group an account, never at this version: past the policy the verification is
  // refused as of a version since changed, so 409 means "allowed" (and nobody verifies it for the next caller).
  'post /api/organisations/:organisationId/bank-account/verification': {
    action: 'bank_account.verify',
    ok: 409,
    request: (f) => ({
      path: `/api/organisations/${f.ownGroupId}/bank-account/verification`,
      body: { version: 999_999, method: 'call_back_known_contact', note: 'Galwad yn ôl' },
    }),
  },
  'post /api/finance/budgets': {
    action: 'finance.budget',
    ok: 200,
    request: () => ({ path: '/api/finance/budgets', body: { programme: 'CFP', financialYear: 2035, amountPence: 50_000_000 } }),
  },
  // The fixture award is not complete, so there is no monitoring yet: 409 means "allowed".
  'post /api/awards/:reference/monitoring-returns/:period': {
    action: 'monitoring.submit',
    ok: 409,
    request: (f) => ({ path: `/api/awards/${f.applicationReference}/monitoring-returns/1`, body: { inUse: true, usersPerWeek: 120, changes: 'Dim' } }),
  },
  // The matrix sends JSON, which is not evidence: past the policy the upload is refused as not a PDF, PNG or JPEG.
  'post /api/awards/:reference/evidence': {
    action: 'claim.evidence',
    ok: 400,
    request: (f) => ({ path: `/api/awards/${f.applicationReference}/evidence?fileName=anfoneb.pdf`, body: { not: 'a file' } }),
  },
  // Nothing has been paid on the fixture award, so there is nothing to recover: 409 means "allowed".
  'post /api/awards/:reference/breaches': {
    action: 'recovery.record',
    ok: 409,
    request: (f) => ({
      path: `/api/awards/${f.applicationReference}/breaches`,
      body: { breach: 'asset_sold', breachOn: '2026-01-15', evidence: 'Hysbyseb gwerthu' },
    }),
  },
  // The fixture award is not committed, so it cannot be varied: 409 means "allowed".
  'post /api/awards/:reference/variations': {
    action: 'award.vary',
    ok: 409,
    request: (f) => ({ path: `/api/awards/${f.applicationReference}/variations`, body: { amountPence: 100_000, reason: 'Costau adeiladu' } }),
  },
  // The fixture award has no variations, so past the policy there is none to confirm: 404 means "allowed".
  'post /api/awards/:reference/variations/:id/confirmation': {
    action: 'award.vary',
    ok: 404,
    request: (f) => ({ path: `/api/awards/${f.applicationReference}/variations/${f.applicationReference}-V1/confirmation`, body: {} }),
  },
  ...recoverySpecs(),
  'post /api/assets': {
    action: 'asset.manage',
    ok: 201,
    request: (f) => ({
      path: '/api/assets',
      body: {
        ownerOrganisationId: f.ownCouncilId,
        name: 'Hen Ysgol',
        address: 'Stryd yr Ysgol, Llanfair',
        kind: 'building',
        currentUse: 'Gwag',
        openSpace: false,
      },
    }),
  },
  'post /api/assets/requests': {
    action: 'asset.request',
    ok: 201,
    request: (f) => ({
      path: '/api/assets/requests',
      body: {
        organisationId: f.ownGroupId,
        ownerOrganisationId: f.ownCouncilId,
        name: 'Cae Chwarae',
        address: 'Heol y Cae, Llanfair',
        kind: 'land',
        currentUse: 'Cae chwarae',
        openSpace: true,
      },
    }),
  },
  'get /api/assets': { action: 'asset.read', ok: 200, request: () => ({ path: '/api/assets' }) },
  'get /api/assets/:id': { action: 'asset.read', ok: 200, request: (f) => ({ path: `/api/assets/${f.assetId}` }) },
  'patch /api/assets/:id': {
    action: 'asset.manage',
    ok: 200,
    request: (f) => ({ path: `/api/assets/${f.assetId}`, body: { currentUse: 'Neuadd gymunedol' } }),
  },
  'post /api/transfers': {
    action: 'transfer.create',
    ok: 201,
    request: (f) => ({
      path: '/api/transfers',
      body: { organisationId: f.ownGroupId, assetId: f.assetId, language: 'cy', proposedUse: 'Canolfan gymunedol', message: 'Hoffem gymryd y neuadd drosodd' },
    }),
  },
  'get /api/transfers': { action: 'transfer.list', ok: 200, request: () => ({ path: '/api/transfers' }) },
  'get /api/transfers/:reference': { action: 'transfer.read', ok: 200, request: (f) => ({ path: `/api/transfers/${f.transferReference}` }) },
  'get /api/transfers/:reference/timeline': { action: 'transfer.read', ok: 200, request: (f) => ({ path: `/api/transfers/${f.transferReference}/timeline` }) },
  // A live stream, authorised as an application's is: by who the reader is to the case.
  'get /api/transfers/:reference/events': { action: 'transfer.read', ok: 200, request: (f) => ({ path: `/api/transfers/${f.transferReference}/events` }) },
  ...transferCommandSpecs(),
  ...transferPageSpecs(),
  ...awardPageSpecs(),
  ...accountSpecs(),
  ...organisationSpecs(),
  ...applicationPageSpecs(),
  ...laterApplicationPageSpecs(),
};

/**
 * Accounts and their links. Each caller creates an account of its own (a new address every time); no link
 * exists that a caller could use, so for the link routes "allowed" is 404 (the link is unknown); the
 * password change keeps each caller's password (the new one is the current one) and their session.
 */
function accountSpecs(): Record<string, RouteSpec> {
  let made = 0;
  const newAccount = () => ({ name: 'Siân Prawf', email: `matrix-${process.pid}-${++made}@example.cymru`, password: 'cyfrinair-newydd-hir', language: 'cy' });
  const unknownToken = 'A'.repeat(43);
  const samePassword = (_f: Fixture, caller: CallerFixture) => ({ currentPassword: caller.password, newPassword: caller.password });
  return {
    'post /api/accounts': { action: 'account.create', ok: 202, request: () => ({ path: '/api/accounts', body: newAccount() }) },
    'post /api/accounts/email-confirmation': {
      action: 'account.confirm_email',
      ok: 404,
      request: () => ({ path: '/api/accounts/email-confirmation', body: { token: unknownToken } }),
    },
    'post /api/accounts/email-confirmation/resend': {
      action: 'account.resend_confirmation',
      ok: 202,
      request: () => ({ path: '/api/accounts/email-confirmation/resend', body: { email: 'nobody@example.cymru' } }),
    },
    'post /api/password-resets': {
      action: 'password_reset.request',
      ok: 202,
      request: () => ({ path: '/api/password-resets', body: { email: 'nobody@example.cymru' } }),
    },
    'post /api/password-resets/completion': {
      action: 'password_reset.complete',
      ok: 404,
      request: () => ({ path: '/api/password-resets/completion', body: { token: unknownToken, password: 'cyfrinair-newydd-hir' } }),
    },
    'put /api/me/password': { action: 'me.password', ok: 204, request: (f, caller) => ({ path: '/api/me/password', body: samePassword(f, caller) }) },
    'get /create-account': { action: 'page.read', ok: 200, page: true, request: () => ({ path: '/create-account' }) },
    'post /create-account': { action: 'account.create', ok: 303, page: true, request: () => ({ path: '/create-account', body: newAccount() }) },
    'get /check-your-email': { action: 'page.read', ok: 200, page: true, request: () => ({ path: '/check-your-email' }) },
    'get /confirm-email/resend': { action: 'page.read', ok: 200, page: true, request: () => ({ path: '/confirm-email/resend' }) },
    'post /confirm-email/resend': {
      action: 'account.resend_confirmation',
      ok: 303,
      page: true,
      request: () => ({ path: '/confirm-email/resend', body: { email: 'nobody@example.cymru' } }),
    },
    'get /confirm-email/:token': { action: 'page.read', ok: 404, page: true, request: () => ({ path: `/confirm-email/${unknownToken}` }) },
    'post /confirm-email/:token': {
      action: 'account.confirm_email',
      ok: 404,
      page: true,
      request: () => ({ path: `/confirm-email/${unknownToken}`, body: {} }),
    },
    'get /forgotten-password': { action: 'page.read', ok: 200, page: true, request: () => ({ path: '/forgotten-password' }) },
    'post /forgotten-password': {
      action: 'password_reset.request',
      ok: 303,
      page: true,
      request: () => ({ path: '/forgotten-password', body: { email: 'nobody@example.cymru' } }),
    },
    'get /reset-password/:token': { action: 'page.read', ok: 404, page: true, request: () => ({ path: `/reset-password/${unknownToken}` }) },
    'post /reset-password/:token': {
      action: 'password_reset.complete',
      ok: 404,
      page: true,
      request: () => ({ path: `/reset-password/${unknownToken}`, body: { password: 'cyfrinair-newydd-hir' } }),
    },
    'get /account/password': { action: 'me.password', ok: 200, page: true, request: () => ({ path: '/account/password' }) },
    'post /account/password': {
      action: 'me.password',
      ok: 303,
      page: true,
      request: (f, caller) => ({ path: '/account/password', body: samePassword(f, caller) }),
    },
  };
}

/**
 * A group's CFP pages. Anyone acting for a group may open the form to start an application (which group is
 * in what they send); the case's pages are the case's, as its API routes are. The fixture application has no
 * workflow behind it, so a step its group may take is refused as closed (409).
 */
function applicationPageSpecs(): Record<string, RouteSpec> {
  const anyGroup = ({ role }: Caller) => (role !== 'anonymous' && applicants.includes(role) ? 200 : undefined);
  const page = (path: string) => (f: Fixture) => ({ path: `/applications/${f.applicationReference}${path}` });
  return {
    'get /dashboard': { action: 'application.list', ok: 200, page: true, request: () => ({ path: '/dashboard' }) },
    'get /applications/new': { action: 'application.create', ok: 200, page: true, pageAnswer: anyGroup, request: () => ({ path: '/applications/new' }) },
    'post /applications/new': {
      action: 'application.create',
      ok: 303,
      page: true,
      request: (f) => ({ path: '/applications/new', body: { organisationId: f.ownGroupId, projectTitle: 'Neuadd newydd', language: 'cy' } }),
    },
    'get /applications/:reference': { action: 'application.read', ok: 200, page: true, request: page('') },
    'get /applications/:reference/timeline': { action: 'application.read', ok: 200, page: true, request: page('/timeline') },
    'get /applications/:reference/eoi': { action: 'application.apply', ok: 200, page: true, request: page('/eoi') },
    'get /applications/:reference/eoi/check-answers': { action: 'application.apply', ok: 200, page: true, request: page('/eoi/check-answers') },
    'post /applications/:reference/eoi/submission': {
      action: 'application.apply',
      ok: 409,
      page: true,
      request: (f) => ({ ...page('/eoi/submission')(f), body: {} }),
    },
    // The fixture case is past its EOI: a section opens as check your answers.
    'get /applications/:reference/eoi/:section': { action: 'application.apply', ok: 303, page: true, request: page('/eoi/project-summary') },
    'post /applications/:reference/eoi/:section': {
      action: 'application.apply',
      ok: 409,
      page: true,
      request: (f) => ({ ...page('/eoi/project-summary')(f), body: { projectSummary: 'To newydd', then: 'continue' } }),
    },
    'get /applications/:reference/withdrawal': { action: 'application.apply', ok: 200, page: true, request: page('/withdrawal') },
    'post /applications/:reference/withdrawal': {
      action: 'application.apply',
      ok: 409,
      page: true,
      request: (f) => ({ ...page('/withdrawal')(f), body: { reason: 'Rheswm' } }),
    },
  };
}

/**
 * Organisations, by API and page. Registering is sent as a likely duplicate of the own group (its name and
 * postcode), so it is held for confirmation and nobody becomes the lead of a new group; the lead's changes
 * name a member, adviser or invitation the group does not have, so past the policy they find none (404).
 */
function organisationSpecs(): Record<string, RouteSpec> {
  const duplicate = { name: 'OUR GROUP', type: 'unincorporated', address: '1 Stryd Fawr', postcode: 'sa1 1aa' };
  const nobody = '6d1c3f4e-0000-4000-8000-0000000000ff';
  const invite = (caller: CallerFixture) => ({ email: `invited-${caller.email}`, role: 'applicant_member', language: 'cy' });
  const manage = (path: string, body: unknown = {}): RouteSpec => ({
    action: 'organisation.manage',
    ok: 404,
    request: (f) => ({ path: `/api/organisations/${f.ownGroupId}${path}`, body }),
  });
  const managePage = (path: string, body: unknown = {}): RouteSpec => ({
    action: 'organisation.manage',
    ok: 404,
    page: true,
    request: (f) => ({ path: `/organisations/${f.ownGroupId}${path}`, body }),
  });
  const unknownToken = 'x'.repeat(43);
  return {
    'post /api/organisations': { action: 'organisation.register', ok: 200, request: () => ({ path: '/api/organisations', body: duplicate }) },
    'get /api/organisations/:organisationId': { action: 'organisation.read', ok: 200, request: (f) => ({ path: `/api/organisations/${f.ownGroupId}` }) },
    'post /api/organisations/:organisationId/verification': {
      action: 'organisation.verify',
      ok: 200,
      request: (f) => ({
        path: `/api/organisations/${f.ownGroupId}/verification`,
        body: { register: 'none', checkedReference: 'Cyfansoddiad', note: 'Wedi’i weld' },
      }),
    },
    'post /api/organisations/:organisationId/invitations': {
      action: 'organisation.manage',
      ok: 201,
      request: (f, caller) => ({ path: `/api/organisations/${f.ownGroupId}/invitations`, body: invite(caller) }),
    },
    'post /api/organisations/:organisationId/invitations/:invitationId/withdrawal': manage(`/invitations/${nobody}/withdrawal`),
    'post /api/organisations/:organisationId/members/:personId/removal': manage(`/members/${nobody}/removal`),
    'post /api/organisations/:organisationId/lead': manage('/lead', { personId: nobody }),
    'post /api/organisations/:organisationId/advisers/:personId/withdrawal': manage(`/advisers/${nobody}/withdrawal`),
    // A token that opens no invitation: past the policy, not found.
    'post /api/invitations/acceptance': {
      action: 'invitation.accept',
      ok: 404,
      request: () => ({ path: '/api/invitations/acceptance', body: { token: unknownToken } }),
    },
    'get /organisations/new': { action: 'organisation.register', ok: 200, page: true, request: () => ({ path: '/organisations/new' }) },
    // The duplicate step is a page of its own (200), not a refusal.
    'post /organisations/new': { action: 'organisation.register', ok: 200, page: true, request: () => ({ path: '/organisations/new', body: duplicate }) },
    'get /organisations/:organisationId': { action: 'organisation.read', ok: 200, page: true, request: (f) => ({ path: `/organisations/${f.ownGroupId}` }) },
    'post /organisations/:organisationId/invitations': {
      action: 'organisation.manage',
      ok: 303,
      page: true,
      request: (f, caller) => ({ path: `/organisations/${f.ownGroupId}/invitations`, body: { ...invite(caller), email: `page-${caller.email}` } }),
    },
    'post /organisations/:organisationId/invitations/:invitationId/withdrawal': managePage(`/invitations/${nobody}/withdrawal`),
    'post /organisations/:organisationId/members/:personId/removal': managePage(`/members/${nobody}/removal`),
    'post /organisations/:organisationId/lead': managePage('/lead', { personId: nobody }),
    'post /organisations/:organisationId/advisers/:personId/withdrawal': managePage(`/advisers/${nobody}/withdrawal`),
    // Anyone may open a link; one that opens no invitation says so (404), signed in or not.
    'get /invitations/:token': { action: 'page.read', ok: 404, page: true, request: () => ({ path: `/invitations/${unknownToken}` }) },
    'post /invitations/:token': { action: 'invitation.accept', ok: 404, page: true, request: () => ({ path: `/invitations/${unknownToken}` }) },
  };
}

/**
 * The group's later pages on a CFP application and more evidence for a claim. The fixture case is offered,
 * with no workflow behind it: a step the group may take is refused as on a closed case (409), except sending
 * the full application, whose refusal is shown on its check page (422). The fixture award has no claims (404).
 */
function laterApplicationPageSpecs(): Record<string, RouteSpec> {
  const application = (f: Fixture, path = '') => `/applications/${f.applicationReference}${path}`;
  // Only the lead declines: a member of the group is told so (403) before the form.
  const leadOnly = ({ role, relation }: Caller) => (role === 'applicant_member' && relation === 'own' ? 403 : undefined);
  const page = (action: Action, ok: number, path: string, body?: unknown, pageAnswer?: RouteSpec['pageAnswer']): RouteSpec => ({
    action,
    ok,
    page: true,
    ...(pageAnswer ? { pageAnswer } : {}),
    request: (f) => ({ path: application(f, path), ...(body === undefined ? {} : { body }) }),
  });
  const evidence = (f: Fixture) => `/awards/${f.applicationReference}/claims/1/evidence`;
  return {
    'get /applications/:reference/full-application': page('application.apply', 200, '/full-application'),
    'get /applications/:reference/full-application/match-funding': page('application.apply', 200, '/full-application/match-funding'),
    'post /applications/:reference/full-application/match-funding': page('application.apply', 409, '/full-application/match-funding', {
      intent: 'add',
      source: 'Cronfa’r Loteri',
      amount: '500',
      secured: 'yes',
      inKind: 'no',
    }),
    'get /applications/:reference/full-application/check': page('application.apply', 200, '/full-application/check'),
    'post /applications/:reference/full-application/submission': page('application.apply', 422, '/full-application/submission', {}),
    'get /applications/:reference/full-application/:question': page('application.apply', 200, '/full-application/local-use'),
    'post /applications/:reference/full-application/:question': page('application.apply', 409, '/full-application/local-use', { answer: 'Bob dydd' }),
    'get /applications/:reference/information-request': page('application.apply', 200, '/information-request'),
    'post /applications/:reference/information-request': page('application.apply', 409, '/information-request', { message: 'Dyma’r atebion' }),
    'get /applications/:reference/offer': page('application.read', 200, '/offer'),
    'get /applications/:reference/offer.pdf': page('application.read', 200, '/offer.pdf'),
    'post /applications/:reference/offer/acceptance': page('application.apply', 409, '/offer/acceptance', { declaration: 'yes', signatoryName: 'Gwen Jones' }),
    'get /applications/:reference/offer/decline': page('application.apply', 200, '/offer/decline', undefined, leadOnly),
    'post /applications/:reference/offer/decline': page('application.apply', 200, '/offer/decline', { reason: 'Rheswm' }, leadOnly),
    'post /applications/:reference/offer/decline/confirmation': page('application.apply', 409, '/offer/decline/confirmation', { reason: 'Rheswm' }),
    'get /awards/:reference/claims/:claimId/evidence': { action: 'claim.evidence', ok: 404, page: true, request: (f) => ({ path: evidence(f) }) },
    'post /awards/:reference/claims/:claimId/evidence': {
      action: 'claim.evidence',
      ok: 404,
      page: true,
      request: (f) => ({ path: evidence(f), body: { lineNumber: '1' } }),
    },
  };
}

/** A group's grant pages. The fixture award's project is not complete, so a monitoring return is refused (409). */
function awardPageSpecs(): Record<string, RouteSpec> {
  const monitoringReturn = (f: Fixture) => `/awards/${f.applicationReference}/monitoring-returns/1`;
  // The bank account is the group's, but its page is the award's: someone who cannot read the award is told it is not there.
  const awardNotFound = (caller: Caller) => (caller.role !== 'anonymous' && !readsAward(caller) ? 404 : undefined);
  return {
    'get /awards/:reference': { action: 'award.read', ok: 200, page: true, request: (f) => ({ path: `/awards/${f.applicationReference}` }) },
    'get /awards/:reference/bank-account': {
      action: 'bank_account.set',
      ok: 200,
      page: true,
      pageAnswer: awardNotFound,
      request: (f) => ({ path: `/awards/${f.applicationReference}/bank-account` }),
    },
    'post /awards/:reference/bank-account': {
      action: 'bank_account.set',
      ok: 303,
      page: true,
      pageAnswer: awardNotFound,
      request: (f) => ({
        path: `/awards/${f.applicationReference}/bank-account`,
        body: { accountName: 'Grwp Cymunedol', sortCode: '309457', accountNumber: '00733445' },
      }),
    },
    'get /awards/:reference/claims/new': {
      action: 'claim.submit',
      ok: 200,
      page: true,
      request: (f) => ({ path: `/awards/${f.applicationReference}/claims/new` }),
    },
    // The matrix sends no file: past the policy the lead's form is shown again asking for one.
    'post /awards/:reference/claims/new': {
      action: 'claim.submit',
      ok: 422,
      page: true,
      request: (f) => ({ path: `/awards/${f.applicationReference}/claims/new`, body: { kind: 'stage' } }),
    },
    'get /awards/:reference/monitoring-returns/:period': { action: 'monitoring.submit', ok: 200, page: true, request: (f) => ({ path: monitoringReturn(f) }) },
    'post /awards/:reference/monitoring-returns/:period': {
      action: 'monitoring.submit',
      ok: 409,
      page: true,
      request: (f) => ({ path: monitoringReturn(f), body: { inUse: 'yes', usersPerWeek: '120', changes: 'Dim' } }),
    },
  };
}

/**
 * The group's transfer pages. Anyone acting for a group may open the form to ask for an asset (which group
 * is asked for is in what they send); the case's pages are the case's, as its API routes are. The fixture
 * transfer has no workflow behind it, so a step its group may take is refused as closed (409).
 */
function transferPageSpecs(): Record<string, RouteSpec> {
  const anyGroup = ({ role }: Caller) => (role !== 'anonymous' && applicants.includes(role) ? 200 : undefined);
  const step = (path: string, body: Record<string, unknown>): [string, RouteSpec][] => [
    [
      `get /transfers/:reference/${path}`,
      { action: 'transfer.apply', ok: 200, page: true, request: (f) => ({ path: `/transfers/${f.transferReference}/${path}` }) },
    ],
    [
      `post /transfers/:reference/${path}`,
      { action: 'transfer.apply', ok: 409, page: true, request: (f) => ({ path: `/transfers/${f.transferReference}/${path}`, body }) },
    ],
  ];
  return Object.fromEntries<RouteSpec>([
    ['get /assets', { action: 'asset.read', ok: 200, page: true, request: () => ({ path: '/assets' }) }],
    ['get /assets/request', { action: 'asset.request', ok: 200, page: true, pageAnswer: anyGroup, request: () => ({ path: '/assets/request' }) }],
    [
      'post /assets/request',
      {
        action: 'asset.request',
        ok: 303,
        page: true,
        request: (f) => ({
          path: '/assets/request',
          body: {
            organisationId: f.ownGroupId,
            ownerOrganisationId: f.ownCouncilId,
            name: 'Hen Ysgol',
            address: 'Stryd Fawr',
            kind: 'building',
            currentUse: 'Gwag',
            openSpace: 'no',
          },
        }),
      },
    ],
    ['get /assets/:id', { action: 'asset.read', ok: 200, page: true, request: (f) => ({ path: `/assets/${f.assetId}` }) }],
    [
      'get /assets/:id/transfer',
      { action: 'transfer.create', ok: 200, page: true, pageAnswer: anyGroup, request: (f) => ({ path: `/assets/${f.assetId}/transfer` }) },
    ],
    [
      'post /assets/:id/transfer',
      {
        action: 'transfer.create',
        ok: 303,
        page: true,
        request: (f) => ({
          path: `/assets/${f.assetId}/transfer`,
          body: { organisationId: f.ownGroupId, proposedUse: 'Canolfan gymunedol', message: 'Hoffem gymryd y neuadd drosodd', language: 'cy' },
        }),
      },
    ],
    ['get /transfers/:reference', { action: 'transfer.read', ok: 200, page: true, request: (f) => ({ path: `/transfers/${f.transferReference}` }) }],
    ...step('expression-of-interest', { proposedUse: 'Canolfan gymunedol', communityBenefit: 'Lle i bawb', document_governing_document: 'Cyfansoddiad' }),
    ...step('business-plan', {
      summary: 'Cynllun',
      document_business_plan: 'Cynllun busnes',
      document_financial_projections: 'Rhagolygon',
      document_governing_document: 'Cyfansoddiad',
      document_insurance: 'Yswiriant',
    }),
    ...step('community-benefit-report', { summary: 'Blwyddyn dda', peopleServed: '300', stillInCommunityUse: 'yes' }),
    ...step('withdrawal', { reason: 'Rheswm' }),
  ]);
}

/**
 * Every command on a transfer. The fixture transfer has no workflow behind it, so a command the policy lets
 * through is then refused as on a closed case: for these routes 409 means "allowed".
 */
function transferCommandSpecs(): Record<string, RouteSpec> {
  const command = (path: string, action: Action, body: (f: Fixture) => unknown): [string, RouteSpec] => [
    `post /api/transfers/:reference${path}`,
    { action, ok: 409, request: (f) => ({ path: `/api/transfers/${f.transferReference}${path}`, body: body(f) }) },
  ];
  const reason = () => ({ reason: 'Rheswm' });
  const documents = [{ kind: 'governing_document', title: 'Cyfansoddiad' }];
  return Object.fromEntries([
    command('/enquiry-response', 'transfer.casework', () => ({ outcome: 'invite', reasons: 'Croeso' })),
    command('/eoi/submission', 'transfer.apply', () => ({ proposedUse: 'Canolfan gymunedol', communityBenefit: 'Lle i bawb', documents })),
    command('/business-plan', 'transfer.apply', () => ({ summary: 'Cynllun', documents })),
    command('/gate-decisions', 'transfer.casework', () => ({ gate: 'initial_assessment', decidedBy: 'steering_group', outcome: 'proceed', reasons: 'Da' })),
    command('/evaluation', 'transfer.casework', () => ({
      marketValuePence: 10_000_000,
      valuer: 'Prisiwr',
      considerationPence: 100,
      tenure: { kind: 'lease', termYears: 25 },
      repairingObligations: 'Llawn',
      wellBeingJustification: 'Lles',
    })),
    command('/ministers-consent', 'transfer.casework', () => ({ outcome: 'granted', consentReference: 'WG-1', reasons: 'Da' })),
    command('/heads-of-terms', 'transfer.casework', () => ({ decidedBy: 'section_151_officer', summary: 'Prydles 25 mlynedd' })),
    command('/open-space-notice', 'transfer.casework', () => ({ publishedIn: 'Y Cymro' })),
    command('/objections', 'transfer.casework', () => ({ objector: 'Preswylydd', summary: 'Colli cae' })),
    command('/objections/consideration', 'transfer.casework', () => ({ outcome: 'proceed', reasons: 'Dim sail' })),
    command('/completion', 'transfer.casework', () => ({
      decidedBy: 'monitoring_officer',
      tenure: { kind: 'lease', termYears: 25 },
      completedOn: '2026-09-30',
    })),
    command('/community-benefit-reports', 'transfer.apply', () => ({ summary: 'Blwyddyn dda', peopleServed: 300, stillInCommunityUse: true })),
    command('/community-use-stopped', 'transfer.casework', reason),
    command('/withdrawal', 'transfer.apply', reason),
    command('/case-officer', 'transfer.casework', (f) => ({ caseOfficerId: f.transferOfficerId })),
    command('/notes', 'transfer.casework', () => ({ text: 'Nodyn' })),
  ]);
}

/** Every step of a recovery. The fixture award has none, so past the policy the recovery is not found: 404. */
function recoverySpecs(): Record<string, RouteSpec> {
  const step = (method: string, path: string, action: Action, body?: unknown): [string, RouteSpec] => [
    `${method} /api/recoveries/:id${path}`,
    { action, ok: 404, request: (f) => ({ path: `/api/recoveries/${f.applicationReference}-R1${path}`, body }) },
  ];
  return Object.fromEntries([
    step('get', '', 'recovery.read'),
    step('post', '/confirmation', 'recovery.confirm', {}),
    step('post', '/reduction-approval', 'recovery.confirm', {}),
    step('post', '/invoice', 'recovery.collect', {}),
    step('post', '/receipts', 'recovery.collect', { amountPence: 1_000, receivedOn: '2026-01-15' }),
    step('post', '/write-off', 'recovery.write_off', { reason: 'Y grŵp wedi ei ddiddymu' }),
  ]);
}

/** Every command on a claim. The fixture award has no claims, so past the policy a command finds none: 404. */
function claimCommandSpecs(): Record<string, RouteSpec> {
  const command = (path: string, action: Action, body: unknown): [string, RouteSpec] => [
    `post /api/awards/:reference/claims/:number${path}`,
    { action, ok: 404, request: (f) => ({ path: `/api/awards/${f.applicationReference}/claims/1${path}`, body }) },
  ];
  return Object.fromEntries([
    command('/verification', 'claim.verify', { findings: [{ lineNumber: 1, decision: 'approve', approvedPence: 100_000 }] }),
    command('/evidence-requests', 'claim.verify', { lineNumbers: [1], message: 'Yr anfoneb, os gwelwch yn dda' }),
    command('/evidence', 'claim.evidence', { lineNumber: 1, evidenceFileIds: ['6d1c3f4e-0000-4000-8000-0000000000ee'] }),
    command('/payment-approval', 'claim.approve', {}),
    command('/rejection', 'claim.verify', { reason: 'Dim tystiolaeth' }),
  ]);
}

/**
 * Every command on an application. The fixture case has no workflow behind it, so a command the policy lets
 * through is then refused as on a closed case: for these routes 409 means "allowed".
 */
function applicationCommandSpecs(): Record<string, RouteSpec> {
  const command = (method: string, path: string, action: Action, body: (f: Fixture) => unknown): [string, RouteSpec] => [
    `${method} /api/applications/:reference${path}`,
    { action, ok: 409, request: (f) => ({ path: `/api/applications/${f.applicationReference}${path}`, body: body(f) }) },
  ];
  const reason = () => ({ reason: 'Rheswm' });
  return Object.fromEntries([
    command('patch', '/eoi', 'application.apply', () => ({
      answers: { projectSummary: 'To newydd', facility: { name: 'Neuadd', address: 'Stryd Fawr', postcode: 'LL63 5BN', lsoaCode: 'W01000001', inWales: true } },
    })),
    command('post', '/eoi/submission', 'application.apply', () => ({})),
    command('post', '/screening', 'application.casework', () => ({ outcome: 'invite', reasons: 'Yn gymwys' })),
    command('patch', '/full-application', 'application.apply', () => ({ answers: { localUse: 'Bob dydd' } })),
    command('post', '/full-application/submission', 'application.apply', () => ({})),
    command('post', '/assessments/declarations', 'application.assess', () => ({ conflict: false })),
    command('post', '/assessments', 'application.assess', () => ({ scores: { need: { score: 4, justification: 'Da' } } })),
    command('post', '/assessments/moderation', 'application.casework', () => ({ total: 70, note: 'Cytunwyd' })),
    command('post', '/recommendation', 'application.casework', () => ({ recommendation: 'approve', amountPence: 1_000_000, reasons: 'Da' })),
    command('post', '/decisions', 'application.decide', () => ({ outcome: 'approve', amountPence: 1_000_000, reasons: 'Da' })),
    command('post', '/offer/acceptance', 'application.apply', () => ({ declaration: true, signatoryName: 'Gwen Jones' })),
    command('post', '/offer/refusal', 'application.apply', reason),
    command('post', '/information-requests', 'application.casework', () => ({ fields: ['deliveryPlan'], message: 'Pryd?' })),
    command('post', '/information-requests/response', 'application.apply', () => ({ answers: { deliveryPlan: 'Mai' } })),
    command('post', '/information-requests/closure', 'application.casework', reason),
    command('post', '/withdrawal', 'application.apply', reason),
    command('post', '/case-officer', 'application.casework', (f) => ({ caseOfficerId: f.caseworkerId })),
    command('post', '/notes', 'application.note', () => ({ text: 'Nodyn' })),
    command('post', '/fast-track', 'application.casework', () => ({ fastTrack: true, reason: 'Llifogydd' })),
    command('post', '/deadline-extensions', 'application.casework', () => ({
      deadline: 'offer_acceptance',
      dueAt: '2026-08-01T09:00:00Z',
      reason: 'Llifogydd',
    })),
    command('post', '/tenure-transfer', 'application.apply', (f) => ({ transferReference: f.transferReference })),
    command('post', '/tenure-transfer/decision', 'application.casework', () => ({ outcome: 'waive', reasons: 'Prydles hir gan y cyngor' })),
  ]);
}

describe('access matrix', () => {
  let system: TestSystem;
  let fixture: Fixture;
  const callers = new Map<string, CallerFixture & { session?: WebSession }>();
  const key = (caller: Caller) => `${caller.role}/${caller.relation}`;

  beforeAll(async () => {
    system = await startTestSystem();
    const ownGroup = await createOrganisation(system.prisma, { name: 'Our group' });
    // Registering it again (its name and postcode) is held as a likely duplicate.
    await system.prisma.organisation.update({ where: { id: ownGroup.id }, data: { postcode: 'SA1 1AA' } });
    const otherGroup = await createOrganisation(system.prisma, { name: 'Another group' });
    const council = await createOrganisation(system.prisma, { name: 'A council', kind: 'public_body' });
    const otherCouncil = await createOrganisation(system.prisma, { name: 'Another council', kind: 'public_body' });
    const adviceBody = await createOrganisation(system.prisma, { name: 'An advice body', kind: 'adviser' });
    const enquiryReference = 'ENQ-2026-777001';
    await system.prisma.enquiry.create({
      data: {
        reference: enquiryReference,
        organisationId: ownGroup.id,
        organisationName: ownGroup.name,
        contactEmail: 'our@example.cymru',
        message: 'Helo',
        language: 'en',
        status: 'received',
        receivedAt: new Date(),
      },
    });
    const applicationReference = 'CFP-2026-777001';
    await insertApplication(system.prisma, { reference: applicationReference, organisation: ownGroup });
    // An accepted award on it, not yet committed and with no claims.
    await system.prisma.award.create({
      data: {
        applicationReference,
        organisationId: ownGroup.id,
        amountPence: 1_800_000n,
        conditions: [],
        policyVersion: 'CFP-2024',
        decidedAt: new Date('2026-06-01T09:00:00Z'),
        acceptedAt: new Date('2026-06-10T09:00:00Z'),
        financialYear: 1999,
      },
    });
    const caseworker = await createPerson(system.prisma, { grants: [{ role: 'caseworker' }] });
    const statement = await system.prisma.bankStatement.create({
      data: {
        fileName: 'matrix-fixture.csv',
        sha256: 'matrix-fixture',
        importedById: caseworker.id,
        importedAt: new Date(),
        lines: {
          create: Array.from({ length: 40 }, (_, i) => ({
            lineNumber: i + 2,
            valueDate: new Date('2026-05-01'),
            reference: `UNKNOWN${i}`,
            amountPence: 1000n,
            matchStatus: 'unmatched',
          })),
        },
      },
    });
    const statementLines = new Map<string, number>();
    const statementLineFor = (email: string) => {
      const line = statementLines.get(email) ?? statementLines.size + 2;
      statementLines.set(email, line);
      return line;
    };
    const paymentRun = await system.prisma.paymentRun.create({
      data: {
        id: 'RUN-20260601-090000-a7a7',
        createdById: caseworker.id,
        createdAt: new Date('2026-06-01T09:00:00Z'),
        instructionCount: 0,
        totalPence: 0n,
        bankFileCsv: 'payee_name,sort_code,account_number,amount,reference\r\n',
      },
    });
    const asset = await system.prisma.asset.create({
      data: {
        ownerOrganisationId: council.id,
        name: 'Neuadd y Farchnad',
        address: 'Sgwâr y Farchnad, Llanfair',
        kind: 'building',
        currentUse: 'Swyddfeydd',
        openSpace: false,
        availability: 'offered',
      },
    });
    const transferReference = 'CAT-2026-777001';
    const transferOfficer = await createPerson(system.prisma, { grants: [{ role: 'asset_officer', organisationId: council.id }] });
    await system.prisma.transfer.create({ data: transferRow({ reference: transferReference, group: ownGroup, owner: council, asset }) });
    fixture = {
      ownGroupId: ownGroup.id,
      ownCouncilId: council.id,
      enquiryReference,
      applicationReference,
      caseworkerId: caseworker.id,
      statementId: statement.id,
      statementLineFor,
      paymentRunId: paymentRun.id,
      assetId: asset.id,
      transferReference,
      transferOfficerId: transferOfficer.id,
    };

    for (const role of roles) {
      for (const relation of ['own', 'other'] as const) {
        const organisationId = applicants.includes(role)
          ? (relation === 'own' ? ownGroup : otherGroup).id
          : role === 'asset_officer'
            ? (relation === 'own' ? council : otherCouncil).id
            : role === 'adviser'
              ? adviceBody.id
              : null;
        const person = await createPerson(system.prisma, { grants: [{ role, organisationId }] });
        callers.set(key({ role, relation }), { ...person, session: await signInOverHttp(system.url, person) });
      }
    }
    callers.set(key({ role: 'anonymous', relation: 'own' }), { email: 'nobody@example.cymru', password: 'not-a-real-password' });
  });

  afterAll(() => system?.stop());

  it('has a written expectation for every route the app serves, and no more', () => {
    expect(servedRoutes(system.app)).toEqual(Object.keys(specs).sort());
  });

  const everyone: Caller[] = [
    { role: 'anonymous', relation: 'own' },
    ...roles.flatMap((role) => (['own', 'other'] as const).map((relation) => ({ role, relation }))),
  ];

  it.each(Object.entries(specs))('%s', async (route, spec) => {
    const [method = 'get'] = route.split(' ');
    const failures: string[] = [];
    for (const caller of everyone) {
      const who = callers.get(key(caller));
      if (!who) throw new Error(`no caller ${key(caller)}`);
      const { path, body } = spec.request(fixture, who);
      // Signing in again ends the session sent with it, and so does signing out: both would take away the
      // session the next routes need, so sign-in goes without one and sign-out gets a fresh one.
      const session =
        route === 'post /api/sign-in' || route === 'post /sign-in'
          ? undefined
          : (route === 'post /api/sign-out' || route === 'post /sign-out') && caller.role !== 'anonymous'
            ? await signInOverHttp(system.url, who)
            : who.session;
      // A page's form posted before signing in carries the token of the cookie its page set (login CSRF).
      const formOfPage = spec.page && method !== 'get' && !session ? await preSessionForm(system.url) : {};
      const response = await fetch(`${system.url}${path}`, {
        method: method.toUpperCase(),
        headers: { 'content-type': 'application/json', ...formOfPage, ...(session ? sessionHeaders(session) : {}) },
        body: body === undefined ? undefined : JSON.stringify(body),
        redirect: 'manual',
      });
      // Only the status matters; letting go of the body also ends a live stream (the events feed).
      await response.body?.cancel();
      const ruled = expectations[spec.action](caller, spec.ok);
      const expected = spec.page ? (spec.pageAnswer?.(caller) ?? (ruled === 401 ? 303 : ruled)) : ruled;
      if (response.status !== expected) failures.push(`${key(caller)}: expected ${expected}, got ${response.status}`);
    }
    expect(failures).toEqual([]);
  });
});
