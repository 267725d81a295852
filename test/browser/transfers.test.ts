import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSystem, type TestSystem } from '../support/app.js';
import { insertAsset } from '../support/cat.js';
import { accessibilityViolations, launchBrowser, newContext } from '../support/browser.js';
import { createOrganisation, createPerson, sessionHeaders, signInOverHttp, type TestPerson, type WebSession } from '../support/people.js';

// A community group follows an asset transfer in a real browser, in Welsh and in English, with and without
// JavaScript: it finds the asset on the council's register, asks for it, sends its expression of interest
// and business plan, and sees each decision the council records (through the API, as issue 17's casework
// pages will) until the transfer completes. axe-core's WCAG 2.2 AA rules on every page it visits.

let system: TestSystem;
let browser: Browser;
let council: { id: string; name: string };
let officer: WebSession;

beforeAll(async () => {
  system = await startTestSystem();
  browser = await launchBrowser();
  council = await createOrganisation(system.prisma, { name: 'Cyngor Gwynedd', kind: 'public_body' });
  officer = await signInOverHttp(system.url, await createPerson(system.prisma, { grants: [{ role: 'asset_officer', organisationId: council.id }] }));
});

afterAll(async () => {
  await browser?.close();
  await system?.stop();
});

async function accessible(page: Page): Promise<Page> {
  expect(await accessibilityViolations(page), `axe on ${page.url()}`).toEqual([]);
  return page;
}

/** The council's officer records a step of the case, as the casework pages will. */
async function councilRecords(reference: string, path: string, body: unknown): Promise<void> {
  const response = await fetch(`${system.url}/api/transfers/${reference}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...sessionHeaders(officer) },
    body: JSON.stringify(body),
  });
  expect(response.status, await response.clone().text()).toBe(200);
}

const words = {
  cy: {
    signIn: 'Mewngofnodi',
    email: 'Cyfeiriad e-bost',
    password: 'Cyfrinair',
    search: 'Chwilio',
    assetName: 'Enw’r ased, neu ran ohono',
    ask: 'Gofyn am drosglwyddo’r ased hwn',
    proposedUse: 'Ar gyfer beth y byddai’ch grŵp yn defnyddio’r ased?',
    message: 'Eich neges i Cyngor Gwynedd',
    welsh: 'Cymraeg',
    sendRequest: 'Anfon y cais',
    sendEoi: 'Anfon mynegiant o ddiddordeb',
    communityBenefit: 'Sut y bydd y gymuned yn elwa?',
    governingDocument: 'Teitl eich dogfen lywodraethu',
    send: 'Anfon',
    missingDocument: 'Rhowch deitl eich dogfen lywodraethu',
    sendPlan: 'Anfon y cynllun busnes',
    planSummary: 'Crynodeb o’ch cynllun busnes',
    documents: ['Teitl eich cynllun busnes', 'Teitl eich rhagolygon ariannol', 'Teitl eich yswiriant'],
    proceed: 'Mynd ymlaen',
    completed: 'Cwblhawyd y trosglwyddiad ar 30 Medi 2026.',
    nextReport: 'Mae adroddiad 1 i fod erbyn',
  },
  en: {
    signIn: 'Sign in',
    email: 'Email address',
    password: 'Password',
    search: 'Search',
    assetName: 'Name of the asset, or part of it',
    ask: 'Ask for this asset to be transferred',
    proposedUse: 'What would your group use the asset for?',
    message: 'Your message to Cyngor Gwynedd',
    welsh: 'Welsh',
    sendRequest: 'Send the request',
    sendEoi: 'Send an expression of interest',
    communityBenefit: 'How will the community benefit?',
    governingDocument: 'Title of your governing document',
    send: 'Send',
    missingDocument: 'Enter the title of your governing document',
    sendPlan: 'Send the business plan',
    planSummary: 'Summary of your business plan',
    documents: ['Title of your business plan', 'Title of your financial projections', 'Title of your insurance'],
    proceed: 'Go ahead',
    completed: 'The transfer was completed on 30 September 2026.',
    nextReport: 'Report 1 is due by',
  },
} as const;

describe.each([
  { language: 'cy' as const, javaScript: true },
  { language: 'en' as const, javaScript: true },
  { language: 'en' as const, javaScript: false },
])('a group’s asset transfer in $language, JavaScript $javaScript', ({ language, javaScript }) => {
  let lead: TestPerson;
  let assetName: string;

  beforeAll(async () => {
    const group = await createOrganisation(system.prisma, { name: `Menter Bro ${language} ${javaScript}` });
    lead = await createPerson(system.prisma, { language, grants: [{ role: 'applicant_lead', organisationId: group.id }] });
    assetName = `Capel Bethel ${language} ${javaScript ? 'js' : 'no-js'}`;
    await insertAsset(system.prisma, council.id, { name: assetName });
  });

  it('finds an asset, asks for it, and follows the transfer to completion', async () => {
    const w = words[language];
    const context = await newContext(browser, { javaScript, language: language === 'cy' ? 'cy-GB' : 'en-GB' });
    const page = await context.newPage();

    await page.goto(`${system.url}/sign-in?next=%2Fassets`);
    await page.getByLabel(w.email).fill(lead.email);
    await page.getByLabel(w.password).fill(lead.password);
    await page.getByRole('button', { name: w.signIn, exact: true }).click();
    await page.waitForURL(`${system.url}/assets`);
    await accessible(page);

    await page.getByLabel(w.assetName).fill(assetName);
    await page.getByRole('button', { name: w.search }).click();
    await page.getByRole('link', { name: assetName }).click();
    await accessible(page);
    await page.getByRole('button', { name: w.ask }).click();
    await accessible(page);

    // Sent with nothing filled in: the error summary, then the form filled in.
    await page.getByRole('button', { name: w.sendRequest }).click();
    expect(await page.locator('.govuk-error-summary').count()).toBe(1);
    await accessible(page);
    await page.getByLabel(w.proposedUse).fill('Canolfan gymunedol a chaffi');
    await page.getByLabel(w.message).fill('Mae’r capel wedi bod yn wag ers dwy flynedd.');
    await page.getByLabel(w.welsh, { exact: true }).check();
    await page.getByRole('button', { name: w.sendRequest }).click();
    await page.waitForURL(/\/transfers\/CAT-/);
    const reference = new URL(page.url()).pathname.split('/').at(-1) ?? '';
    await accessible(page);

    await councilRecords(reference, '/enquiry-response', { outcome: 'invite', reasons: 'Croeso' });
    await page.reload();
    await page.getByRole('button', { name: w.sendEoi }).click();
    await page.getByLabel(w.communityBenefit).fill('Lle i’r gymuned gyfan gwrdd, dysgu a bwyta.');
    await page.getByRole('button', { name: w.send, exact: true }).click();
    expect(await page.locator('.govuk-error-summary').textContent()).toContain(w.missingDocument);
    await accessible(page);
    await page.getByLabel(w.governingDocument).fill('Cyfansoddiad 2026');
    await page.getByRole('button', { name: w.send, exact: true }).click();
    await page.waitForURL(`${system.url}/transfers/${reference}`);

    await councilRecords(reference, '/gate-decisions', { gate: 'initial_assessment', decidedBy: 'steering_group', outcome: 'proceed', reasons: 'Cynnig cryf' });
    await page.reload();
    expect(await page.locator('main').textContent()).toContain(w.proceed);
    await accessible(page);
    await page.getByRole('button', { name: w.sendPlan }).click();
    await page.getByLabel(w.planSummary).fill('Caffi cymunedol sy’n talu am y gwaith cynnal.');
    for (const label of w.documents) await page.getByLabel(label).fill('2026');
    await page.getByLabel(w.governingDocument).fill('Cyfansoddiad 2026');
    await accessible(page);
    await page.getByRole('button', { name: w.send, exact: true }).click();
    await page.waitForURL(`${system.url}/transfers/${reference}`);

    await councilRecords(reference, '/evaluation', {
      marketValuePence: 12_000_000,
      valuer: 'Prisiwr Dosbarth',
      considerationPence: 100,
      tenure: { kind: 'lease', termYears: 25 },
      repairingObligations: 'Llawn',
      wellBeingJustification: 'Budd i les y gymuned',
    });
    await councilRecords(reference, '/gate-decisions', { gate: 'decision', decidedBy: 'cabinet', outcome: 'proceed', reasons: 'Cytunwyd' });
    await councilRecords(reference, '/heads-of-terms', { decidedBy: 'section_151_officer', summary: 'Prydles 25 mlynedd' });
    await councilRecords(reference, '/completion', { decidedBy: 'monitoring_officer', tenure: { kind: 'lease', termYears: 25 }, completedOn: '2026-09-30' });
    await page.reload();
    const main = await page.locator('main').textContent();
    expect(main).toContain(w.completed);
    expect(main).toContain(w.nextReport);
    await accessible(page);
    await context.close();
  });
});

describe('a group asking for an asset that is not on the register', () => {
  it('asks for it from the register’s page, with the error summary first, and can then ask for its transfer', async () => {
    const group = await createOrganisation(system.prisma, { name: 'Cymdeithas Capel Salem' });
    const lead = await createPerson(system.prisma, { language: 'en', grants: [{ role: 'applicant_lead', organisationId: group.id }] });
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto(`${system.url}/sign-in?next=%2Fassets`);
    await page.getByLabel('Email address').fill(lead.email);
    await page.getByLabel('Password').fill(lead.password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.waitForURL(`${system.url}/assets`);
    await page.getByRole('link', { name: 'Ask for an asset that is not on the register' }).click();
    await accessible(page);

    await page.getByRole('button', { name: 'Ask for the asset' }).click();
    expect(await page.locator('.govuk-error-summary').textContent()).toContain('Choose who owns the asset');
    await accessible(page);
    await page.getByLabel('Who owns the asset?').selectOption({ label: 'Cyngor Gwynedd' });
    await page.getByLabel('Name of the asset').fill('Capel Salem');
    await page.getByLabel('Address of the asset').fill('Stryd y Capel, Cefncymerau');
    await page.getByLabel('Building', { exact: true }).check();
    await page.getByLabel('How is the asset used now?').fill('Empty since 2022');
    await page.getByLabel('No', { exact: true }).check();
    await page.getByRole('button', { name: 'Ask for the asset' }).click();
    await page.waitForURL(/\/assets\/[0-9a-f-]{36}\?asked=1$/);
    expect(await page.locator('h1').textContent()).toContain('Capel Salem');
    expect(await page.locator('.govuk-notification-banner').textContent()).toContain('You have asked for this asset');
    await accessible(page);
    await page.getByRole('button', { name: 'Ask for this asset to be transferred' }).click();
    await page.waitForURL(/\/transfer$/);
    await context.close();
  });
});
