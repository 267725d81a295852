import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSystem, type TestSystem } from '../support/app.js';
import { insertCommittedAward } from '../support/cfp.js';
import { signedInBrowser } from '../support/forms.js';
import { createOrganisation, createPerson, type TestPerson } from '../support/people.js';

// A group's grant pages through HTTP, as a browser without JavaScript uses them: the award and its sums, the
// bank account form (the lead's only), and a monitoring return, which the workflow takes only once open.

let system: TestSystem;
let group: { id: string; name: string };
let lead: TestPerson;
let member: TestPerson;
let otherLead: TestPerson;
let caseworker: TestPerson;
const reference = 'CFP-2026-771001';

beforeAll(async () => {
  system = await startTestSystem();
  group = await createOrganisation(system.prisma, { name: 'Neuadd Bentref Llanddewi' });
  const other = await createOrganisation(system.prisma);
  lead = await createPerson(system.prisma, { grants: [{ role: 'applicant_lead', organisationId: group.id }] });
  member = await createPerson(system.prisma, { grants: [{ role: 'applicant_member', organisationId: group.id }] });
  otherLead = await createPerson(system.prisma, { grants: [{ role: 'applicant_lead', organisationId: other.id }] });
  caseworker = await createPerson(system.prisma, { grants: [{ role: 'caseworker' }] });
  await insertCommittedAward(system.prisma, { reference, organisation: group, amountPence: 2_500_000n });
});

afterAll(() => system?.stop());

describe('a group’s grant', () => {
  it('shows the award in pounds, and its bank account link to the lead only', async () => {
    const forLead = await (await signedInBrowser(system.url, lead)).open(`/awards/${reference}`);
    expect(forLead.response.status).toBe(200);
    expect(forLead.html).toContain('£25,000.00');
    expect(forLead.html).toContain('You have not made a claim yet.');
    expect(forLead.html).toContain(`href="/awards/${reference}/bank-account"`);
    const forMember = await (await signedInBrowser(system.url, member)).open(`/awards/${reference}`);
    expect(forMember.html).not.toContain(`href="/awards/${reference}/bank-account"`);
    expect((await (await signedInBrowser(system.url, otherLead)).open(`/awards/${reference}`)).response.status).toBe(404);
    expect((await (await signedInBrowser(system.url, caseworker)).open(`/awards/${reference}`)).response.status).toBe(200);
  });

  it('takes the group’s bank account from its lead, refusing what is not one and never showing the number back', async () => {
    const browser = await signedInBrowser(system.url, lead);
    const form = `/awards/${reference}/bank-account`;
    const refused = await browser.submit(form, form, { accountName: 'Neuadd Bentref Llanddewi', sortCode: '30-94', accountNumber: '12345678' });
    expect(refused.response.status).toBe(422);
    expect(refused.html).toContain('Enter a valid sort code like 30-94-57');
    expect(refused.html).toContain('value="Neuadd Bentref Llanddewi"');
    expect(refused.html).not.toContain('12345678');
    expect(await system.prisma.bankAccount.count({ where: { organisationId: group.id } })).toBe(0);

    // A name Bacs cannot carry: the operation's reason, beside the name.
    const unpayable = await browser.submit(form, form, { accountName: '=HYPERLINK()', sortCode: '309457', accountNumber: '00733445' });
    expect(unpayable.response.status).toBe(422);
    expect(unpayable.html).toContain('href="#accountName"');

    const saved = await browser.submit(form, form, { accountName: 'Neuadd Bentref Llanddewi', sortCode: '30 94 57', accountNumber: '0073 3445' });
    expect(saved.response.status).toBe(303);
    expect(saved.response.headers.get('location')).toBe(`/awards/${reference}?saved=bank-account`);
    expect((await browser.open(`/awards/${reference}?saved=bank-account`)).html).toContain('The finance team will check them before paying anything into it.');
    const account = await system.prisma.bankAccount.findUniqueOrThrow({ where: { organisationId: group.id } });
    expect(account).toMatchObject({ sortCode: '309457', accountNumber: '00733445' });
  });

  it('tells a member they may not change the bank account, before the form', async () => {
    expect((await (await signedInBrowser(system.url, member)).open(`/awards/${reference}/bank-account`)).response.status).toBe(403);
    expect((await (await signedInBrowser(system.url, otherLead)).open(`/awards/${reference}/bank-account`)).response.status).toBe(404);
  });

  it('checks a monitoring return, and shows the workflow’s reason when it cannot be sent yet', async () => {
    const browser = await signedInBrowser(system.url, member);
    const form = `/awards/${reference}/monitoring-returns/1`;
    const refused = await browser.submit(form, form, { usersPerWeek: 'lots', changes: '' });
    expect(refused.response.status).toBe(422);
    expect(refused.html).toContain('Choose whether the facility is still in use');
    expect(refused.html).toContain('Enter the number of people as a whole number, like 120');
    expect(refused.html).toContain('value="lots"');
    const early = await browser.submit(form, form, { inUse: 'yes', usersPerWeek: '80', changes: 'none' });
    expect(early.response.status).toBe(409);
    expect(early.html).toContain('Monitoring starts once the project is complete');
    expect((await browser.open(`/awards/${reference}/monitoring-returns/nought`)).response.status).toBe(404);
  });
});
