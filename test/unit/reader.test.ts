import { describe, expect, it } from 'vitest';
import type { Actor, RoleGrantView } from '../../src/access/actor.js';
import { audienceOf } from '../../src/access/audience.js';
import { applicationScope, isStaff, readerAllowed, readerOf, readsAnyAsStaff, transferScope } from '../../src/access/reader.js';
import type { RoleName } from '../../src/domain/roles.js';

// Who the reader is to a case, as every read of an application or a transfer (and the web pages) asks it:
// the answer, not a role test of each operation's own.

const group = '00000000-0000-4000-8000-000000000001';
const otherGroup = '00000000-0000-4000-8000-000000000002';
const council = '00000000-0000-4000-8000-000000000003';
const otherCouncil = '00000000-0000-4000-8000-000000000004';
const adviceBody = '00000000-0000-4000-8000-000000000005';

function actor(...grants: [role: RoleName, organisationId?: string | null, programme?: string | null][]): Actor {
  return {
    personId: 'p',
    name: 'Test',
    email: 't@example.cymru',
    language: 'en',
    grants: grants.map(([role, organisationId, programme]): RoleGrantView => ({
      role,
      organisationId: organisationId ?? null,
      programme: programme ?? null,
      delegatedLimitPence: null,
    })),
  };
}

const application = applicationScope({ organisationId: group, programme: 'CFP' });
const transfer = transferScope({ organisationId: group, ownerOrganisationId: council });
const kindOf = (reader: ReturnType<typeof readerOf>) => reader?.kind ?? null;

describe('readerOf: who is reading this case', () => {
  it('names the group’s members and leads as the group, of their own group’s cases only', () => {
    for (const role of ['applicant_member', 'applicant_lead'] as const) {
      expect(kindOf(readerOf(actor([role, group]), 'application.read', application))).toBe('group');
      expect(kindOf(readerOf(actor([role, group]), 'transfer.read', transfer))).toBe('group');
      expect(readerOf(actor([role, otherGroup]), 'application.read', application)).toBeNull();
      expect(readerOf(actor([role, otherGroup]), 'transfer.read', transfer)).toBeNull();
    }
  });

  it('names programme staff by the role they read in, for the programmes their grants cover', () => {
    for (const role of ['caseworker', 'assessor', 'approver', 'panel_member', 'administrator'] as const) {
      expect(readerOf(actor([role]), 'application.read', application)).toMatchObject({ kind: 'programme_staff', grant: { role } });
    }
    expect(kindOf(readerOf(actor(['caseworker', null, 'CFP']), 'application.read', application))).toBe('programme_staff');
    expect(readerOf(actor(['caseworker', null, 'OTHER']), 'application.read', application)).toBeNull();
    // Programme caseworkers read transfers too, since a grant's tenure may rest on one.
    expect(kindOf(readerOf(actor(['caseworker']), 'transfer.read', transfer))).toBe('programme_staff');
    expect(readerOf(actor(['assessor']), 'transfer.read', transfer)).toBeNull();
  });

  it('names the owning body’s asset officers as its staff, for that body’s transfers only, and never of an application', () => {
    expect(readerOf(actor(['asset_officer', council]), 'transfer.read', transfer)).toMatchObject({ kind: 'owner_staff', grant: { organisationId: council } });
    expect(readerOf(actor(['asset_officer', otherCouncil]), 'transfer.read', transfer)).toBeNull();
    expect(readerOf(actor(['asset_officer', council]), 'application.read', application)).toBeNull();
  });

  it('names an invited adviser as the adviser, and nobody else from an advice body', () => {
    const invited = { ...application, invitedAdviserOrganisationIds: [adviceBody] };
    expect(kindOf(readerOf(actor(['adviser', adviceBody]), 'application.read', invited))).toBe('adviser');
    expect(readerOf(actor(['adviser', adviceBody]), 'application.read', application)).toBeNull();
  });

  it('reads staff first when one person is both a member of the group and staff, as the policy lets them in', () => {
    expect(kindOf(readerOf(actor(['applicant_member', group], ['caseworker']), 'application.read', application))).toBe('programme_staff');
    expect(kindOf(readerOf(actor(['applicant_lead', group], ['asset_officer', council]), 'transfer.read', transfer))).toBe('owner_staff');
  });

  it('answers nobody signed in with no reader', () => {
    expect(readerOf(undefined, 'application.read', application)).toBeNull();
    expect(readerOf(undefined, 'transfer.read', transfer)).toBeNull();
    expect(() => readerAllowed(undefined, 'transfer.read', transfer)).toThrow();
  });

  it('gives staff the staff’s view and the group and its advisers the group’s', () => {
    const read = (who: Actor, scope = application) => readerAllowed(who, 'application.read', scope);
    expect(audienceOf(read(actor(['caseworker'])))).toBe('staff');
    expect(audienceOf(readerAllowed(actor(['asset_officer', council]), 'transfer.read', transfer))).toBe('staff');
    expect(audienceOf(read(actor(['applicant_member', group])))).toBe('group');
    expect(audienceOf(read(actor(['adviser', adviceBody]), { ...application, invitedAdviserOrganisationIds: [adviceBody] }))).toBe('group');
    expect(isStaff(read(actor(['approver'])))).toBe(true);
    expect(isStaff(read(actor(['applicant_lead', group])))).toBe(false);
  });

  it('says who may ask a list what only staff see', () => {
    expect(readsAnyAsStaff(actor(['caseworker']), 'application.read')).toBe(true);
    expect(readsAnyAsStaff(actor(['asset_officer', council]), 'application.read')).toBe(false);
    expect(readsAnyAsStaff(actor(['asset_officer', council]), 'transfer.read')).toBe(true);
    expect(readsAnyAsStaff(actor(['applicant_lead', group], ['adviser', adviceBody]), 'transfer.read')).toBe(false);
  });
});
