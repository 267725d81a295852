import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSystem, type TestSystem } from '../support/app.js';
import { accessibilityViolations, launchBrowser, newContext } from '../support/browser.js';
import { linkPath, waitForMail } from '../support/mailbox.js';
import { createPerson } from '../support/people.js';

// A volunteer registers their group in a real browser, in Welsh and in English, with and without
// JavaScript, and invites a member; the member, who has an account already, opens the mail's link, signs
// in from it and accepts. axe-core's WCAG 2.2 AA rules on every page visited, the refused form included.

let system: TestSystem;
let browser: Browser;

beforeAll(async () => {
  system = await startTestSystem();
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

const words = {
  cy: {
    signIn: 'Mewngofnodi',
    email: 'Cyfeiriad e-bost',
    password: 'Cyfrinair',
    name: 'Enw’r sefydliad',
    charity: 'Elusen',
    address: 'Cyfeiriad',
    postcode: 'Cod post',
    register: 'Cofrestru’r sefydliad',
    problem: 'Mae problem',
    missingNumber: 'Rhowch rif yr elusen',
    registered: 'Mae’r sefydliad wedi’i gofrestru, a chi yw ei arweinydd.',
    notVerified: 'Heb ei wirio',
    member: 'Aelod o’r grŵp',
    mailLanguage: 'Cymraeg',
    send: 'Anfon y gwahoddiad',
    sent: 'Mae’r gwahoddiad wedi’i anfon.',
    subject: 'Gwahoddiad i ymuno â',
    invited: 'Gwahoddiad i ymuno â',
    accept: 'Derbyn y gwahoddiad',
    joined: 'Rydych wedi ymuno â’r grŵp.',
  },
  en: {
    signIn: 'Sign in',
    email: 'Email address',
    password: 'Password',
    name: 'Name of the organisation',
    charity: 'Charity',
    address: 'Address',
    postcode: 'Postcode',
    register: 'Register the organisation',
    problem: 'There is a problem',
    missingNumber: 'Enter the charity number',
    registered: 'The organisation is registered, and you are its lead.',
    notVerified: 'Not verified',
    member: 'A member of the group',
    mailLanguage: 'English',
    send: 'Send the invitation',
    sent: 'The invitation has been sent.',
    subject: 'Invitation to join',
    invited: 'Invitation to join',
    accept: 'Accept the invitation',
    joined: 'You have joined the group.',
  },
} as const;

describe.each([
  { language: 'cy' as const, javaScript: true },
  { language: 'en' as const, javaScript: true },
  { language: 'cy' as const, javaScript: false },
  { language: 'en' as const, javaScript: false },
])('registering a group and inviting a member in $language, JavaScript $javaScript', ({ language, javaScript }) => {
  it('registers, invites, and the member signs in from the mail’s link and accepts', async () => {
    const w = words[language];
    const locale = language === 'cy' ? 'cy-GB' : 'en-GB';
    const registrant = await createPerson(system.prisma, { language, name: 'Gwen Trefnydd' });
    const member = await createPerson(system.prisma, { language, name: 'Dafydd Aelod' });
    const groupName = `Neuadd Bentref ${language} ${javaScript ? 'js' : 'heb-js'} ${Date.now()}`;
    const charityNumber = String(1_100_000 + Math.floor(Math.random() * 899_999));

    const context = await newContext(browser, { javaScript, language: locale });
    const page = await context.newPage();
    await page.goto(`${system.url}/sign-in?next=%2Forganisations%2Fnew`);
    await page.getByLabel(w.email).fill(registrant.email);
    await page.getByLabel(w.password).fill(registrant.password);
    await page.getByRole('button', { name: w.signIn, exact: true }).click();
    await page.waitForURL(`${system.url}/organisations/new`);
    await accessible(page);

    // Chosen a charity, but no number given: refused beside the field.
    await page.getByLabel(w.name).fill(groupName);
    await page.getByLabel(w.charity, { exact: true }).check();
    await page.getByLabel(w.address, { exact: true }).fill('Stryd y Capel, Llanfair');
    await page.getByLabel(w.postcode).fill('ll63 5bn');
    await page.getByRole('button', { name: w.register }).click();
    await expect.poll(() => page.title()).toContain(w.problem);
    await expect.poll(() => page.locator('.govuk-error-summary').innerText()).toContain(w.missingNumber);
    await accessible(page);

    // The charity's own number field (shown when the radio is chosen, or always without JavaScript).
    await page.locator('#charity-charityNumber').fill(charityNumber);
    await page.getByRole('button', { name: w.register }).click();
    await page.waitForURL(/\/organisations\/[0-9a-f-]{36}\?done=registered$/);
    expect(await page.locator('h1').innerText()).toBe(groupName);
    expect(await page.locator('.govuk-notification-banner').innerText()).toContain(w.registered);
    expect(await page.locator('[data-qa=verification]').innerText()).toContain(w.notVerified);
    expect(await page.locator('body').innerText()).toContain(`GB-CHC-${charityNumber}`);
    await accessible(page);

    await page.getByLabel(w.email).fill(member.email);
    await page.getByLabel(w.member).check();
    await page.getByLabel(w.mailLanguage, { exact: true }).check();
    await page.getByRole('button', { name: w.send }).click();
    await page.waitForURL(/\?done=invited$/);
    expect(await page.locator('.govuk-notification-banner').innerText()).toContain(w.sent);
    expect(await page.locator('[data-qa=invitations]').innerText()).toContain(member.email);
    await accessible(page);
    await context.close();

    const [mail] = await waitForMail(system.temporal.mailboxDir, member.email);
    expect(mail!.headers.subject).toBe(`${w.subject} ${groupName}`);
    const link = linkPath(mail!);

    const memberContext = await newContext(browser, { javaScript, language: locale });
    const memberPage = await memberContext.newPage();
    await memberPage.goto(`${system.url}${link}`);
    expect(await memberPage.locator('h1').innerText()).toBe(`${w.invited} ${groupName}`);
    await accessible(memberPage);
    await memberPage.locator('main').getByRole('button', { name: w.signIn, exact: true }).click();
    await memberPage.waitForURL(/\/sign-in\?next=/);
    await accessible(memberPage);
    await memberPage.getByLabel(w.email).fill(member.email);
    await memberPage.getByLabel(w.password).fill(member.password);
    await memberPage.locator('main').getByRole('button', { name: w.signIn, exact: true }).click();
    await memberPage.waitForURL(`${system.url}${link}`);
    await accessible(memberPage);
    await memberPage.getByRole('button', { name: w.accept }).click();
    await memberPage.waitForURL(/\/organisations\/[0-9a-f-]{36}\?done=joined$/);
    expect(await memberPage.locator('.govuk-notification-banner').innerText()).toContain(w.joined);
    expect(await memberPage.locator('[data-qa=members]').innerText()).toContain('Dafydd Aelod');
    await accessible(memberPage);
    await memberContext.close();

    const organisation = await system.prisma.organisation.findFirstOrThrow({ where: { name: groupName } });
    expect(
      await system.prisma.roleGrant.findMany({ where: { organisationId: organisation.id, revokedAt: null }, select: { personId: true, role: true } }),
    ).toEqual(
      expect.arrayContaining([
        { personId: registrant.id, role: 'applicant_lead' },
        { personId: member.id, role: 'applicant_member' },
      ]),
    );
  });
});
