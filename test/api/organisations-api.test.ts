import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CfpPolicy } from '../../src/domain/cfp/policy.js';
import { loadCfpPolicies } from '../../src/programmes/cfp-policy.js';
import { startTestSystem, type TestSystem } from '../support/app.js';
import { CfpApiCases } from '../support/cfp-api.js';
import { linkPath, waitForMail } from '../support/mailbox.js';
import { createOrganisation } from '../support/people.js';

// Organisations over HTTP against the real app, database, Temporal and file mailbox: registering (and
// the likely duplicates held for confirmation), verification before screening, invitations by mail, and
// the lead's changes to who is in the group, each with its audit record.

describe('organisations API', () => {
  let system: TestSystem;
  let policy: CfpPolicy;
  let cases: CfpApiCases;

  beforeAll(async () => {
    const policies = await loadCfpPolicies();
    policy = policies.effectiveAt(new Date());
    system = await startTestSystem({ cfpPolicies: policies });
    cases = new CfpApiCases(system, policy);
    await cases.person('caseworker', [{ role: 'caseworker' }]);
    await cases.person('applicant', [{ role: 'applicant_member', organisationId: (await createOrganisation(system.prisma)).id }]);
  });

  afterAll(() => system?.stop());

  const emailOf = async (name: string) => (await system.prisma.person.findUniqueOrThrow({ where: { id: cases.id(name) } })).email;
  const auditOf = (organisationId: string, command: string) =>
    system.prisma.auditRecord.findMany({ where: { stream: `organisation:${organisationId}`, command }, orderBy: { sequence: 'asc' } });
  const activeGrants = (personId: string, organisationId: string) =>
    system.prisma.roleGrant.findMany({ where: { personId, organisationId, revokedAt: null }, select: { role: true } });

  let counter = 0;
  const unique = () => `${Date.now()}${++counter}`.slice(-7);

  /** A person with no role yet registers an organisation and becomes its lead. */
  async function registered(prefix: string, body: Record<string, unknown> = {}): Promise<string> {
    await cases.person(`${prefix}lead`, []);
    const answer = await cases.call(`${prefix}lead`, 'POST', '/api/organisations', {
      name: `Neuadd ${prefix}${unique()}`,
      type: 'unincorporated',
      address: '1 Stryd y Capel, Llanfair',
      postcode: 'll63 5bn',
      ...body,
    });
    expect(answer.status, JSON.stringify(answer.json)).toBe(201);
    return String((answer.json.organisation as { id: string }).id);
  }

  /** `${prefix}member` invited by the lead, the link read from the mail, accepted. */
  async function joined(prefix: string, organisationId: string): Promise<void> {
    await cases.person(`${prefix}member`, []);
    const email = await emailOf(`${prefix}member`);
    await cases.step(`${prefix}lead`, 'POST', `/api/organisations/${organisationId}/invitations`, { email, role: 'applicant_member', language: 'cy' });
    const [mail] = await waitForMail(system.temporal.mailboxDir, email);
    const token = linkPath(mail!).split('/').at(-1);
    await cases.step(`${prefix}member`, 'POST', '/api/invitations/acceptance', { token });
  }

  it('registers an organisation with its org-id and normalised postcode, making the person who registered it its lead, audited', async () => {
    await cases.person('charity-lead', []);
    const number = `11${unique().slice(-5)}`;
    const answer = await cases.call('charity-lead', 'POST', '/api/organisations', {
      name: 'Ymddiriedolaeth Neuadd Bentref',
      type: 'cio',
      charityNumber: number,
      // Numbers a CIO does not carry are dropped, as a form without JavaScript sends them all.
      companyNumber: '123',
      address: 'Heol y Llan',
      postcode: ' sa11aa ',
    });
    expect(answer.status).toBe(201);
    expect(answer.json).toMatchObject({ outcome: 'registered', organisation: { orgId: `GB-CHC-${number}` } });
    const id = (answer.json.organisation as { id: string }).id;
    const row = await system.prisma.organisation.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ postcode: 'SA1 1AA', charityNumber: number, companyNumber: null, legalForm: 'cio', kind: 'community_group', verifiedAt: null });
    expect(await activeGrants(cases.id('charity-lead'), id)).toEqual([{ role: 'applicant_lead' }]);
    const [audit] = await auditOf(id, 'organisation.register');
    expect(audit).toMatchObject({ actorId: cases.id('charity-lead'), organisationId: id });
    expect(audit?.changes).toMatchObject({ orgId: `GB-CHC-${number}`, postcode: 'SA1 1AA' });
    const view = await cases.call('charity-lead', 'GET', `/api/organisations/${id}`);
    expect(view.json).toMatchObject({ verification: { status: 'unverified' }, readerIsLead: true, members: [{ role: 'applicant_lead' }] });

    const company = await cases.call('charity-lead', 'POST', '/api/organisations', {
      name: `Menter ${unique()}`,
      type: 'cic',
      companyNumber: '4567',
      address: 'Y Stryd Fawr',
      postcode: 'CF10 1EP',
    });
    expect(company.json).toMatchObject({ outcome: 'registered', organisation: { orgId: 'GB-COH-00004567' } });
  });

  it('holds back a likely duplicate, by number or by name and postcode, until the person confirms it is a different body', async () => {
    await cases.person('dup-lead', []);
    const charityNumber = `12${unique().slice(-5)}`;
    // A charitable company: its org-id is its company number, and it has a charity number too.
    const first = await cases.step('dup-lead', 'POST', '/api/organisations', {
      name: 'Cwmni Elusennol Cyntaf',
      type: 'company_limited_by_guarantee',
      companyNumber: `9${unique()}`,
      charityNumber,
      address: 'Heol y Bont',
      postcode: 'SA1 1AA',
    });
    const firstId = (first.organisation as { id: string }).id;

    await cases.person('other-person', []);
    const byNumber = { name: 'Elusen Arall', type: 'charity', charityNumber, address: 'Lôn Las', postcode: 'LL63 5BN' };
    const held = await cases.call('other-person', 'POST', '/api/organisations', byNumber);
    expect(held.status).toBe(200);
    expect(held.json).toEqual({
      outcome: 'possible_duplicate',
      duplicates: [{ id: firstId, name: 'Cwmni Elusennol Cyntaf', orgId: expect.any(String), match: 'registered_number' }],
    });
    const countBefore = await system.prisma.organisation.count();
    expect(await system.prisma.roleGrant.count({ where: { personId: cases.id('other-person') } })).toBe(0);

    const byName = await cases.call('other-person', 'POST', '/api/organisations', {
      name: 'cwmni ELUSENNOL cyntaf',
      type: 'unincorporated',
      address: 'Rhywle arall',
      postcode: 'sa1 1aa',
    });
    expect(byName.json).toMatchObject({ outcome: 'possible_duplicate', duplicates: [{ id: firstId, match: 'name_and_postcode' }] });
    expect(await system.prisma.organisation.count()).toBe(countBefore);

    const confirmed = await cases.call('other-person', 'POST', '/api/organisations', { ...byNumber, registerAnyway: true });
    expect(confirmed.status).toBe(201);
    const secondId = (confirmed.json.organisation as { id: string }).id;
    expect(confirmed.json).toMatchObject({ organisation: { orgId: `GB-CHC-${charityNumber}` } });
    const [audit] = await auditOf(secondId, 'organisation.register');
    expect(audit?.changes).toMatchObject({ confirmedDistinctFrom: [{ id: firstId, match: 'registered_number' }] });

    // The same org-id twice is one body, however confirmed.
    const again = await cases.call('other-person', 'POST', '/api/organisations', { ...byNumber, name: 'Trydedd', registerAnyway: true });
    expect(again.status).toBe(409);
    expect(again.type).toContain('application/problem+json');
    expect(await system.prisma.organisation.count()).toBe(countBefore + 1);
  });

  it('refuses bad input with problem details and changes nothing', async () => {
    await cases.person('bad-input', []);
    const before = await system.prisma.organisation.count();
    const bodies = [
      { name: 'Elusen', type: 'charity', address: 'Stryd', postcode: 'SA1 1AA' },
      { name: 'Elusen', type: 'charity', charityNumber: 'abc', address: 'Stryd', postcode: 'SA1 1AA' },
      { name: 'Grŵp', type: 'unincorporated', address: 'Stryd', postcode: 'NOT A POSTCODE' },
      { name: 'Grŵp', type: 'partnership', address: 'Stryd', postcode: 'SA1 1AA' },
      { name: '', type: 'unincorporated', address: 'Stryd', postcode: 'SA1 1AA' },
      { name: 'Grŵp', type: 'unincorporated', address: 'Stryd', postcode: 'SA1 1AA', extra: true },
    ];
    for (const body of bodies) {
      const answer = await cases.call('bad-input', 'POST', '/api/organisations', body);
      expect({ body, status: answer.status, type: answer.type }).toMatchObject({ status: 400, type: expect.stringContaining('application/problem+json') });
    }
    const missing = await cases.call('bad-input', 'POST', '/api/organisations', bodies[0]);
    expect(missing.json.detail).toBe('This type of organisation needs its charity number');
    expect(await system.prisma.organisation.count()).toBe(before);
    expect(await system.prisma.auditRecord.count({ where: { actorId: cases.id('bad-input'), stream: { startsWith: 'organisation:' } } })).toBe(0);

    const id = await registered('bad-invite-');
    const invitations = [
      { email: 'not-an-email', role: 'applicant_member', language: 'cy' },
      { email: 'a@b.example', role: 'administrator', language: 'cy' },
      { email: 'a@b.example', role: 'adviser', language: 'cy' },
      { email: 'a@b.example', role: 'adviser', language: 'cy', adviserOrganisationId: id },
      { email: 'a@b.example', role: 'applicant_member', language: 'fr' },
    ];
    for (const body of invitations) {
      const answer = await cases.call('bad-invite-lead', 'POST', `/api/organisations/${id}/invitations`, body);
      expect({ body, status: answer.status, type: answer.type }).toMatchObject({ status: 400, type: expect.stringContaining('application/problem+json') });
    }
    const badVerification = await cases.call('caseworker', 'POST', `/api/organisations/${id}/verification`, {
      register: 'land_registry',
      checkedReference: 'x',
      note: 'y',
    });
    expect(badVerification.status).toBe(400);
    const badHandOver = await cases.call('bad-invite-lead', 'POST', `/api/organisations/${id}/lead`, { personId: 'nobody' });
    expect(badHandOver.status).toBe(400);
    expect(await system.prisma.invitation.count({ where: { organisationId: id } })).toBe(0);
    expect((await system.prisma.organisation.findUniqueOrThrow({ where: { id } })).verifiedAt).toBeNull();
  });

  it('refuses to screen an EOI of an unverified organisation (409, in both languages) until a caseworker verifies it', async () => {
    const id = await registered('eoi-');
    await joined('eoi-', id);
    const reference = await cases.start('eoi-');
    await cases.toScreening(reference, { prefix: 'eoi-' });
    const eventsBefore = await system.prisma.caseEvent.count({ where: { reference } });

    const refused = await cases.call('caseworker', 'POST', `/api/applications/${reference}/screening`, { outcome: 'invite', reasons: 'Yn gymwys' });
    expect(refused.status).toBe(409);
    expect(refused.json.detail).toMatch(/^Verify the organisation first/);
    const welsh = await cases.call(
      'caseworker',
      'POST',
      `/api/applications/${reference}/screening`,
      { outcome: 'invite', reasons: 'Yn gymwys' },
      { 'accept-language': 'cy' },
    );
    expect(welsh.json.detail).toMatch(/^Gwiriwch y sefydliad yn gyntaf/);
    expect(await system.prisma.caseEvent.count({ where: { reference } })).toBe(eventsBefore);

    const byApplicant = await cases.call('applicant', 'POST', `/api/organisations/${id}/verification`, {
      register: 'none',
      checkedReference: 'Cyfansoddiad',
      note: 'Wedi’i weld',
    });
    expect(byApplicant.status).toBe(403);
    const verified = await cases.step('caseworker', 'POST', `/api/organisations/${id}/verification`, {
      register: 'none',
      checkedReference: 'Cyfansoddiad wedi’i lofnodi, 2024',
      note: 'Grŵp anghorfforedig: gwelwyd y cyfansoddiad a’r cyfrif banc',
    });
    expect(verified).toMatchObject({ organisationId: id, verifiedById: cases.id('caseworker'), register: 'none' });
    const row = await system.prisma.organisation.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({
      verifiedById: cases.id('caseworker'),
      verificationRegister: 'none',
      verificationReference: 'Cyfansoddiad wedi’i lofnodi, 2024',
    });
    expect(await auditOf(id, 'organisation.verify')).toMatchObject([{ actorId: cases.id('caseworker'), actorRole: 'caseworker' }]);

    await cases.step('caseworker', 'POST', `/api/applications/${reference}/screening`, { outcome: 'invite', reasons: 'Yn gymwys' });
    expect((await cases.call('eoi-lead', 'GET', `/api/organisations/${id}`)).json).toMatchObject({ verification: { status: 'verified' } });
  });

  it('mails an invitation in the language chosen, accepted once, by the invited address only, not once expired', async () => {
    const id = await registered('inv-');
    await cases.person('invitee', [], 'en');
    await cases.person('stranger', []);
    const email = await emailOf('invitee');
    const sent = await cases.step('inv-lead', 'POST', `/api/organisations/${id}/invitations`, {
      email: email.toUpperCase(),
      role: 'applicant_member',
      language: 'cy',
    });
    expect(sent).toMatchObject({ email, role: 'applicant_member', notice: 'started' });
    const [mail] = await waitForMail(system.temporal.mailboxDir, email);
    expect(mail!.headers.subject).toMatch(/^Gwahoddiad i ymuno â Neuadd inv-/);
    const path = linkPath(mail!);
    expect(path).toMatch(/^\/invitations\/[A-Za-z0-9_-]{43}$/);
    const token = path.split('/').at(-1)!;
    // Only its hash is kept.
    expect(await system.prisma.invitation.count({ where: { tokenHash: token } })).toBe(0);

    const wrongPerson = await cases.call('stranger', 'POST', '/api/invitations/acceptance', { token });
    expect({ status: wrongPerson.status, detail: wrongPerson.json.detail }).toEqual({
      status: 403,
      detail: 'This invitation was sent to another email address. Sign in with the address it was sent to.',
    });
    expect(await activeGrants(cases.id('stranger'), id)).toEqual([]);

    const accepted = await cases.step('invitee', 'POST', '/api/invitations/acceptance', { token });
    expect(accepted).toMatchObject({ organisationId: id, role: 'applicant_member' });
    expect(await activeGrants(cases.id('invitee'), id)).toEqual([{ role: 'applicant_member' }]);
    expect(await auditOf(id, 'organisation.invitation_accept')).toMatchObject([{ actorId: cases.id('invitee') }]);

    const twice = await cases.call('invitee', 'POST', '/api/invitations/acceptance', { token });
    expect({ status: twice.status, detail: twice.json.detail }).toEqual({
      status: 409,
      detail: 'This invitation has already been accepted: the link works only once.',
    });
    expect(await system.prisma.roleGrant.count({ where: { personId: cases.id('invitee'), organisationId: id } })).toBe(1);

    // Another, expired by the clock.
    await cases.person('late', []);
    const lateEmail = await emailOf('late');
    const late = await cases.step('inv-lead', 'POST', `/api/organisations/${id}/invitations`, { email: lateEmail, role: 'applicant_member', language: 'en' });
    const [lateMail] = await waitForMail(system.temporal.mailboxDir, lateEmail);
    expect(lateMail!.headers.subject).toMatch(/^Invitation to join/);
    const invitation = await system.prisma.invitation.findUniqueOrThrow({ where: { id: String(late.id) } });
    expect(invitation.expiresAt.getTime() - invitation.createdAt.getTime()).toBe(14 * 86_400_000);
    await system.prisma.invitation.update({ where: { id: invitation.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const expired = await cases.call('late', 'POST', '/api/invitations/acceptance', { token: linkPath(lateMail!).split('/').at(-1) });
    expect({ status: expired.status, detail: expired.json.detail }).toEqual({
      status: 409,
      detail: 'This invitation has expired. Ask the group’s lead for a new one.',
    });
    expect(await activeGrants(cases.id('late'), id)).toEqual([]);

    const unknown = await cases.call('late', 'POST', '/api/invitations/acceptance', { token: 'y'.repeat(43) });
    expect(unknown.status).toBe(404);
  });

  it('lets the lead withdraw a pending invitation, whose link then stops working', async () => {
    const id = await registered('wd-');
    await cases.person('wd-invitee', []);
    const email = await emailOf('wd-invitee');
    const sent = await cases.step('wd-lead', 'POST', `/api/organisations/${id}/invitations`, { email, role: 'applicant_member', language: 'en' });
    const [mail] = await waitForMail(system.temporal.mailboxDir, email);
    expect((await cases.call('wd-lead', 'GET', `/api/organisations/${id}`)).json).toMatchObject({ pendingInvitations: [{ id: sent.id, email }] });
    await cases.step('wd-lead', 'POST', `/api/organisations/${id}/invitations/${String(sent.id)}/withdrawal`, {});
    expect(await auditOf(id, 'organisation.invitation_withdraw')).toMatchObject([{ actorId: cases.id('wd-lead'), actorRole: 'applicant_lead' }]);
    const accept = await cases.call('wd-invitee', 'POST', '/api/invitations/acceptance', { token: linkPath(mail!).split('/').at(-1) });
    expect({ status: accept.status, detail: accept.json.detail }).toEqual({ status: 409, detail: 'The group’s lead has withdrawn this invitation.' });
    expect((await cases.call('wd-lead', 'GET', `/api/organisations/${id}`)).json).toMatchObject({ pendingInvitations: [] });
  });

  it('lets the lead remove a member, hand the lead over (never leaving the group without one) and withdraw an adviser, each audited', async () => {
    const id = await registered('team-');
    await joined('team-', id);
    await cases.person('second', []);
    const secondEmail = await emailOf('second');
    await cases.step('team-lead', 'POST', `/api/organisations/${id}/invitations`, { email: secondEmail, role: 'applicant_member', language: 'en' });
    const [secondMail] = await waitForMail(system.temporal.mailboxDir, secondEmail);
    await cases.step('second', 'POST', '/api/invitations/acceptance', { token: linkPath(secondMail!).split('/').at(-1) });

    const lead = cases.id('team-lead');
    const member = cases.id('team-member');
    const selfRemoval = await cases.call('team-lead', 'POST', `/api/organisations/${id}/members/${lead}/removal`, {});
    expect(selfRemoval.status).toBe(409);
    expect(selfRemoval.json.detail).toMatch(/while you are its lead/);
    const byMember = await cases.call('team-member', 'POST', `/api/organisations/${id}/members/${cases.id('second')}/removal`, {});
    expect(byMember.status).toBe(403);

    await cases.step('team-lead', 'POST', `/api/organisations/${id}/members/${cases.id('second')}/removal`, {});
    expect(await activeGrants(cases.id('second'), id)).toEqual([]);
    expect(await auditOf(id, 'organisation.member_remove')).toMatchObject([
      { actorId: lead, actorRole: 'applicant_lead', changes: { memberId: cases.id('second') } },
    ]);

    await cases.step('team-lead', 'POST', `/api/organisations/${id}/lead`, { personId: member });
    expect(await activeGrants(member, id)).toEqual([{ role: 'applicant_lead' }]);
    expect(await activeGrants(lead, id)).toEqual([{ role: 'applicant_member' }]);
    expect(await auditOf(id, 'organisation.lead_hand_over')).toMatchObject([{ actorId: lead, changes: { newLeadId: member, previousLeadId: lead } }]);
    // The old lead is a member now, and cannot hand over again.
    expect((await cases.call('team-lead', 'POST', `/api/organisations/${id}/lead`, { personId: member })).status).toBe(403);
    expect((await cases.call('team-member', 'GET', `/api/organisations/${id}`)).json).toMatchObject({
      readerIsLead: true,
      members: [
        { personId: member, role: 'applicant_lead' },
        { personId: lead, role: 'applicant_member' },
      ],
    });

    // An adviser from an advice body, invited by the new lead.
    const body = await createOrganisation(system.prisma, { name: 'Cyngor Gwirfoddol Prawf', kind: 'adviser' });
    await cases.person('adviser', []);
    const adviserEmail = await emailOf('adviser');
    await cases.step('team-member', 'POST', `/api/organisations/${id}/invitations`, {
      email: adviserEmail,
      role: 'adviser',
      adviserOrganisationId: body.id,
      language: 'cy',
    });
    const [adviserMail] = await waitForMail(system.temporal.mailboxDir, adviserEmail);
    expect(adviserMail!.body).toContain('Cyngor Gwirfoddol Prawf');
    const adviserAccepted = await cases.step('adviser', 'POST', '/api/invitations/acceptance', { token: linkPath(adviserMail!).split('/').at(-1) });
    expect(adviserAccepted).toMatchObject({ role: 'adviser' });
    expect(await activeGrants(cases.id('adviser'), body.id)).toEqual([{ role: 'adviser' }]);
    expect((await cases.call('team-member', 'GET', `/api/organisations/${id}`)).json).toMatchObject({
      advisers: [{ personId: cases.id('adviser'), adviserBodyName: 'Cyngor Gwirfoddol Prawf' }],
    });

    await cases.step('team-member', 'POST', `/api/organisations/${id}/advisers/${cases.id('adviser')}/withdrawal`, {});
    expect(await activeGrants(cases.id('adviser'), body.id)).toEqual([]);
    expect(await auditOf(id, 'organisation.adviser_withdraw')).toMatchObject([
      { actorId: member, actorRole: 'applicant_lead', changes: { adviserId: cases.id('adviser') } },
    ]);
    expect((await cases.call('team-member', 'GET', `/api/organisations/${id}`)).json).toMatchObject({ advisers: [] });
    const none = await cases.call('team-member', 'POST', `/api/organisations/${id}/advisers/${cases.id('adviser')}/withdrawal`, {});
    expect(none.status).toBe(404);
  });

  it('tells anyone who is not a member or a caseworker that the organisation is not there', async () => {
    const id = await registered('hidden-');
    const other = await cases.call('applicant', 'GET', `/api/organisations/${id}`);
    expect(other.status).toBe(404);
    expect((await cases.call('caseworker', 'GET', `/api/organisations/${id}`)).json).toMatchObject({
      readerIsLead: false,
      members: [{ role: 'applicant_lead' }],
    });
    expect((await cases.call('applicant', 'GET', '/api/organisations/not-a-uuid')).status).toBe(404);
  });
});
