import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CfpPolicy } from '../../src/domain/cfp/policy.js';
import { financialYearOf } from '../../src/domain/financial-year.js';
import { answerFieldLabels } from '../../src/domain/labels.js';
import { CfpPolicyCatalogue } from '../../src/programmes/cfp-policy.js';
import { translate, type MessageKey } from '../../src/web/i18n/index.js';
import { linkPath, mailTo, waitForMail } from '../support/mailbox.js';
import { startTestSystem, type TestSystem } from '../support/app.js';
import { accessibilityViolations, launchBrowser, newContext } from '../support/browser.js';
import { CfpApiCases } from '../support/cfp-api.js';
import { scores, testPolicy } from '../support/cfp.js';
import type { ParsedEml } from '../support/eml.js';
import { eventually } from '../support/http.js';

// The whole journey of a new community group in a real browser, in Welsh and in English, with and without
// JavaScript: a person makes an account and confirms it from the mail sent, registers their group, invites
// a member (who makes their own account from the invitation's link and joins), sends the expression of
// interest, the full application and the answer to a request for information, accepts the offer, gives the
// group's bank account, claims the whole grant with its invoice, and sends the first monitoring return.
// Programme and finance staff move the case on over the API, as their pages will. axe-core's WCAG 2.2 AA
// rules on every page the group visits.

let system: TestSystem;
let browser: Browser;
let policy: CfpPolicy;
let staff: CfpApiCases;

beforeAll(async () => {
  const base = await testPolicy();
  // The first monitoring return opens as soon as the project completes (the real policy opens it six weeks
  // before its first anniversary), so that the journey can send it.
  policy = { ...base, awards: { ...base.awards, monitoring: { ...base.awards.monitoring, opensBefore: base.awards.monitoring.returnInterval } } };
  system = await startTestSystem({ cfpPolicies: new CfpPolicyCatalogue([policy]) });
  browser = await launchBrowser();
  staff = new CfpApiCases(system, policy);
  await staff.person('caseworker', [{ role: 'caseworker' }]);
  await staff.person('assessorA', [{ role: 'assessor' }]);
  await staff.person('assessorB', [{ role: 'assessor' }]);
  await staff.person('approver', [{ role: 'approver', delegatedLimitPence: 25_000_000n }]);
  await staff.person('financeApprover', [{ role: 'finance_approver' }]);
  await staff.person('financeOfficer', [{ role: 'finance_officer' }]);
  await staff.step('financeApprover', 'POST', '/api/finance/budgets', {
    programme: 'CFP',
    financialYear: financialYearOf(new Date()),
    amountPence: 100_000_000,
  });
});

afterAll(async () => {
  await browser?.close();
  await system?.stop();
});

async function accessible(page: Page): Promise<Page> {
  expect(await accessibilityViolations(page), `axe on ${page.url()}`).toEqual([]);
  return page;
}

/** The path of the invitation's link in the mail sent about it. */
function invitationLink(mail: ParsedEml): string {
  const found = /http:\/\/cymuned\.test(\/invitations\/[A-Za-z0-9_-]+)/.exec(mail.body);
  if (!found?.[1]) throw new Error(`No invitation link in: ${mail.body}`);
  return found[1];
}

const fullApplication: [MessageKey, string][] = [
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
])('a new group’s journey in $language, JavaScript $javaScript', ({ language, javaScript }) => {
  const t = (key: MessageKey, values?: Record<string, string | number>) => translate(key, language, values);
  const run = `${language}-${javaScript ? 'js' : 'nojs'}-${process.pid}`;
  const groupName = `Neuadd Bentref Llan ${run}`;
  const lead = { name: `Gwen Arweinydd ${run}`, email: `arweinydd-${run}@example.cymru`, password: 'tri gair hir iawn' };
  const member = { name: `Huw Aelod ${run}`, email: `aelod-${run}@example.cymru`, password: 'pedwar gair hir iawn' };
  const locale = language === 'cy' ? 'cy-GB' : 'en-GB';

  /** The create-account form filled in and sent, the mail's link opened and confirmed: signed in, at `next`. */
  async function createAccount(page: Page, person: { name: string; email: string; password: string }, next: string): Promise<void> {
    // The confirmation comes after any mail already there (an invited member had the invitation first).
    const before = (await mailTo(system.temporal.mailboxDir, person.email)).length;
    await page.getByLabel(t('account.create.name')).fill(person.name);
    await page.getByLabel(t('account.create.email')).fill(person.email);
    await page.getByLabel(t('account.create.password')).fill(person.password);
    await page.getByLabel(t(language === 'cy' ? 'account.language.cy' : 'account.language.en'), { exact: true }).check();
    await page.getByRole('button', { name: t('account.create.submit'), exact: true }).click();
    await page.waitForURL(`${system.url}/check-your-email`);
    await accessible(page);
    const mail = (await waitForMail(system.temporal.mailboxDir, person.email, { count: before + 1 })).find((sent) => sent.body.includes('/confirm-email/'));
    if (!mail) throw new Error(`no confirmation mail to ${person.email}`);
    await page.goto(`${system.url}${linkPath(mail, '/confirm-email')}`);
    await accessible(page);
    await page.getByRole('button', { name: t('account.confirm.submit') }).click();
    await page.waitForURL(`${system.url}${next}`);
  }

  it('goes from a new account to the first monitoring return of its grant', async () => {
    const context = await newContext(browser, { javaScript, language: locale });
    const page = await context.newPage();

    // A new account, confirmed from the mail, signed in on the dashboard.
    await page.goto(`${system.url}/create-account`);
    await accessible(page);
    await createAccount(page, lead, '/dashboard');
    await accessible(page);

    // The group registered from the dashboard, its new lead on its page.
    await page.getByRole('link', { name: t('dashboard.registerOrganisation') }).click();
    await page.waitForURL(`${system.url}/organisations/new`);
    await accessible(page);
    await page.getByLabel(t('organisation.name')).fill(groupName);
    // Registered first as a charity without its number: the number is asked for beside its field.
    await page.getByLabel(t('organisation.type.charity'), { exact: true }).check();
    await page.getByLabel(t('organisation.address')).fill('Stryd Fawr, Bryncroes');
    await page.getByLabel(t('organisation.postcode')).fill('LL53 8EH');
    await page.getByRole('button', { name: t('organisation.new.submit') }).click();
    expect(await page.locator('.govuk-error-summary').textContent()).toContain(t('organisation.charityNumberMissing'));
    expect(await page.locator('#charity-charityNumber-error').textContent()).toContain(t('organisation.charityNumberMissing'));
    await accessible(page);
    await page.getByLabel(t('organisation.type.unincorporated'), { exact: true }).check();
    await page.getByLabel(t('organisation.address')).fill('Stryd Fawr, Bryncroes');
    await page.getByLabel(t('organisation.postcode')).fill('LL53 8EH');
    await page.getByRole('button', { name: t('organisation.new.submit') }).click();
    await page.waitForURL(/\/organisations\/[^/?]+\?done=registered$/);
    const organisationPath = new URL(page.url()).pathname;
    const organisationId = organisationPath.split('/')[2] ?? '';
    expect(await page.locator('main').textContent()).toContain(t('organisation.done.registered'));
    await accessible(page);

    // A caseworker checks it against its documents (an unincorporated group is on no register).
    await staff.step('caseworker', 'POST', `/api/organisations/${organisationId}/verification`, {
      register: 'none',
      checkedReference: 'Cyfansoddiad wedi’i lofnodi, 2024',
      note: 'Grŵp anghorfforedig: gwelwyd y cyfansoddiad a’r cyfrif banc',
    });
    await page.reload();
    expect(await page.locator('main').textContent()).toContain(t('organisation.verifiedTag'));
    await accessible(page);

    // The lead invites a member by email; the member makes an account from the invitation's link and joins.
    await page.getByLabel(t('invitation.email')).fill(member.email);
    await page.getByLabel(t('invitation.roleMember'), { exact: true }).check();
    await page.getByLabel(t(language === 'cy' ? 'invitation.cy' : 'invitation.en'), { exact: true }).check();
    await page.getByRole('button', { name: t('invitation.send') }).click();
    await page.waitForURL(`${system.url}${organisationPath}?done=invited`);
    expect(await page.locator('main').textContent()).toContain(member.email);
    await accessible(page);

    const [invitationMail] = await waitForMail(system.temporal.mailboxDir, member.email);
    if (!invitationMail) throw new Error('no invitation mail');
    const invitation = invitationLink(invitationMail);
    const memberContext = await newContext(browser, { javaScript, language: locale });
    const memberPage = await memberContext.newPage();
    await memberPage.goto(`${system.url}${invitation}`);
    expect(await memberPage.locator('h1').textContent()).toContain(groupName);
    await accessible(memberPage);
    await memberPage.getByRole('button', { name: t('invitation.createAccount'), exact: true }).click();
    await memberPage.waitForURL(`${system.url}/create-account?next=${encodeURIComponent(invitation)}`);
    await accessible(memberPage);
    await createAccount(memberPage, member, invitation);
    await accessible(memberPage);
    await memberPage.getByRole('button', { name: t('invitation.accept') }).click();
    await memberPage.waitForURL(`${system.url}${organisationPath}?done=joined`);
    expect(await memberPage.locator('main').textContent()).toContain(t('organisation.done.joined'));
    await accessible(memberPage);
    await memberContext.close();
    await page.reload();
    expect(await page.locator('main').textContent()).toContain(member.name);

    // The expression of interest, from the dashboard.
    await page.goto(`${system.url}/dashboard`);
    await accessible(page);
    await page.getByRole('button', { name: t('dashboard.startApplication') }).click();
    await page.waitForURL(/\/applications\/new/);
    await accessible(page);
    await page.getByLabel(t('apply.start.projectTitle')).fill('To newydd i’r neuadd');
    await page.getByLabel(t('apply.language.cy'), { exact: true }).check();
    await page.getByRole('button', { name: t('apply.start.submit') }).click();
    await page.waitForURL(/\/applications\/CFP-\d{4}-\d{6}\/eoi$/);
    const reference = new URL(page.url()).pathname.split('/')[2] ?? '';
    const base = `${system.url}/applications/${reference}`;
    await accessible(page);

    const saveAndContinue = () => page.getByRole('button', { name: t('apply.eoi.saveAndContinue') }).click();
    await page.getByRole('link', { name: t('apply.section.projectSummary') }).click();
    await accessible(page);
    await page.getByLabel(t('apply.projectSummary.label')).fill('Adnewyddu to’r neuadd a gosod paneli solar');
    await saveAndContinue();
    await page.waitForURL(/\/eoi\/facility$/);
    await accessible(page);
    await page.getByLabel(t('apply.facility.name')).fill('Neuadd Goffa');
    await page.getByLabel(t('apply.facility.address')).fill('Stryd Fawr, Bryncroes');
    await page.getByLabel(t('apply.facility.postcode')).fill('LL53 8EH');
    await page.getByLabel(t('apply.facility.lsoaCode')).fill('W01000001');
    await page.locator('#inWales').check();
    await saveAndContinue();
    await page.waitForURL(/\/eoi\/money$/);
    await accessible(page);
    await page.getByLabel(t('apply.money.requested')).fill('20,000');
    await page.getByLabel(t('apply.money.totalCost')).fill('25,000');
    await saveAndContinue();
    await page.waitForURL(/\/eoi\/governance$/);
    await accessible(page);
    await page.getByLabel(t('apply.date.day')).fill('1');
    await page.getByLabel(t('apply.date.month')).fill('5');
    await page.getByLabel(t('apply.date.year')).fill('2019');
    await page.locator('#bankAccountInOwnName').check();
    await page.getByLabel(t('apply.governance.signatories')).fill('2');
    await page.locator('#distributesProfit-2').check();
    await page.getByLabel(t('apply.governance.reserves')).fill('10000');
    await page.locator('#hasReservesPolicy-2').check();
    await page.getByLabel(t('apply.governance.board')).fill('5');
    await saveAndContinue();
    await page.waitForURL(/\/eoi\/partners$/);
    await accessible(page);
    await page.getByLabel(t('apply.partners.label')).fill('Cyngor Cymuned Bryncroes');
    await saveAndContinue();
    await page.waitForURL(/\/eoi\/tenure$/);
    await accessible(page);
    await page.getByLabel(t('apply.tenure.freehold')).check();
    await saveAndContinue();
    await page.waitForURL(/\/eoi\/check-answers$/);
    await accessible(page);
    await page.getByRole('button', { name: t('apply.check.send'), exact: true }).click();
    await page.waitForURL(`${base}?sent=eoi`);
    await accessible(page);

    // Screened by the caseworker: the group is invited to make the full application.
    await staff.step('caseworker', 'POST', `/api/applications/${reference}/screening`, { outcome: 'invite', reasons: 'Prosiect cymwys a chryf' });
    if (!javaScript) await page.reload();
    await page
      .locator('[data-qa="status"]')
      .filter({ hasText: language === 'cy' ? 'Fe’ch gwahoddwyd i wneud cais llawn' : 'You are invited to make a full application' })
      .waitFor({ timeout: 15_000 });
    await accessible(page);

    // The full application: each question from the task list, a source of match funding, checked and sent.
    await page.goto(`${base}/full-application`);
    await accessible(page);
    for (const [title, answer] of fullApplication) {
      await page.getByRole('link', { name: t(title), exact: true }).click();
      await accessible(page);
      await page.getByLabel(t(title)).fill(answer);
      await page.getByRole('button', { name: t('fullApplication.saveAndContinue') }).click();
      await page.waitForURL(`${base}/full-application`);
    }
    await page.getByRole('link', { name: t('fullApplication.matchFunding'), exact: true }).click();
    await accessible(page);
    await page.getByLabel(t('fullApplication.source')).fill('Cronfa’r Loteri Genedlaethol');
    await page.getByLabel(t('fullApplication.amount'), { exact: true }).fill('5,000');
    await page
      .getByRole('group', { name: t('fullApplication.secured') })
      .getByLabel(t('fullApplication.yes'), { exact: true })
      .check();
    await page
      .getByRole('group', { name: t('fullApplication.inKind') })
      .getByLabel(t('fullApplication.no'), { exact: true })
      .check();
    await page.getByRole('button', { name: t('fullApplication.addThisSource') }).click();
    await page.waitForURL(`${base}/full-application/match-funding`);
    await accessible(page);
    await page.getByRole('link', { name: t('fullApplication.doneWithSources') }).click();
    await page.getByRole('button', { name: t('fullApplication.checkAndSend') }).click();
    await accessible(page);
    await page.getByRole('button', { name: t('fullApplication.send') }).click();
    await page.waitForURL(base);
    await accessible(page);
    expect((await system.prisma.application.findUniqueOrThrow({ where: { reference } })).status).toBe('assessment');

    // The case officer asks about the delivery plan; the lead answers on the request's page.
    await staff.step('caseworker', 'POST', `/api/applications/${reference}/information-requests`, {
      fields: ['deliveryPlan'],
      message: 'Pwy yw’r contractwr, a phryd fydd y gwaith yn gorffen?',
    });
    await page.goto(`${base}/information-request`);
    expect(await page.locator('main').textContent()).toContain('Pwy yw’r contractwr');
    await accessible(page);
    const deliveryPlan = answerFieldLabels.deliveryPlan[language];
    await page.getByLabel(deliveryPlan.charAt(0).toUpperCase() + deliveryPlan.slice(1)).fill('Adeiladwyr Môn Cyf; gorffen erbyn diwedd Gorffennaf.');
    await page.getByRole('button', { name: t('informationRequest.send') }).click();
    await page.waitForURL(base);
    await accessible(page);
    await eventually(async () => ((await system.prisma.application.findUniqueOrThrow({ where: { reference } })).clockPaused ? undefined : true));

    // Assessed by two assessors, recommended and approved: the offer.
    const api = `/api/applications/${reference}`;
    for (const assessor of ['assessorA', 'assessorB']) {
      await staff.step(assessor, 'POST', `${api}/assessments/declarations`, { conflict: false });
      await staff.step(assessor, 'POST', `${api}/assessments`, { scores: scores(policy, 4) });
    }
    await staff.step('caseworker', 'POST', `${api}/recommendation`, { recommendation: 'approve', amountPence: 1_800_000, reasons: 'Prosiect cryf' });
    await staff.step('approver', 'POST', `${api}/decisions`, {
      outcome: 'approve',
      amountPence: 1_800_000,
      conditions: [{ cy: 'Rhaid i’r gwaith ddechrau o fewn chwe mis', en: 'Work must start within six months' }],
      reasons: 'Yn cyflawni amcanion y rhaglen',
    });

    // The lead reads the offer and accepts it with the declaration.
    await page.goto(`${base}/offer`);
    const offer = await page.locator('main').textContent();
    expect(offer).toContain('£18,000.00');
    expect(offer).toContain(groupName);
    await accessible(page);
    await page.getByLabel(t('offer.signatoryName')).fill(lead.name);
    await page.getByLabel(t('offer.declaration')).check();
    await page.getByRole('button', { name: t('offer.accept') }).click();
    await page.waitForURL(base);
    await accessible(page);
    expect((await system.prisma.application.findUniqueOrThrow({ where: { reference } })).status).toBe('accepted');

    // Finance commits the award against the year's budget.
    await eventually(() => staff.call('caseworker', 'GET', `/api/awards/${reference}`).then((answer) => (answer.status === 200 ? true : undefined)));
    await staff.step('financeOfficer', 'POST', `/api/awards/${reference}/commitment`, {});

    // The lead gives the group's bank account, from the award's page on the dashboard.
    await page.goto(`${system.url}/dashboard`);
    await page.locator(`a[href="/awards/${reference}"]`).click();
    await page.waitForURL(`${system.url}/awards/${reference}`);
    await accessible(page);
    await page.getByRole('link', { name: t('award.bankAccountLink') }).click();
    await page.waitForURL(`${system.url}/awards/${reference}/bank-account`);
    await accessible(page);
    await page.getByLabel(t('bankAccount.accountName')).fill(groupName.slice(0, 18));
    await page.getByLabel(t('bankAccount.sortCode')).fill('30-94-57');
    await page.getByLabel(t('bankAccount.accountNumber')).fill('00733445');
    await page.getByRole('button', { name: t('bankAccount.submit') }).click();
    await page.waitForURL(`${system.url}/awards/${reference}?saved=bank-account`);
    expect(await page.locator('main').textContent()).toContain(t('bankAccount.saved'));
    await accessible(page);
    expect(await system.prisma.bankAccount.findUniqueOrThrow({ where: { organisationId } })).toMatchObject({ sortCode: '309457', accountNumber: '00733445' });

    // The final claim for the whole grant, with the invoice uploaded as its evidence.
    await page.getByRole('link', { name: t('award.makeClaim') }).click();
    await page.waitForURL(`${system.url}/awards/${reference}/claims/new`);
    await accessible(page);
    await page.getByLabel(t('award.claimKind.final'), { exact: true }).check();
    await page.getByLabel(t('claim.description')).fill('To a phaneli solar');
    await page.getByLabel(t('claim.supplier')).fill('Toi Cymru Cyf');
    await page.getByLabel(t('claim.invoiceNumber')).fill('INV-7');
    await page.getByLabel(t('claim.day')).fill('1');
    await page.getByLabel(t('claim.month')).fill('10');
    await page.getByLabel(t('claim.year')).fill('2026');
    await page.getByLabel(t('claim.amount')).fill('18,000');
    await page.getByLabel(t('claim.evidence')).setInputFiles({
      name: 'anfoneb-toi.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.7\nanfoneb y töwr\n'),
    });
    await page.getByRole('button', { name: t('claim.submit') }).click();
    await page.waitForURL(`${system.url}/awards/${reference}?claimed=1`);
    expect(await page.locator('main').textContent()).toContain(t('award.claimSent'));
    await accessible(page);

    // Verified and its payment approved: the project is complete, and its monitoring begins.
    await eventually(async () => ((await system.prisma.claim.findUnique({ where: { id: `${reference}/C1` } })) ? true : undefined));
    const claim = await system.prisma.claim.findUniqueOrThrow({ where: { id: `${reference}/C1` } });
    expect(claim.status).toBe('submitted');
    await staff.step('caseworker', 'POST', `/api/awards/${reference}/claims/1/verification`, {
      findings: [{ lineNumber: 1, decision: 'approve', approvedPence: 1_800_000 }],
    });
    await staff.step('financeApprover', 'POST', `/api/awards/${reference}/claims/1/payment-approval`, {});

    // The first return, open now, from the award's page.
    const sendReturn = page.getByRole('link', { name: t('award.sendReturn', { period: 1 }) });
    await eventually(async () => {
      await page.goto(`${system.url}/awards/${reference}`);
      return (await sendReturn.count()) === 1 ? true : undefined;
    });
    await accessible(page);
    await sendReturn.click();
    await page.waitForURL(`${system.url}/awards/${reference}/monitoring-returns/1`);
    await accessible(page);
    await page
      .getByRole('group', { name: t('monitoringReturn.inUse') })
      .getByLabel(t('monitoringReturn.yes'), { exact: true })
      .check();
    await page.getByLabel(t('monitoringReturn.usersPerWeek')).fill('120');
    await page.getByLabel(t('monitoringReturn.changes')).fill('Clwb ieuenctid newydd ar nos Fercher');
    await page.getByRole('button', { name: t('monitoringReturn.submit') }).click();
    await page.waitForURL(`${system.url}/awards/${reference}`);
    await eventually(async () =>
      (await system.prisma.monitoringReturn.findFirst({ where: { awardReference: reference, period: 1 } }))?.submittedAt ? true : undefined,
    );
    await page.reload();
    await accessible(page);
    await system.temporal.client.workflow.getHandle(`${reference}/monitoring`).terminate('end of test');
    await context.close();
  }, 300_000);
});
