import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CfpPolicy } from '../../src/domain/cfp/policy.js';
import { answerFieldLabels } from '../../src/domain/labels.js';
import { CfpPolicyCatalogue } from '../../src/programmes/cfp-policy.js';
import { translate, type MessageKey } from '../../src/web/i18n/index.js';
import { startTestSystem, type TestSystem } from '../support/app.js';
import { accessibilityViolations, launchBrowser, newContext } from '../support/browser.js';
import { testPolicy } from '../support/cfp.js';
import { eventually } from '../support/http.js';
import { claimAwaitingEvidence, invitedCase, laterCfpCast, offerAfterAssessment } from '../support/later-cfp.js';

// A group's lead takes a CFP application from the invitation to claim evidence in a real browser, in Welsh
// and in English, with and without JavaScript: fills in and sends the full application (match funding a
// source at a time), answers the case officer's request for information, reads and accepts the offer, and
// sends the evidence asked for on a claim. Programme staff move the case on over the API, as their pages
// will. axe-core's WCAG 2.2 AA rules on every page of these steps, error states included.

let system: TestSystem;
let browser: Browser;
let policy: CfpPolicy;

beforeAll(async () => {
  policy = await testPolicy();
  system = await startTestSystem({ cfpPolicies: new CfpPolicyCatalogue([policy]) });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await system?.stop();
});

async function accessible(page: Page): Promise<Page> {
  expect(await accessibilityViolations(page), `axe on ${page.url()}`).toEqual([]);
  return page;
}

const questions: [MessageKey, string][] = [
  ['fullApplication.projectDescription', 'To newydd i’r neuadd a phaneli solar ar y to.'],
  ['fullApplication.communityNeed', 'Dyma’r unig le cyfarfod yn y pentref.'],
  ['fullApplication.localUse', 'Defnyddir y neuadd bob dydd gan ddeuddeg grŵp.'],
  ['fullApplication.deliveryPlan', 'Contractwr lleol, deuddeg wythnos, gan ddechrau ym mis Ebrill.'],
  ['fullApplication.sustainability', 'Bydd y paneli solar yn haneru’r biliau ynni.'],
];

describe.each([
  { language: 'cy' as const, javaScript: true },
  { language: 'en' as const, javaScript: true },
  { language: 'en' as const, javaScript: false },
])('a group’s full application, offer and claim in $language, JavaScript $javaScript', ({ language, javaScript }) => {
  it('sends the full application, answers a request for information, accepts the offer and sends claim evidence', async () => {
    const t = (key: MessageKey, values?: Record<string, string | number>) => translate(key, language, values);
    const cast = await laterCfpCast(system, policy, language);
    const reference = await invitedCase(cast);
    const context = await newContext(browser, { javaScript, language: language === 'cy' ? 'cy-GB' : 'en-GB' });
    const page = await context.newPage();
    const base = `${system.url}/applications/${reference}`;

    await page.goto(`${system.url}/sign-in?next=${encodeURIComponent(`/applications/${reference}/full-application`)}`);
    await page.getByLabel(t('signIn.email')).fill(cast.lead.email);
    await page.getByLabel(t('signIn.password')).fill(cast.lead.password);
    await page.getByRole('button', { name: t('signIn.submit'), exact: true }).click();
    await page.waitForURL(`${base}/full-application`);
    expect(await page.locator('main').textContent()).toContain(t('fullApplication.dueBy', { date: '' }).replace(/\.$/, '').trim());
    await accessible(page);

    // Each question from the task list; the first sent empty, to see the error state.
    for (const [index, [title, answer]] of questions.entries()) {
      await page.getByRole('link', { name: t(title), exact: true }).click();
      await accessible(page);
      if (index === 0) {
        await page.getByRole('button', { name: t('fullApplication.saveAndContinue') }).click();
        expect(await page.locator('.govuk-error-summary').textContent()).toContain(t('fullApplication.projectDescriptionMissing'));
        await accessible(page);
      }
      await page.getByLabel(t(title)).fill(answer);
      await page.getByRole('button', { name: t('fullApplication.saveAndContinue') }).click();
      await page.waitForURL(`${base}/full-application`);
    }

    // Match funding, a source at a time: a wrong amount first, then two sources.
    await page.getByRole('link', { name: t('fullApplication.matchFunding'), exact: true }).click();
    await accessible(page);
    const addSource = async (source: string, amount: string, secured: boolean, inKind: boolean) => {
      await page.getByLabel(t('fullApplication.source')).fill(source);
      await page.getByLabel(t('fullApplication.amount'), { exact: true }).fill(amount);
      await page
        .getByRole('group', { name: t('fullApplication.secured') })
        .getByLabel(t(secured ? 'fullApplication.yes' : 'fullApplication.no'), { exact: true })
        .check();
      await page
        .getByRole('group', { name: t('fullApplication.inKind') })
        .getByLabel(t(inKind ? 'fullApplication.yes' : 'fullApplication.no'), { exact: true })
        .check();
      await page.getByRole('button', { name: t('fullApplication.addThisSource') }).click();
    };
    await addSource('Cronfa’r Loteri Genedlaethol', '5,000.555', true, false);
    expect(await page.locator('.govuk-error-summary').textContent()).toContain(t('fullApplication.amountInvalid'));
    await accessible(page);
    await addSource('Cronfa’r Loteri Genedlaethol', '5,000.50', true, false);
    await page.waitForURL(`${base}/full-application/match-funding`);
    await addSource('Gwirfoddolwyr y pentref', '750', false, true);
    await page.waitForURL(`${base}/full-application/match-funding`);
    expect(await page.locator('main').textContent()).toContain('£5,000.50');
    await accessible(page);
    await page.getByRole('link', { name: t('fullApplication.doneWithSources') }).click();
    await page.getByRole('button', { name: t('fullApplication.checkAndSend') }).click();
    expect(await page.locator('main').textContent()).toContain('Gwirfoddolwyr y pentref: £750.00');
    await accessible(page);
    await page.getByRole('button', { name: t('fullApplication.send') }).click();
    await page.waitForURL(base);
    const sent = await system.prisma.application.findUniqueOrThrow({ where: { reference } });
    expect(sent.status).toBe('assessment');

    // The case officer asks about the delivery plan only.
    await cast.cases.step('caseworker', 'POST', `/api/applications/${reference}/information-requests`, {
      fields: ['deliveryPlan'],
      message: 'Pwy yw’r contractwr, a phryd fydd y gwaith yn gorffen?',
    });
    await page.goto(`${base}/information-request`);
    const deliveryPlan = answerFieldLabels.deliveryPlan[language];
    const label = deliveryPlan.charAt(0).toUpperCase() + deliveryPlan.slice(1);
    expect(await page.locator('main').textContent()).toContain('Pwy yw’r contractwr');
    expect(await page.locator('textarea').count()).toBe(2);
    await accessible(page);
    await page.getByLabel(label).fill('');
    await page.getByRole('button', { name: t('informationRequest.send') }).click();
    expect(await page.locator('.govuk-error-summary').textContent()).toContain(t('informationRequest.answerMissing'));
    await accessible(page);
    await page.getByLabel(label).fill('Adeiladwyr Môn Cyf; gorffen erbyn diwedd Gorffennaf.');
    await page.getByRole('button', { name: t('informationRequest.send') }).click();
    await page.waitForURL(base);
    await eventually(async () => ((await system.prisma.application.findUniqueOrThrow({ where: { reference } })).clockPaused ? undefined : true));

    // Assessed, recommended and approved: the offer, read and accepted.
    await offerAfterAssessment(cast, reference, 1_800_000);
    await page.goto(`${base}/offer`);
    const offer = await page.locator('main').textContent();
    expect(offer).toContain('£18,000.00');
    expect(offer).toContain(language === 'cy' ? 'Rhaid i’r gwaith ddechrau o fewn chwe mis' : 'Work must start within six months');
    expect(offer).toContain(cast.group.name);
    await accessible(page);
    const pdfHref = await page.getByRole('link', { name: t('offer.downloadPdf') }).getAttribute('href');
    const pdf = await context.request.get(`${system.url}${pdfHref ?? ''}`);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    expect(pdf.headers()['content-disposition']).toMatch(/^attachment/);
    await page.getByLabel(t('offer.signatoryName')).fill('Gwen Arweinydd');
    await page.getByRole('button', { name: t('offer.accept') }).click();
    expect(await page.locator('.govuk-error-summary').textContent()).toContain(t('offer.declarationMissing'));
    await accessible(page);
    await page.getByLabel(t('offer.declaration')).check();
    await page.getByRole('button', { name: t('offer.accept') }).click();
    await page.waitForURL(base);
    expect((await system.prisma.application.findUniqueOrThrow({ where: { reference } })).status).toBe('accepted');

    // A claim, and the caseworker asks for more evidence on it: sent from the award's page.
    await claimAwaitingEvidence(cast, reference);
    await page.goto(`${system.url}/awards/${reference}`);
    await accessible(page);
    await page.getByRole('link', { name: t('claimEvidence.link', { number: 1 }) }).click();
    expect(await page.locator('main').textContent()).toContain('Anfonwch yr anfoneb gan y töwr');
    await accessible(page);
    await page.getByRole('button', { name: t('claimEvidence.send') }).click();
    expect(await page.locator('.govuk-error-summary').textContent()).toContain(t('claimEvidence.fileMissing'));
    await accessible(page);
    await page.getByLabel(t('claimEvidence.file')).setInputFiles({
      name: 'anfoneb-toi.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.7\nanfoneb y töwr\n'),
    });
    await page.getByRole('button', { name: t('claimEvidence.send') }).click();
    await page.waitForURL(`${system.url}/awards/${reference}?evidence=1`);
    expect(await page.locator('main').textContent()).toContain(t('claimEvidence.sent'));
    await accessible(page);
    const claim = await system.prisma.claim.findUniqueOrThrow({ where: { id: `${reference}/C1` } });
    expect(claim.status).toBe('submitted');
    await context.close();
    // A whole case from invitation to claim, with axe on some twenty pages (each twice over without JavaScript).
  }, 180_000);
});
