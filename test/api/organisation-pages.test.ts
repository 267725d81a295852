import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSystem, type TestSystem } from '../support/app.js';
import { Browser, hiddenFields, signedInBrowser } from '../support/forms.js';
import { linkPath, waitForMail } from '../support/mailbox.js';
import { createOrganisation, createPerson, type TestPerson } from '../support/people.js';

// The organisation pages as a browser without JavaScript uses them: forms refused with 422 and the error
// summary, the step that holds back a likely duplicate, the page as its members read it, the lead's forms
// and their CSRF token, and the invitation link's page.

let system: TestSystem;
let registrant: TestPerson;

beforeAll(async () => {
  system = await startTestSystem();
  registrant = await createPerson(system.prisma, { name: 'Gwen Cofrestru' });
});

afterAll(() => system?.stop());

const form = '/organisations/new';
let counter = 0;
const uniqueName = (base: string) => `${base} ${Date.now()}-${++counter}`;

async function registeredBy(browser: Browser, fields: Record<string, string>): Promise<string> {
  const { response } = await browser.submit(form, form, fields);
  expect(response.status).toBe(303);
  const location = response.headers.get('location') ?? '';
  expect(location).toMatch(/^\/organisations\/[0-9a-f-]{36}\?done=registered$/);
  return location.slice('/organisations/'.length, location.indexOf('?'));
}

describe('registering an organisation', () => {
  it('shows what is wrong beside each field, in the error summary, keeping what was typed', async () => {
    const browser = await signedInBrowser(system.url, registrant);
    const empty = await browser.submit(form, form, {});
    expect(empty.response.status).toBe(422);
    expect(empty.html).toContain('govuk-error-summary');
    for (const text of ['Enter the name of the organisation', 'Select the type of organisation', 'Enter the organisation’s address', 'Enter the postcode']) {
      expect(empty.html).toContain(text);
    }

    const noNumber = await browser.submit(form, form, {
      name: 'Elusen y Dref',
      type: 'charity',
      address: 'Stryd Fawr',
      postcode: 'nope',
      'cic-companyNumber': '123',
    });
    expect(noNumber.response.status).toBe(422);
    expect(noNumber.html).toContain('href="#charity-charityNumber"');
    expect(noNumber.html).toContain('Enter the charity number');
    expect(noNumber.html).toContain('Enter a real UK postcode, like LL63 5BN');
    expect(noNumber.html).toContain('value="Elusen y Dref"');
    // The number of a type not chosen is neither refused nor lost.
    expect(noNumber.html).not.toContain('Enter the company number');
    expect(noNumber.html).toContain('value="123"');
    expect(await system.prisma.organisation.count({ where: { name: 'Elusen y Dref' } })).toBe(0);

    // What the operation refuses past the form's own checks is shown beside its field too.
    const hidden = await browser.submit(form, form, { name: 'Grŵp \u202ECudd', type: 'unincorporated', address: 'Stryd', postcode: 'SA1 1AA' });
    expect(hidden.response.status).toBe(422);
    expect(hidden.html).toContain('href="#name"');
    expect(hidden.html).toContain('Enter this without control characters or text-direction marks');

    const welsh = new Browser(system.url, { cymuned_lang: 'cy' });
    const signedInWelsh = await welsh.submit('/sign-in', '/sign-in', { email: registrant.email, password: registrant.password });
    expect(signedInWelsh.response.status).toBe(303);
    await welsh.open('/organisations/new?lang=cy');
    const inWelsh = await welsh.submit(form, form, { name: 'Menter', type: 'cic', address: 'Stryd', postcode: 'SA1 1AA', 'cic-companyNumber': 'not a number' });
    expect(inWelsh.response.status).toBe(422);
    expect(inWelsh.html).toContain('Rhowch rif cwmni o hyd at 8 digid');
    await welsh.open('/organisations/new?lang=en');
  });

  it('registers, making the person its lead, and shows the organisation as not yet verified', async () => {
    const browser = await signedInBrowser(system.url, registrant);
    const name = uniqueName('Cymdeithas Budd Cymunedol Tregaron');
    const id = await registeredBy(browser, {
      name,
      type: 'community_benefit_society',
      'community_benefit_society-mutualsNumber': 'rs7123',
      address: 'Sgwâr y Dref',
      postcode: 'sy25 6ja',
    });
    const page = await browser.open(`/organisations/${id}?done=registered`);
    expect(page.response.status).toBe(200);
    expect(page.html).toContain(name);
    expect(page.html).toContain('GB-MPR-RS7123');
    expect(page.html).toContain('The organisation is registered, and you are its lead.');
    expect(page.html).toContain('A caseworker has not checked the organisation against its register yet');
    expect(page.html).toContain('SY25 6JA');
    expect(page.html).toContain(`action="/organisations/${id}/invitations"`);
  });

  it('holds back a likely duplicate on a page of its own, and registers it only when the person confirms it is a different body', async () => {
    const browser = await signedInBrowser(system.url, registrant);
    const name = uniqueName('Clwb Pêl-droed Llan');
    const firstId = await registeredBy(browser, { name, type: 'unincorporated', address: 'Y Cae', postcode: 'LL55 4UR' });
    const someoneElse = await signedInBrowser(system.url, await createPerson(system.prisma, { name: 'Siôn Arall' }));
    const held = await someoneElse.submit(form, form, { name: name.toUpperCase(), type: 'unincorporated', address: 'Cae arall', postcode: 'll554ur' });
    expect(held.response.status).toBe(200);
    expect(held.html).toContain('This organisation may already be here');
    expect(held.html).toContain(name);
    expect(held.html).toContain('the same name and postcode');
    expect(held.html).toContain('Ask that organisation’s lead on Cymuned to invite you');
    expect(await system.prisma.organisation.count({ where: { name: { in: [name, name.toUpperCase()] } } })).toBe(1);

    const confirmed = await someoneElse.post(form, {}, hiddenFields(held.html, form));
    expect(confirmed.response.status).toBe(303);
    expect(await system.prisma.organisation.count({ where: { name: { in: [name, name.toUpperCase()] } } })).toBe(2);
    const second = await system.prisma.organisation.findFirstOrThrow({ where: { name: name.toUpperCase() } });
    expect(second.postcode).toBe('LL55 4UR');
    const audit = await system.prisma.auditRecord.findFirstOrThrow({ where: { stream: `organisation:${second.id}`, command: 'organisation.register' } });
    expect(audit.changes).toMatchObject({ confirmedDistinctFrom: [{ id: firstId, match: 'name_and_postcode' }] });
  });
});

describe('an organisation’s page', () => {
  it('is read-only to its members, and refused to others', async () => {
    const group = await createOrganisation(system.prisma, { name: 'Neuadd Goffa Aber' });
    const lead = await createPerson(system.prisma, { name: 'Arweinydd Aber', grants: [{ role: 'applicant_lead', organisationId: group.id }] });
    const member = await createPerson(system.prisma, { name: 'Aelod Aber', grants: [{ role: 'applicant_member', organisationId: group.id }] });
    const memberBrowser = await signedInBrowser(system.url, member);
    const page = await memberBrowser.open(`/organisations/${group.id}`);
    expect(page.response.status).toBe(200);
    expect(page.html).toContain('Arweinydd Aber');
    expect(page.html).toContain('Aelod Aber');
    expect(page.html).toContain('Checked on');
    expect(page.html).not.toContain('<form method="post" action="/organisations/');
    const byMember = await memberBrowser.post(
      `/organisations/${group.id}/invitations`,
      { email: 'x@example.cymru', role: 'applicant_member', language: 'cy' },
      hiddenFields((await memberBrowser.open('/organisations/new')).html, form),
    );
    expect(byMember.response.status).toBe(403);

    const leadPage = await (await signedInBrowser(system.url, lead)).open(`/organisations/${group.id}`);
    expect(leadPage.html).toContain(`action="/organisations/${group.id}/members/${member.id}/removal"`);

    const stranger = await signedInBrowser(
      system.url,
      await createPerson(system.prisma, { grants: [{ role: 'applicant_lead', organisationId: (await createOrganisation(system.prisma)).id }] }),
    );
    expect((await stranger.open(`/organisations/${group.id}`)).response.status).toBe(404);
    const signedOut = await new Browser(system.url).open(`/organisations/${group.id}`);
    expect(signedOut.response.status).toBe(303);
    expect(signedOut.response.headers.get('location')).toBe(`/sign-in?next=${encodeURIComponent(`/organisations/${group.id}`)}`);
  });

  it('refuses the lead’s forms without their CSRF token, and shows refused invitations with 422', async () => {
    const group = await createOrganisation(system.prisma, { name: 'Canolfan Gymunedol Nefyn' });
    const lead = await createPerson(system.prisma, { grants: [{ role: 'applicant_lead', organisationId: group.id }] });
    const browser = await signedInBrowser(system.url, lead);
    const page = `/organisations/${group.id}`;
    const action = `${page}/invitations`;
    const hidden = hiddenFields((await browser.open(page)).html, action);
    const forged = await browser.post(action, { email: 'newydd@example.cymru', role: 'applicant_member', language: 'cy' }, { ...hidden, _csrf: 'forged' });
    expect(forged.response.status).toBe(403);
    const withoutToken = await browser.post(action, { email: 'newydd@example.cymru', role: 'applicant_member', language: 'cy' });
    expect(withoutToken.response.status).toBe(403);
    expect(await system.prisma.invitation.count({ where: { organisationId: group.id } })).toBe(0);

    const missing = await browser.submit(page, action, { email: '', role: 'adviser', language: '' });
    expect(missing.response.status).toBe(422);
    expect(missing.html).toContain('govuk-error-summary');
    expect(missing.html).toContain('Enter an email address');
    expect(missing.html).toContain('Select the language of the email');
    const noBody = await browser.submit(page, action, { email: 'cynghorydd@example.cymru', role: 'adviser', language: 'en', adviserOrganisationId: '' });
    expect(noBody.response.status).toBe(422);
    expect(noBody.html).toContain('Choose the advice body the adviser works for');
    expect(noBody.html).toContain('value="cynghorydd@example.cymru"');
    expect(await system.prisma.invitation.count({ where: { organisationId: group.id } })).toBe(0);

    const sent = await browser.submit(page, action, { email: 'Newydd@Example.cymru', role: 'applicant_member', language: 'en' });
    expect(sent.response.status).toBe(303);
    expect(sent.response.headers.get('location')).toBe(`${page}?done=invited`);
    const after = await browser.open(`${page}?done=invited`);
    expect(after.html).toContain('The invitation has been sent.');
    expect(after.html).toContain('newydd@example.cymru');
  });
});

describe('an invitation’s page', () => {
  it('offers signing in or creating an account, accepts for the invited address only, and says plainly when a link no longer works', async () => {
    const group = await createOrganisation(system.prisma, { name: 'Gŵyl Gymunedol Dolgellau' });
    const lead = await createPerson(system.prisma, { grants: [{ role: 'applicant_lead', organisationId: group.id }] });
    const invitee = await createPerson(system.prisma, { name: 'Elin Wahoddedig' });
    const leadBrowser = await signedInBrowser(system.url, lead);
    const page = `/organisations/${group.id}`;
    await leadBrowser.submit(page, `${page}/invitations`, { email: invitee.email, role: 'applicant_member', language: 'en' });
    const [mail] = await waitForMail(system.temporal.mailboxDir, invitee.email);
    const link = linkPath(mail!);

    const signedOut = await new Browser(system.url, { cymuned_lang: 'en' }).open(link);
    expect(signedOut.response.status).toBe(200);
    expect(signedOut.html).toContain('Invitation to join Gŵyl Gymunedol Dolgellau');
    expect(signedOut.html).toContain(`href="/sign-in?next=${encodeURIComponent(link)}"`);
    expect(signedOut.html).toContain(`href="/create-account?next=${encodeURIComponent(link)}"`);

    const other = await signedInBrowser(system.url, await createPerson(system.prisma));
    const refused = await other.submit(link, link, {});
    expect(refused.response.status).toBe(403);
    expect(refused.html).toContain('This invitation was sent to another email address');

    const browser = await signedInBrowser(system.url, invitee);
    const accepted = await browser.submit(link, link, {});
    expect(accepted.response.status).toBe(303);
    expect(accepted.response.headers.get('location')).toBe(`${page}?done=joined`);
    expect((await browser.open(`${page}?done=joined`)).html).toContain('You have joined the group.');

    const used = await other.open(link);
    expect(used.response.status).toBe(410);
    expect(used.html).toContain('This invitation has already been accepted: the link works only once.');
    expect((await new Browser(system.url).open(`/invitations/${'z'.repeat(43)}`)).response.status).toBe(404);
  });
});
