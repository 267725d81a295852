import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Language } from '../../src/domain/bilingual.js';
import { CfpPolicyCatalogue } from '../../src/programmes/cfp-policy.js';
import { translate, type MessageKey } from '../../src/web/i18n/index.js';
import { startTestSystem, type TestSystem } from '../support/app.js';
import { accessibilityViolations, launchBrowser, newContext } from '../support/browser.js';
import { CfpApiCases } from '../support/cfp-api.js';
import { testPolicy } from '../support/cfp.js';
import { createOrganisation, createPerson, type TestPerson } from '../support/people.js';

// A community group applies to the Community Facilities Programme in a real browser, in Welsh and in
// English, with and without JavaScript: from its dashboard it starts an application, fills in every
// section of the expression of interest, checks its answers and sends it; a caseworker screens it (through
// the API, as the casework pages will) and the case page shows the new status and timeline entry (with
// JavaScript, without a reload). It withdraws another application. axe-core's WCAG 2.2 AA rules on every
// page it visits, error states included. And once, the whole EOI with the keyboard alone.

let system: TestSystem;
let browser: Browser;
let cases: CfpApiCases;

beforeAll(async () => {
  const policy = await testPolicy();
  system = await startTestSystem({ cfpPolicies: new CfpPolicyCatalogue([policy]) });
  browser = await launchBrowser();
  cases = new CfpApiCases(system, policy);
  await cases.person('caseworker', [{ role: 'caseworker' }]);
});

afterAll(async () => {
  await browser?.close();
  await system?.stop();
});

async function accessible(page: Page): Promise<Page> {
  expect(await accessibilityViolations(page), `axe on ${page.url()}`).toEqual([]);
  return page;
}

async function signIn(page: Page, person: TestPerson, language: Language): Promise<void> {
  await page.goto(`${system.url}/sign-in?next=%2Fdashboard`);
  await page.getByLabel(translate('signIn.email', language)).fill(person.email);
  await page.getByLabel(translate('signIn.password', language)).fill(person.password);
  await page.getByRole('button', { name: translate('signIn.submit', language), exact: true }).click();
  await page.waitForURL(`${system.url}/dashboard`);
}

/** A group with its lead, who reads the service in `language`. */
async function groupWithLead(name: string, language: Language): Promise<TestPerson> {
  const group = await createOrganisation(system.prisma, { name });
  return createPerson(system.prisma, { language, grants: [{ role: 'applicant_lead', organisationId: group.id }] });
}

describe.each([
  { language: 'cy' as const, javaScript: true },
  { language: 'en' as const, javaScript: true },
  { language: 'en' as const, javaScript: false },
])('a group’s CFP application in $language, JavaScript $javaScript', ({ language, javaScript }) => {
  const w = (key: MessageKey) => translate(key, language);
  let lead: TestPerson;

  beforeAll(async () => {
    lead = await groupWithLead(`Neuadd Bentref ${language} ${javaScript ? 'js' : 'no-js'}`, language);
  });

  it('starts an application from the dashboard, fills in and sends the EOI, and sees it screened', async () => {
    const context = await newContext(browser, { javaScript, language: language === 'cy' ? 'cy-GB' : 'en-GB' });
    const page = await context.newPage();
    await signIn(page, lead, language);
    await accessible(page);

    await page.getByRole('button', { name: w('dashboard.startApplication') }).click();
    await page.waitForURL(/\/applications\/new/);
    await accessible(page);
    // Sent with nothing filled in: the error summary, then the form filled in.
    await page.getByRole('button', { name: w('apply.start.submit') }).click();
    expect(await page.locator('.govuk-error-summary').textContent()).toContain(w('apply.start.projectTitleMissing'));
    await accessible(page);
    await page.getByLabel(w('apply.start.projectTitle')).fill('To newydd i’r neuadd');
    await page.getByLabel(w('apply.language.cy'), { exact: true }).check();
    await page.getByRole('button', { name: w('apply.start.submit') }).click();
    await page.waitForURL(/\/applications\/CFP-\d{4}-\d{6}\/eoi$/);
    const reference = new URL(page.url()).pathname.split('/')[2] ?? '';
    await accessible(page);

    const saveAndContinue = () => page.getByRole('button', { name: w('apply.eoi.saveAndContinue') }).click();
    await page.getByRole('link', { name: w('apply.section.projectSummary') }).click();
    await accessible(page);
    await page.getByLabel(w('apply.projectSummary.label')).fill('Adnewyddu to’r neuadd a gosod paneli solar');
    await saveAndContinue();

    await page.waitForURL(/\/eoi\/facility$/);
    await page.getByLabel(w('apply.facility.name')).fill('Neuadd Goffa');
    await page.getByLabel(w('apply.facility.address')).fill('Stryd Fawr, Bryncroes');
    await page.getByLabel(w('apply.facility.postcode')).fill('LL53 8EH');
    await page.getByLabel(w('apply.facility.lsoaCode')).fill('W0100');
    await saveAndContinue();
    // A code that is not one: the error beside it, the page accessible as it is.
    expect(await page.locator('.govuk-error-summary').textContent()).toContain(w('apply.facility.lsoaCodeInvalid'));
    await accessible(page);
    await page.getByLabel(w('apply.facility.lsoaCode')).fill('W01000001');
    await page.locator('#inWales').check();
    await saveAndContinue();

    await page.waitForURL(/\/eoi\/money$/);
    await accessible(page);
    await page.getByLabel(w('apply.money.requested')).fill('20,000');
    await page.getByLabel(w('apply.money.totalCost')).fill('25,000.50');
    await saveAndContinue();

    await page.waitForURL(/\/eoi\/governance$/);
    await accessible(page);
    await page.getByLabel(w('apply.date.day')).fill('1');
    await page.getByLabel(w('apply.date.month')).fill('5');
    await page.getByLabel(w('apply.date.year')).fill('2019');
    await page.locator('#bankAccountInOwnName').check();
    await page.getByLabel(w('apply.governance.signatories')).fill('2');
    await page.locator('#distributesProfit-2').check();
    await page.getByLabel(w('apply.governance.reserves')).fill('10000');
    await page.locator('#hasReservesPolicy-2').check();
    await page.getByLabel(w('apply.governance.board')).fill('5');
    await saveAndContinue();

    await page.waitForURL(/\/eoi\/partners$/);
    await accessible(page);
    await page.getByLabel(w('apply.partners.label')).fill('Cyngor Cymuned Bryncroes\nMenter Môn');
    await saveAndContinue();

    await page.waitForURL(/\/eoi\/tenure$/);
    await accessible(page);
    await page.getByLabel(w('apply.tenure.freehold')).check();
    await saveAndContinue();

    await page.waitForURL(/\/eoi\/check-answers$/);
    await accessible(page);
    const answers = await page.locator('main').textContent();
    expect(answers).toContain('£25,000.50');
    expect(answers).toContain(language === 'cy' ? '1 Mai 2019' : '1 May 2019');
    await page.getByRole('button', { name: w('apply.check.send'), exact: true }).click();
    await page.waitForURL(`${system.url}/applications/${reference}?sent=eoi`);
    await accessible(page);
    const status = page.locator('[data-qa="status"]');
    expect(await status.textContent()).toContain(
      language === 'cy' ? 'Rydym yn edrych ar eich mynegiant o ddiddordeb' : 'We are looking at your expression of interest',
    );

    await cases.step('caseworker', 'POST', `/api/applications/${reference}/screening`, { outcome: 'invite', reasons: 'Prosiect cymwys a chryf' });
    // With JavaScript the page follows the case; without, a refresh shows the same.
    if (!javaScript) await page.reload();
    const invited = language === 'cy' ? 'Fe’ch gwahoddwyd i wneud cais llawn' : 'You are invited to make a full application';
    await status.filter({ hasText: invited }).waitFor({ timeout: 15_000 });
    await page
      .locator('.moj-timeline__item')
      .filter({ hasText: language === 'cy' ? 'gwahodd' : 'invited' })
      .first()
      .waitFor({ timeout: 15_000 });
    expect(await page.locator('main').textContent()).toContain('Prosiect cymwys a chryf');
    await accessible(page);
    await context.close();
  });

  it('withdraws another application, saying why', async () => {
    const context = await newContext(browser, { javaScript, language: language === 'cy' ? 'cy-GB' : 'en-GB' });
    const page = await context.newPage();
    await signIn(page, lead, language);
    await page.getByRole('button', { name: w('dashboard.startApplication') }).click();
    await page.getByLabel(w('apply.start.projectTitle')).fill('Llwybr cerdded');
    await page.getByLabel(w('apply.language.en'), { exact: true }).check();
    await page.getByRole('button', { name: w('apply.start.submit') }).click();
    await page.waitForURL(/\/eoi$/);
    const reference = new URL(page.url()).pathname.split('/')[2] ?? '';
    await page.goto(`${system.url}/dashboard`);
    await page.getByRole('link', { name: `Llwybr cerdded (${reference})` }).click();
    await page.waitForURL(`${system.url}/applications/${reference}`);
    await accessible(page);
    await page.getByRole('link', { name: w('apply.case.withdraw') }).click();
    await accessible(page);
    await page.getByRole('button', { name: w('apply.withdraw.submit') }).click();
    expect(await page.locator('.govuk-error-summary').textContent()).toContain(w('apply.withdraw.reasonMissing'));
    await accessible(page);
    await page.getByLabel(w('apply.withdraw.reason')).fill('Mae’r cyngor am wneud y gwaith ei hun');
    await page.getByRole('button', { name: w('apply.withdraw.submit') }).click();
    await page.waitForURL(`${system.url}/applications/${reference}?withdrawn=1`);
    expect(await page.locator('main').textContent()).toContain(w('apply.case.withdrawn'));
    await accessible(page);
    await context.close();
  });
});

/** Presses Tab until the element `selector` names has the focus. */
async function tabTo(page: Page, selector: string): Promise<void> {
  for (let presses = 0; presses < 120; presses++) {
    await page.keyboard.press('Tab');
    if ((await page.locator(`${selector}:focus`).count()) > 0) return;
  }
  throw new Error(`Tab never reached ${selector} on ${page.url()}`);
}

async function typeInto(page: Page, selector: string, text: string): Promise<void> {
  await tabTo(page, selector);
  await page.keyboard.type(text);
}

/** The section's "Save and continue", with the keyboard; then the next page. */
async function saveAndContinue(page: Page, next: RegExp): Promise<void> {
  await tabTo(page, 'button[value="continue"]');
  await page.keyboard.press('Enter');
  await page.waitForURL(next);
}

describe('the expression of interest with the keyboard alone', () => {
  it('is filled in, checked and sent with Tab, Enter and Space, and typing', async () => {
    const lead = await groupWithLead('Clwb Bowlio Nefyn', 'en');
    const context = await newContext(browser, { language: 'en-GB' });
    const page = await context.newPage();
    await signIn(page, lead, 'en');
    await tabTo(page, 'a[href^="/applications/new"]');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/applications\/new/);
    await typeInto(page, '#projectTitle', 'Lawnt newydd');
    await tabTo(page, '#language');
    await page.keyboard.press('Space');
    await tabTo(page, 'form[action="/applications/new"] button');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/eoi$/);

    await tabTo(page, 'a[href$="/eoi/project-summary"]');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/eoi\/project-summary$/);
    await typeInto(page, '#projectSummary', 'Lawnt fowlio newydd i’r pentref');
    await saveAndContinue(page, /\/eoi\/facility$/);

    await typeInto(page, '#name', 'Clwb Bowlio');
    await typeInto(page, '#address', 'Ffordd y Môr, Nefyn');
    await typeInto(page, '#postcode', 'LL53 6EB');
    await typeInto(page, '#lsoaCode', 'W01000001');
    await tabTo(page, '#inWales');
    await page.keyboard.press('Space');
    await saveAndContinue(page, /\/eoi\/money$/);

    await typeInto(page, '#requested', '15000');
    await typeInto(page, '#totalCost', '18000');
    await saveAndContinue(page, /\/eoi\/governance$/);

    await typeInto(page, '#constitutionSignedOn-day', '3');
    await typeInto(page, '#constitutionSignedOn-month', '4');
    await typeInto(page, '#constitutionSignedOn-year', '2015');
    // Tab reaches a group of radios at its first; Space chooses it.
    for (const [radio, value] of [
      ['#bankAccountInOwnName', null],
      ['#unrelatedSignatories', '3'],
      ['#distributesProfit', null],
      ['#unrestrictedReserves', '5000'],
      ['#hasReservesPolicy', null],
      ['#unrelatedBoardMembers', '6'],
    ] as const) {
      if (value === null) {
        await tabTo(page, radio);
        await page.keyboard.press('Space');
      } else await typeInto(page, radio, value);
    }
    await saveAndContinue(page, /\/eoi\/partners$/);

    await tabTo(page, '#partners');
    await page.keyboard.type('Cyngor Tref Nefyn');
    await page.keyboard.press('Enter');
    await page.keyboard.type('Clwb Bowlio Pwllheli');
    await saveAndContinue(page, /\/eoi\/tenure$/);

    await tabTo(page, '#kind');
    await page.keyboard.press('Space');
    await saveAndContinue(page, /\/eoi\/check-answers$/);

    expect(await page.locator('main').textContent()).toContain('Clwb Bowlio Pwllheli');
    await tabTo(page, 'form[action$="/eoi/submission"] button');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/applications\/CFP-\d{4}-\d{6}\?sent=eoi$/);
    expect(await page.locator('[data-qa="status"]').textContent()).toContain('We are looking at your expression of interest');
    await accessible(page);
    await context.close();
  });
});
