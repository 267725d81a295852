import { describe, expect, it } from 'vitest';
import type { Actor, RoleGrantView } from '../../src/access/actor.js';
import { authorise, enforce } from '../../src/access/policy.js';
import { AppError } from '../../src/domain/app-error.js';
import type { RoleName } from '../../src/domain/roles.js';

const ourGroup = '00000000-0000-4000-8000-000000000001';
const otherGroup = '00000000-0000-4000-8000-000000000002';
const adviceBody = '00000000-0000-4000-8000-000000000003';

function actor(...grants: [role: RoleName, organisationId: string | null, programme?: string | null][]): Actor {
  return {
    personId: 'p',
    name: 'Test',
    email: 't@example.cymru',
    language: 'en',
    grants: grants.map(([role, organisationId, programme]): RoleGrantView => ({
      role,
      organisationId,
      programme: programme ?? null,
      delegatedLimitPence: null,
    })),
  };
}

const outcome = (decision: ReturnType<typeof authorise>) => (decision.allowed ? 'allowed' : decision.outcome);

describe('access policy', () => {
  it('lets anyone check health and sign in, and asks everyone else to sign in', () => {
    expect(outcome(authorise(undefined, 'health.read'))).toBe('allowed');
    expect(outcome(authorise(undefined, 'session.create'))).toBe('allowed');
    expect(outcome(authorise(undefined, 'enquiry.read', { organisationId: ourGroup }))).toBe('unauthenticated');
    expect(outcome(authorise(undefined, 'me.read'))).toBe('unauthenticated');
  });

  it("shows an applicant their own group's case and hides another group's as not found", () => {
    const member = actor(['applicant_member', ourGroup]);
    expect(outcome(authorise(member, 'enquiry.read', { organisationId: ourGroup }))).toBe('allowed');
    expect(outcome(authorise(member, 'enquiry.read', { organisationId: otherGroup }))).toBe('not_found');
  });

  it('lets applicants act only for their own group', () => {
    const lead = actor(['applicant_lead', ourGroup]);
    expect(authorise(lead, 'enquiry.submit', { organisationId: ourGroup })).toMatchObject({ allowed: true, actingAs: { role: 'applicant_lead' } });
    expect(outcome(authorise(lead, 'enquiry.submit', { organisationId: otherGroup }))).toBe('not_found');
    expect(outcome(authorise(actor(['caseworker', null]), 'enquiry.submit', { organisationId: ourGroup }))).toBe('forbidden');
  });

  it('lets advisers read only the cases they were invited to', () => {
    const adviser = actor(['adviser', adviceBody]);
    expect(outcome(authorise(adviser, 'enquiry.read', { organisationId: ourGroup, invitedAdviserOrganisationIds: [adviceBody] }))).toBe('allowed');
    expect(outcome(authorise(adviser, 'enquiry.read', { organisationId: ourGroup }))).toBe('not_found');
  });

  it('lets case staff see any case, within the programme their role is limited to; to other staff it is not there', () => {
    expect(outcome(authorise(actor(['caseworker', null]), 'enquiry.read', { organisationId: ourGroup }))).toBe('allowed');
    expect(outcome(authorise(actor(['assessor', null, 'CFP']), 'enquiry.read', { organisationId: ourGroup, programme: 'CAT' }))).toBe('not_found');
    expect(outcome(authorise(actor(['finance_officer', null]), 'enquiry.read', { organisationId: ourGroup }))).toBe('not_found');
  });

  it('refuses a command to staff who may see the case (403), and to those who may not as not found', () => {
    expect(outcome(authorise(actor(['assessor', null]), 'application.casework', { organisationId: ourGroup }))).toBe('forbidden');
    expect(outcome(authorise(actor(['finance_officer', null]), 'application.casework', { organisationId: ourGroup }))).toBe('not_found');
    // Finance staff read awards, so a claim command not theirs is forbidden, not hidden.
    expect(outcome(authorise(actor(['finance_officer', null]), 'claim.verify', { organisationId: ourGroup }))).toBe('forbidden');
    expect(outcome(authorise(actor(['asset_officer', otherGroup]), 'claim.verify', { organisationId: ourGroup }))).toBe('not_found');
  });

  it('keeps the whole audit trail to administrators', () => {
    expect(outcome(authorise(actor(['administrator', null]), 'audit.read'))).toBe('allowed');
    expect(outcome(authorise(actor(['caseworker', null]), 'audit.read'))).toBe('forbidden');
    expect(outcome(authorise(actor(['applicant_lead', ourGroup]), 'audit.read'))).toBe('forbidden');
  });

  it('names the role the actor acts in, for the audit trail', () => {
    expect(enforce(actor(['applicant_member', otherGroup], ['applicant_lead', ourGroup]), 'enquiry.submit', { organisationId: ourGroup })).toMatchObject({
      role: 'applicant_lead',
      organisationId: ourGroup,
    });
  });

  it('throws the matching problem when refused', () => {
    expect(() => enforce(undefined, 'me.read')).toThrow(expect.objectContaining({ code: 'unauthenticated' }) as AppError);
    expect(() => enforce(actor(['applicant_member', ourGroup]), 'enquiry.read', { organisationId: otherGroup })).toThrow(
      expect.objectContaining({ code: 'not_found' }) as AppError,
    );
    // In the caller's own words for a thing that is not there, when it gives them.
    const notFound = () => new AppError('not_found', { cy: 'Nid oes ymholiad ENQ-1', en: 'There is no enquiry ENQ-1' });
    expect(() => enforce(actor(['applicant_member', ourGroup]), 'enquiry.read', { organisationId: otherGroup }, { notFound })).toThrow(notFound());
  });
});
