import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSystem, type TestSystem } from '../support/app.js';
import { insertCommittedAward } from '../support/cfp.js';
import { hiddenFields, signedInBrowser } from '../support/forms.js';
import { eventually } from '../support/http.js';
import { createOrganisation, createPerson, type TestPerson } from '../support/people.js';

// The claim page through HTTP, as a browser without JavaScript sends a form with a file: the evidence and
// the claim from the lead, what is refused and shown on the form, and the CSRF token, which a form with a
// file carries inside the body only its own route reads.

let system: TestSystem;
let lead: TestPerson;
let member: TestPerson;
const reference = 'CFP-2026-772001';
const pdf = { field: 'evidence', name: 'anfoneb-toi.pdf', type: 'application/pdf', content: new TextEncoder().encode('%PDF-1.7\nanfoneb\n') };
const claim = {
  kind: 'stage',
  description: 'Llechi to newydd',
  supplier: 'Toi Cymru Cyf',
  invoiceNumber: 'INV-77',
  'invoiceDate-day': '3',
  'invoiceDate-month': '11',
  'invoiceDate-year': '2026',
  amount: '£1,200.50',
};
const form = `/awards/${reference}/claims/new`;

beforeAll(async () => {
  system = await startTestSystem();
  const group = await createOrganisation(system.prisma, { name: 'Clwb Bowlio Llandysul' });
  lead = await createPerson(system.prisma, { grants: [{ role: 'applicant_lead', organisationId: group.id }] });
  member = await createPerson(system.prisma, { grants: [{ role: 'applicant_member', organisationId: group.id }] });
  await insertCommittedAward(system.prisma, { reference, organisation: group, amountPence: 500_000n });
});

afterAll(() => system?.stop());

describe('making a claim', () => {
  it('refuses a form without its token, and a form with a file sent to a page that takes none', async () => {
    const browser = await signedInBrowser(system.url, lead);
    const hidden = hiddenFields((await browser.open(form)).html, form);
    const forged = await browser.postWithFile(form, claim, pdf, { ...hidden, _csrf: 'forged' });
    expect(forged.response.status).toBe(403);
    // The bank account page reads no files: a form sent to it with one is refused, token or not.
    const elsewhere = await browser.postWithFile(
      `/awards/${reference}/bank-account`,
      { accountName: 'Clwb', sortCode: '309457', accountNumber: '00733445' },
      pdf,
      hidden,
    );
    expect(elsewhere.response.status).toBe(403);
    expect(await system.prisma.evidenceFile.count({ where: { awardReference: reference } })).toBe(0);
    expect(await system.prisma.bankAccount.count()).toBe(0);
  });

  it('shows what is wrong beside each field, keeping what was typed', async () => {
    const browser = await signedInBrowser(system.url, lead);
    const hidden = hiddenFields((await browser.open(form)).html, form);
    const badAmount = await browser.postWithFile(form, { ...claim, amount: '12.345' }, pdf, hidden);
    expect(badAmount.response.status).toBe(422);
    expect(badAmount.html).toContain('Enter an amount in pounds, like 1250.00');
    expect(badAmount.html).toContain('value="Toi Cymru Cyf"');
    const refused = await browser.postWithFile(form, { ...claim, 'invoiceDate-day': '31', 'invoiceDate-month': '2' }, pdf, hiddenFields(badAmount.html, form));
    expect(refused.response.status).toBe(422);
    expect(refused.html).toContain('Invoice date must be a real date');
    expect(refused.html).toContain('href="#invoiceDate-day"');

    const notPdf = await browser.postWithFile(
      form,
      claim,
      { ...pdf, content: new TextEncoder().encode('<html>not a pdf</html>') },
      hiddenFields(refused.html, form),
    );
    expect(notPdf.response.status).toBe(422);
    expect(notPdf.html).toContain('Evidence must be a real PDF, PNG or JPEG file');
    expect(notPdf.html).toContain('href="#evidence"');

    const tooMuch = await browser.postWithFile(form, { ...claim, amount: '6000' }, pdf, hiddenFields(notPdf.html, form));
    expect(tooMuch.response.status).toBe(422);
    expect(tooMuch.html).toContain('href="#amount"');
    expect(await system.prisma.claim.count({ where: { awardReference: reference } })).toBe(0);
  });

  it('tells a member that only the lead claims, before the form', async () => {
    const page = await (await signedInBrowser(system.url, member)).open(form);
    expect(page.response.status).toBe(403);
    expect(page.html).toContain('Only the group’s lead can claim');
  });

  it('keeps the evidence and sends the claim, in exact pence', async () => {
    const browser = await signedInBrowser(system.url, lead);
    const hidden = hiddenFields((await browser.open(form)).html, form);
    const sent = await browser.postWithFile(form, claim, pdf, hidden);
    expect(sent.response.status).toBe(303);
    expect(sent.response.headers.get('location')).toBe(`/awards/${reference}?claimed=1`);
    const recorded = await eventually(() => system.prisma.claim.findFirst({ where: { awardReference: reference } }).then((row) => row ?? undefined));
    expect(recorded.requestedPence).toBe(120_050n);
    const award = await browser.open(`/awards/${reference}?claimed=1`);
    expect(award.html).toContain('Your claim is sent.');
    expect(award.html).toContain('£1,200.50');
  });
});
