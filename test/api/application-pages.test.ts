import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CfpPolicyCatalogue } from '../../src/programmes/cfp-policy.js';
import { startTestSystem, type TestSystem } from '../support/app.js';
import { CfpApiCases } from '../support/cfp-api.js';
import { insertCommittedAward, testPolicy } from '../support/cfp.js';
import { insertAsset, transferRow } from '../support/cat.js';
import { Browser, hiddenFields, signedInBrowser } from '../support/forms.js';
import { createOrganisation, createPerson, type TestPerson } from '../support/people.js';

// A group's CFP pages through HTTP, as a browser without JavaScript uses them: the dashboard, starting an
// application, every section of the expression of interest (what a refused form shows, and that it keeps
// what was typed), check your answers and sending it (the lead only), the case page and withdrawing.

let system: TestSystem;
let cases: CfpApiCases;
let group: { id: string; name: string };
let lead: TestPerson;
let member: TestPerson;

beforeAll(async () => {
  const policy = await testPolicy();
  system = await startTestSystem({ cfpPolicies: new CfpPolicyCatalogue([policy]) });
  cases = new CfpApiCases(system, policy);
  await cases.person('caseworker', [{ role: 'caseworker' }]);
  group = await createOrganisation(system.prisma, { name: 'Neuadd Goffa Bryncroes' });
  lead = await createPerson(system.prisma, { grants: [{ role: 'applicant_lead', organisationId: group.id }] });
  member = await createPerson(system.prisma, { grants: [{ role: 'applicant_member', organisationId: group.id }] });
});

afterAll(() => system?.stop());

/** Starts an application through its page, as the person; answers the reference it redirects to. */
async function startThroughPage(browser: Browser, projectTitle: string): Promise<string> {
  const { response } = await browser.submit('/applications/new', '/applications/new', { projectTitle, language: 'cy' });
  expect(response.status).toBe(303);
  const location = response.headers.get('location') ?? '';
  expect(location).toMatch(/^\/applications\/CFP-\d{4}-\d{6}\/eoi$/);
  return location.split('/')[2] ?? '';
}

/** Every section of the EOI answered, as a person types them. */
const sectionAnswers: [string, Record<string, string>][] = [
  ['project-summary', { projectSummary: 'Adnewyddu to’r neuadd a gosod paneli solar' }],
  ['facility', { name: 'Neuadd Goffa', address: 'Stryd Fawr, Bryncroes', postcode: 'll53 8eh', lsoaCode: 'W01000001', inWales: 'yes' }],
  ['money', { requested: '£20,000', totalCost: '25000.50' }],
  [
    'governance',
    {
      'constitutionSignedOn-day': '1',
      'constitutionSignedOn-month': '5',
      'constitutionSignedOn-year': '2019',
      bankAccountInOwnName: 'yes',
      unrelatedSignatories: '2',
      distributesProfit: 'no',
      unrestrictedReserves: '10,000',
      hasReservesPolicy: 'no',
      unrelatedBoardMembers: '5',
    },
  ],
  ['partners', { partners: 'Cyngor Cymuned Bryncroes\nMenter Môn' }],
  ['tenure', { kind: 'freehold' }],
];

describe('the dashboard', () => {
  it('lists each group’s applications and transfers, with where each stands and what comes next, and a way to start one', async () => {
    const browser = await signedInBrowser(system.url, lead);
    const reference = await startThroughPage(browser, 'To newydd i’r neuadd');
    const { response, html } = await browser.open('/dashboard');
    expect(response.status).toBe(200);
    expect(html).toContain(group.name);
    expect(html).toContain(`/applications/${reference}`);
    expect(html).toContain('To newydd i’r neuadd');
    expect(html).toContain('Expression of interest not sent yet');
    expect(html).toContain('Finish and send your expression of interest');
    expect(html).toContain(`/applications/new?organisationId=${group.id}`);
    expect(html).toContain('No transfers.');
  });

  it('lists the group’s transfers and grants too, each linked to its own page', async () => {
    const hall = await createOrganisation(system.prisma, { name: 'Neuadd Llanengan' });
    const hallLead = await createPerson(system.prisma, { grants: [{ role: 'applicant_lead', organisationId: hall.id }] });
    const council = await createOrganisation(system.prisma, { name: 'Cyngor Gwynedd', kind: 'public_body' });
    const asset = await insertAsset(system.prisma, council.id, { name: 'Hen Ysgol Llanengan' });
    await system.prisma.transfer.create({ data: transferRow({ reference: 'CAT-2026-888001', group: hall, owner: council, asset }) });
    await insertCommittedAward(system.prisma, { reference: 'CFP-2026-888001', organisation: hall, amountPence: 1_800_000n });
    const { html } = await (await signedInBrowser(system.url, hallLead)).open('/dashboard');
    expect(html).toContain('href="/transfers/CAT-2026-888001"');
    expect(html).toContain('Hen Ysgol Llanengan (CAT-2026-888001)');
    expect(html).toContain('href="/awards/CFP-2026-888001"');
    expect(html).toContain('You have accepted the grant offer');
  });

  it('tells the programme’s next step and its date once the EOI is sent', async () => {
    const browser = await signedInBrowser(system.url, lead);
    const reference = await startThroughPage(browser, 'Cegin gymunedol');
    for (const [slug, fields] of sectionAnswers)
      await browser.submit(`/applications/${reference}/eoi/${slug}`, `/applications/${reference}/eoi/${slug}`, fields);
    const sent = await browser.submit(`/applications/${reference}/eoi/check-answers`, `/applications/${reference}/eoi/submission`, {});
    expect(sent.response.status).toBe(303);
    const { html } = await browser.open('/dashboard');
    expect(html).toContain('We are looking at your expression of interest');
    expect(html).toContain('We are screening your expression of interest: you will hear the outcome by this date:');
  });

  it('sends someone in no group to register an organisation, and the start page to the dashboard', async () => {
    const loner = await createPerson(system.prisma, { grants: [] });
    const browser = await signedInBrowser(system.url, loner);
    const { html } = await browser.open('/dashboard');
    expect(html).toContain('href="/organisations/new"');
    expect(html).not.toContain('Start a CFP application');
    expect((await browser.open('/')).html).toContain('href="/dashboard"');
  });

  it('asks someone not signed in to sign in', async () => {
    const { response } = await new Browser(system.url).open('/dashboard');
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/sign-in?next=%2Fdashboard');
  });
});

describe('starting an application', () => {
  it('refuses a form without a title or language with 422, keeping what was typed', async () => {
    const browser = await signedInBrowser(system.url, lead);
    const { response, html } = await browser.submit('/applications/new', '/applications/new', { projectTitle: 'Hanner teitl' });
    expect(response.status).toBe(422);
    expect(html).toContain('govuk-error-summary');
    expect(html).toContain('Choose the language of the application');
    expect(html).toContain('value="Hanner teitl"');
  });

  it('asks which group when the person acts for several', async () => {
    const second = await createOrganisation(system.prisma, { name: 'Clwb Pêl-droed Sarn' });
    const both = await createPerson(system.prisma, {
      grants: [
        { role: 'applicant_lead', organisationId: group.id },
        { role: 'applicant_member', organisationId: second.id },
      ],
    });
    const browser = await signedInBrowser(system.url, both);
    const refused = await browser.submit('/applications/new', '/applications/new', { projectTitle: 'Llifoleuadau', language: 'en' });
    expect(refused.response.status).toBe(422);
    expect(refused.html).toContain('Choose which group is applying');
    const { response } = await browser.submit('/applications/new', '/applications/new', {
      organisationId: second.id,
      projectTitle: 'Llifoleuadau',
      language: 'en',
    });
    expect(response.status).toBe(303);
    const reference = (response.headers.get('location') ?? '').split('/')[2] ?? '';
    const row = await system.prisma.application.findUniqueOrThrow({ where: { reference } });
    expect(row.organisationId).toBe(second.id);
  });
});

describe('the expression of interest', () => {
  let reference: string;
  let browser: Browser;

  beforeAll(async () => {
    browser = await signedInBrowser(system.url, member);
    reference = await startThroughPage(browser, 'Paneli solar');
  });

  const refusals: { slug: string; fields: Record<string, string>; errors: string[]; kept: string[] }[] = [
    { slug: 'project-summary', fields: { projectSummary: '  ' }, errors: ['Say what the project will do'], kept: [] },
    {
      slug: 'facility',
      fields: { name: 'Neuadd Goffa', address: '', postcode: 'dim', lsoaCode: 'E01000001' },
      errors: [
        'Enter the address of the facility',
        'Enter a real postcode, like LL63 5BN',
        'Enter an LSOA code that starts with W01',
        'Say whether the facility is in Wales',
      ],
      kept: ['value="Neuadd Goffa"', 'value="dim"', 'value="E01000001"'],
    },
    {
      slug: 'money',
      fields: { requested: '20,000.505', totalCost: '10000' },
      errors: ['Enter the grant amount in pounds, like 20,000'],
      kept: ['value="20,000.505"', 'value="10000"'],
    },
    {
      slug: 'governance',
      fields: { 'constitutionSignedOn-day': '31', 'constitutionSignedOn-month': '2', 'constitutionSignedOn-year': '2019', unrelatedSignatories: 'dau' },
      errors: [
        'Enter a real date, or leave all three boxes empty',
        'Enter the number of signatories as a whole number',
        'Say whether the group has a bank account',
        'Enter the reserves in pounds',
      ],
      kept: ['value="31"', 'value="dau"'],
    },
    { slug: 'partners', fields: { partners: '\n \n' }, errors: ['Enter at least one partner'], kept: [] },
    {
      slug: 'tenure',
      fields: { kind: 'leasehold', leaseYears: 'hir' },
      errors: ['Enter the number of years as a whole number'],
      kept: ['value="hir"', 'value="leasehold" checked'],
    },
  ];

  it.each(refusals)('refuses the $slug page with 422, the error summary, inline errors and what was typed', async ({ slug, fields, errors, kept }) => {
    const path = `/applications/${reference}/eoi/${slug}`;
    const { response, html } = await browser.submit(path, path, { ...fields, then: 'continue' });
    expect(response.status).toBe(422);
    expect(html).toContain('govuk-error-summary');
    for (const error of errors) expect(html).toContain(error);
    expect(html.match(/govuk-error-message/g)?.length ?? 0).toBeGreaterThanOrEqual(1);
    for (const value of kept) expect(html).toContain(value);
  });

  it('puts an LSOA code that is no area of Wales beside the code, in the operation’s words', async () => {
    const path = `/applications/${reference}/eoi/facility`;
    const { response, html } = await browser.submit(path, path, {
      name: 'Neuadd Goffa',
      address: 'Stryd Fawr',
      postcode: 'LL53 8EH',
      lsoaCode: 'W01999999',
      inWales: 'yes',
      then: 'continue',
    });
    expect(response.status).toBe(422);
    expect(html).toContain('There is no small area (LSOA) W01999999 in Wales');
    expect(html).toContain('href="#lsoaCode"');
  });

  it('saves part of the money section to come back to later, and the task list says it is in progress', async () => {
    const path = `/applications/${reference}/eoi/money`;
    const { response } = await browser.submit(path, path, { requested: '20,000', totalCost: '', then: 'later' });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(`/applications/${reference}/eoi`);
    const { html } = await browser.open(`/applications/${reference}/eoi`);
    const money = html.slice(html.indexOf('Costs and the grant'), html.indexOf('How your group is run'));
    expect(money).toContain('In progress');
    expect(html.slice(html.indexOf('Project summary'), html.indexOf('The facility'))).toContain('Not started');
    expect((await browser.open(path)).html).toContain('value="20000.00"');
  });

  it('walks every section with “Save and continue” to check your answers, where a member is told the lead sends it', async () => {
    let location = '';
    for (const [slug, fields] of sectionAnswers) {
      const path = `/applications/${reference}/eoi/${slug}`;
      const { response } = await browser.submit(path, path, { ...fields, then: 'continue' });
      expect(response.status, slug).toBe(303);
      location = response.headers.get('location') ?? '';
    }
    expect(location).toBe(`/applications/${reference}/eoi/check-answers`);
    const tasks = (await browser.open(`/applications/${reference}/eoi`)).html;
    expect(tasks).toContain('You have completed 6 of 6 sections.');
    expect(tasks).not.toContain('Not started');

    const { html } = await browser.open(location);
    expect(html).toContain('£20,000.00');
    expect(html).toContain('£25,000.50');
    expect(html).toContain('LL53 8EH');
    expect(html).toContain('1 May 2019');
    expect(html).toContain('Cyngor Cymuned Bryncroes, Menter Môn');
    expect(html).toContain(`href="/applications/${reference}/eoi/facility#postcode"`);
    expect(html).toContain('Only the group’s lead can send the expression of interest');
    expect(html).not.toContain(`action="/applications/${reference}/eoi/submission"`);
  });

  it('refuses a member who sends it anyway, and changes nothing', async () => {
    const { html: page } = await browser.open(`/applications/${reference}/eoi/check-answers`);
    const { response, html } = await browser.post(
      `/applications/${reference}/eoi/submission`,
      {},
      { ...hiddenFields(page, '/sign-out'), _idempotencyKey: randomUUID() },
    );
    expect(response.status).toBe(403);
    expect(html).toContain('Only the group’s lead can do this');
    expect((await system.prisma.application.findUniqueOrThrow({ where: { reference } })).status).toBe('eoi_draft');
  });

  it('is sent by the lead, and the case page shows the new status and the eligibility checks', async () => {
    const leads = await signedInBrowser(system.url, lead);
    const path = `/applications/${reference}/eoi/project-summary`;
    const sectionForm = hiddenFields((await leads.open(path)).html, path);
    const check = await leads.open(`/applications/${reference}/eoi/check-answers`);
    expect(check.html).toContain(`action="/applications/${reference}/eoi/submission"`);
    expect(check.html).toContain(`href="${path}#`);
    const { response } = await leads.post(
      `/applications/${reference}/eoi/submission`,
      {},
      hiddenFields(check.html, `/applications/${reference}/eoi/submission`),
    );
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(`/applications/${reference}?sent=eoi`);
    const { html } = await leads.open(`/applications/${reference}?sent=eoi`);
    expect(html).toContain('Your expression of interest has been sent.');
    expect(html).toContain('We are looking at your expression of interest');
    expect(html).toContain('Eligibility checks');
    // The workflow's own reasons, as it words them, each met here.
    expect(html).toContain('The facility must be in Wales');
    expect(html).toContain('The group must not distribute profit to its members');
    expect(html).not.toContain('Not met');
    expect(html).toContain('moj-timeline');

    // Sent, a section opens as its answers on check your answers, with nothing to change.
    const reopened = await leads.open(path);
    expect(reopened.response.status).toBe(303);
    expect(reopened.response.headers.get('location')).toBe(`/applications/${reference}/eoi/check-answers`);
    const answers = await leads.open(`/applications/${reference}/eoi/check-answers`);
    expect(answers.html).toContain('govuk-summary-list');
    expect(answers.html).not.toContain(`href="${path}#`);
    // A section's form kept from before and sent anyway is the workflow's to refuse: the refusal page.
    const late = await leads.post(path, { projectSummary: 'Rhywbeth arall', then: 'continue' }, sectionForm);
    expect(late.response.status).toBe(409);
  });

  it('keeps the section pages from another group', async () => {
    const stranger = await createPerson(system.prisma, { grants: [{ role: 'applicant_lead', organisationId: (await createOrganisation(system.prisma)).id }] });
    const browser = await signedInBrowser(system.url, stranger);
    expect((await browser.open(`/applications/${reference}/eoi/facility`)).response.status).toBe(404);
    expect((await browser.open(`/applications/${reference}`)).response.status).toBe(404);
  });
});

describe('the case page', () => {
  it('shows a caseworker’s screening with its reasons, in Welsh, and the timeline fragment on its own', async () => {
    const browser = await signedInBrowser(system.url, lead);
    const reference = await startThroughPage(browser, 'Maes chwarae');
    for (const [slug, fields] of sectionAnswers)
      await browser.submit(`/applications/${reference}/eoi/${slug}`, `/applications/${reference}/eoi/${slug}`, fields);
    await browser.submit(`/applications/${reference}/eoi/check-answers`, `/applications/${reference}/eoi/submission`, {});
    await cases.step('caseworker', 'POST', `/api/applications/${reference}/screening`, { outcome: 'invite', reasons: 'Prosiect cymwys a chryf' });
    await browser.open('/?lang=cy');
    const { html } = await browser.open(`/applications/${reference}`);
    expect(html).toContain('Fe’ch gwahoddwyd i wneud cais llawn');
    expect(html).toContain('Prosiect cymwys a chryf');
    expect(html).toContain('Gorffen ac anfon eich cais llawn');
    expect(html).toContain(`href="/applications/${reference}/full-application"`);
    const fragment = await browser.open(`/applications/${reference}/timeline`);
    expect(fragment.response.status).toBe(200);
    expect(fragment.html).toContain('moj-timeline');
    expect(fragment.html).not.toContain('<html');
  });
});

describe('withdrawing', () => {
  it('asks why (422 without a reason), then withdraws and says so', async () => {
    const browser = await signedInBrowser(system.url, member);
    const reference = await startThroughPage(browser, 'Llwybr cerdded');
    const path = `/applications/${reference}/withdrawal`;
    const refused = await browser.submit(path, path, { reason: ' ' });
    expect(refused.response.status).toBe(422);
    expect(refused.html).toContain('Say why your group is withdrawing the application');
    const { response } = await browser.submit(path, path, { reason: 'Mae’r cyngor am wneud y gwaith ei hun' });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(`/applications/${reference}?withdrawn=1`);
    const { html } = await browser.open(`/applications/${reference}?withdrawn=1`);
    expect(html).toContain('The application has been withdrawn.');
    expect(html).toContain('The application was withdrawn');
    expect(html).toContain('Mae’r cyngor am wneud y gwaith ei hun');
    expect(html).not.toContain(`href="/applications/${reference}/withdrawal"`);
  });
});
