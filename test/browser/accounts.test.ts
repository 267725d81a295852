import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linkPath, waitForMail } from '../support/mailbox.js';
import { startTestSystem, type TestSystem } from '../support/app.js';
import { accessibilityViolations, launchBrowser, newContext } from '../support/browser.js';

// A volunteer makes an account in a real browser, in Welsh and in English, with and without JavaScript:
// from the sign-in page to the form (refused once, then filled in), the link in the mail the worker really
// wrote, the confirmation button, and signed in where they were going; then forgets their password and
// chooses a new one from the link mailed. axe-core's WCAG 2.2 AA rules on every page, error states too.

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
    create: 'Creu cyfrif',
    createSubmit: 'Creu cyfrif',
    name: 'Eich enw llawn',
    email: 'Cyfeiriad e-bost',
    newPassword: 'Creu cyfrinair',
    language: 'Cymraeg',
    checkEmail: 'Gwiriwch eich e-bost',
    confirm: 'Cadarnhau a mewngofnodi',
    signedIn: 'Wedi mewngofnodi fel',
    used: 'Mae’r ddolen hon wedi cael ei defnyddio',
    signOut: 'Allgofnodi',
    forgotten: 'Wedi anghofio eich cyfrinair?',
    sendLink: 'Anfon y ddolen',
    resetPassword: 'Cyfrinair newydd',
    resetSubmit: 'Cadw’r cyfrinair a mewngofnodi',
    tooShort: 'o leiaf 12 nod',
    signIn: 'Mewngofnodi',
    password: 'Cyfrinair',
  },
  en: {
    create: 'Create an account',
    createSubmit: 'Create account',
    name: 'Your full name',
    email: 'Email address',
    newPassword: 'Create a password',
    language: 'English',
    checkEmail: 'Check your email',
    confirm: 'Confirm and sign in',
    signedIn: 'Signed in as',
    used: 'This link has been used',
    signOut: 'Sign out',
    forgotten: 'Forgotten your password?',
    sendLink: 'Send the link',
    resetPassword: 'New password',
    resetSubmit: 'Save password and sign in',
    tooShort: 'at least 12 characters',
    signIn: 'Sign in',
    password: 'Password',
  },
} as const;

describe.each([
  { language: 'cy' as const, javaScript: true },
  { language: 'cy' as const, javaScript: false },
  { language: 'en' as const, javaScript: true },
  { language: 'en' as const, javaScript: false },
])('an account in $language, JavaScript $javaScript', ({ language, javaScript }) => {
  const w = words[language];
  const email = `porwr-${language}-${javaScript ? 'js' : 'nojs'}-${process.pid}@example.cymru`;
  const name = `Siân ${language} ${javaScript ? 'js' : 'nojs'}`;

  it('is created, confirmed from the mail and signed in; then a forgotten password is reset from the mail', async () => {
    const context = await newContext(browser, { javaScript, language: language === 'cy' ? 'cy-GB' : 'en-GB' });
    const page = await context.newPage();

    await page.goto(`${system.url}/sign-in?next=%2Fassets`);
    await accessible(page);
    await page.getByRole('link', { name: w.create, exact: true }).click();
    await page.waitForURL(`${system.url}/create-account?next=%2Fassets`);
    await accessible(page);

    await page.getByRole('button', { name: w.createSubmit, exact: true }).click();
    expect(await page.locator('.govuk-error-summary').count()).toBe(1);
    await accessible(page);
    await page.getByLabel(w.name).fill(name);
    await page.getByLabel(w.email).fill(email);
    await page.getByLabel(w.newPassword).fill('tri gair hir iawn');
    await page.getByLabel(w.language, { exact: true }).check();
    await page.getByRole('button', { name: w.createSubmit, exact: true }).click();
    await page.waitForURL(`${system.url}/check-your-email`);
    expect(await page.locator('h1').textContent()).toContain(w.checkEmail);
    await accessible(page);

    const [mail] = await waitForMail(system.temporal.mailboxDir, email);
    if (!mail) throw new Error('no mail');
    const confirmLink = linkPath(mail, '/confirm-email');
    await page.goto(`${system.url}${confirmLink}`);
    await accessible(page);
    await page.getByRole('button', { name: w.confirm }).click();
    await page.waitForURL(`${system.url}/assets`);
    expect(await page.locator('body').innerText()).toContain(`${w.signedIn} ${name}`);
    await accessible(page);

    await page.goto(`${system.url}${confirmLink}`);
    expect(await page.locator('h1').textContent()).toContain(w.used);
    await accessible(page);

    await page.getByRole('button', { name: w.signOut }).click();
    await page.goto(`${system.url}/sign-in`);
    await page.getByRole('link', { name: w.forgotten }).click();
    await page.waitForURL(`${system.url}/forgotten-password`);
    await accessible(page);
    await page.getByLabel(w.email).fill('nid-cyfeiriad');
    await page.getByRole('button', { name: w.sendLink }).click();
    expect(await page.locator('.govuk-error-summary').count()).toBe(1);
    await accessible(page);
    await page.getByLabel(w.email).fill(email);
    await page.getByRole('button', { name: w.sendLink }).click();
    await page.waitForURL(`${system.url}/check-your-email?about=password`);
    await accessible(page);

    const messages = await waitForMail(system.temporal.mailboxDir, email, { count: 2 });
    const resetMail = messages.find((message) => message.body.includes('/reset-password/'));
    if (!resetMail) throw new Error('no reset mail');
    await page.goto(`${system.url}${linkPath(resetMail, '/reset-password')}`);
    await accessible(page);
    await page.getByLabel(w.resetPassword).fill('byr');
    await page.getByRole('button', { name: w.resetSubmit }).click();
    expect(await page.locator('.govuk-error-summary').textContent()).toContain(w.tooShort);
    await accessible(page);
    await page.getByLabel(w.resetPassword).fill('cyfrinair newydd sbon');
    await page.getByRole('button', { name: w.resetSubmit }).click();
    await page.waitForURL(`${system.url}/dashboard`);
    await page.goto(`${system.url}/assets`);
    expect(await page.locator('body').innerText()).toContain(`${w.signedIn} ${name}`);

    // The new password signs in; the change-password page, refused once, passes axe too.
    await page.goto(`${system.url}/account/password`);
    await accessible(page);
    await page.getByRole('button', { name: language === 'cy' ? 'Newid y cyfrinair' : 'Change password' }).click();
    expect(await page.locator('.govuk-error-summary').count()).toBe(1);
    await accessible(page);
    await context.close();
  });
});
