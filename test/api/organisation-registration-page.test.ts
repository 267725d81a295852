import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSystem, type TestSystem } from '../support/app.js';
import { signedInBrowser } from '../support/forms.js';
import { createOrganisation, createPerson } from '../support/people.js';

// The registration form through HTTP, as a browser without JavaScript posts it: its register numbers are
// fields of their own (charityNumber, companyNumber, mutualsNumber) after the types, the type chosen
// deciding which it keeps and which it needs.

let system: TestSystem;

beforeAll(async () => {
  system = await startTestSystem();
});

afterAll(() => system?.stop());

const form = '/organisations/new';
const group = { address: 'Stryd Fawr, Llanddewi', postcode: 'LL53 8EH' };

describe('the organisation registration page', () => {
  it('shows each register number once, with the types that need it, and no radio revealing fields', async () => {
    const browser = await signedInBrowser(system.url, await createPerson(system.prisma));
    const { html } = await browser.open(form);
    for (const field of ['charityNumber', 'companyNumber', 'mutualsNumber']) expect(html.match(new RegExp(`name="${field}"`, 'g'))).toHaveLength(1);
    expect(html).toContain('Needed if it is a charity or charitable incorporated organisation (CIO)');
    expect(html).not.toContain('data-aria-controls');
  });

  it('asks for the number the type needs beside its field, keeping what was typed', async () => {
    const browser = await signedInBrowser(system.url, await createPerson(system.prisma));
    const refused = await browser.submit(form, form, { name: 'Cwmni Neuadd Llanddewi', type: 'company_limited_by_guarantee', charityNumber: '', ...group });
    expect(refused.response.status).toBe(422);
    expect(refused.html).toContain('href="#companyNumber"');
    expect(refused.html).toContain('Enter the company number');
    expect(refused.html).toContain('value="Cwmni Neuadd Llanddewi"');
  });

  it('keeps the numbers the type carries and drops those it does not', async () => {
    const browser = await signedInBrowser(system.url, await createPerson(system.prisma));
    const registered = await browser.submit(form, form, {
      name: 'Elusen Neuadd Llanddewi',
      type: 'charity',
      charityNumber: '1199001',
      companyNumber: '01234567',
      mutualsNumber: '',
      ...group,
    });
    expect(registered.response.status).toBe(303);
    const id = (registered.response.headers.get('location') ?? '').split('/')[2]?.split('?')[0] ?? '';
    expect(await system.prisma.organisation.findUniqueOrThrow({ where: { id } })).toMatchObject({ charityNumber: '1199001', companyNumber: null });
  });

  it('on the group’s page, asks for the advice body only when inviting an adviser', async () => {
    const organisation = await createOrganisation(system.prisma);
    const lead = await createPerson(system.prisma, { grants: [{ role: 'applicant_lead', organisationId: organisation.id }] });
    const browser = await signedInBrowser(system.url, lead);
    const page = `/organisations/${organisation.id}`;
    const action = `${page}/invitations`;
    expect((await browser.open(page)).html).not.toContain('data-aria-controls');
    const adviser = await browser.submit(page, action, { email: 'cynghorydd@example.cymru', role: 'adviser', adviserOrganisationId: '', language: 'cy' });
    expect(adviser.response.status).toBe(422);
    expect(adviser.html).toContain('href="#adviserOrganisationId"');
    const member = await browser.submit(page, action, { email: 'aelod@example.cymru', role: 'applicant_member', adviserOrganisationId: '', language: 'cy' });
    expect(member.response.status).toBe(303);
    expect(await system.prisma.invitation.count({ where: { organisationId: organisation.id } })).toBe(1);
  });
});
