import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSystem, type TestSystem } from '../support/app.js';
import { accessibilityViolations, launchBrowser, newContext } from '../support/browser.js';
import { createPerson, type TestPerson } from '../support/people.js';

// The pages' foundation in a real browser, with and without JavaScript: the language switcher, a form's
// error summary, signing in and out, an error page; axe-core's WCAG 2.2 AA rules on every page visited.

let system: TestSystem;
let browser: Browser;
let person: TestPerson;

beforeAll(async () => {
  system = await startTestSystem();
  browser = await launchBrowser();
  person = await createPerson(system.prisma, { name: 'Ffion Bowen', language: 'en' });
});

afterAll(async () => {
  await browser?.close();
  await system?.stop();
});

/** Checks the page against WCAG 2.2 AA and returns it, so each step of a journey is checked. */
async function accessible(page: Page): Promise<Page> {
  expect(await accessibilityViolations(page), `axe on ${page.url()}`).toEqual([]);
  return page;
}

describe.each([
  { javaScript: true, name: 'with JavaScript' },
  { javaScript: false, name: 'without JavaScript' },
])('the pages’ foundation $name', ({ javaScript }) => {
  it('switches language, keeping the page, and shows errors in the chosen language', async () => {
    const context = await newContext(browser, { javaScript });
    const page = await context.newPage();
    await page.goto(`${system.url}/`);
    await accessible(page);
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await page.getByRole('link', { name: 'Cymraeg' }).click();
    await page.waitForURL(`${system.url}/`);
    expect(await page.getAttribute('html', 'lang')).toBe('cy');
    await accessible(page);

    await page.getByRole('button', { name: 'Mewngofnodi i ddechrau' }).click();
    await page.waitForURL(`${system.url}/sign-in`);
    await accessible(page);
    await page.getByRole('button', { name: 'Mewngofnodi' }).click();
    // The error summary, in Welsh, linked to the field; the page title says there is a problem.
    await expect.poll(() => page.title()).toMatch(/^Mae problem: /);
    const summary = page.locator('.govuk-error-summary');
    expect(await summary.textContent()).toContain('Rhowch eich cyfeiriad e-bost');
    await accessible(page);
    if (javaScript) {
      // GOV.UK Frontend's script moves focus to the summary.
      await expect.poll(() => page.locator('.govuk-error-summary').evaluate((element) => element === element.ownerDocument.activeElement)).toBe(true);
    }

    await page.goto(`${system.url}/dim-tudalen`);
    expect(await page.locator('h1').textContent()).toContain('Heb ddod o hyd i’r dudalen');
    await accessible(page);
    await context.close();
  });

  it('signs in and out with the keyboard alone', async () => {
    const context = await newContext(browser, { javaScript });
    const page = await context.newPage();
    await page.goto(`${system.url}/sign-in`);
    await page.keyboard.press('Tab'); // the skip link comes first
    expect(await page.locator(':focus').textContent()).toContain('Skip to main content');
    await page.getByLabel('Email address').focus();
    await page.keyboard.type(person.email);
    await page.keyboard.press('Tab');
    await page.keyboard.type(person.password);
    await page.keyboard.press('Enter');
    await page.waitForURL(`${system.url}/`);
    expect(await page.locator('body').textContent()).toContain('Signed in as Ffion Bowen');
    await accessible(page);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(`${system.url}/`);
    expect(await page.locator('body').textContent()).not.toContain('Signed in as');
    await context.close();
  });
});

describe('the refusal page', () => {
  it('shows a form posted without its token as a page saying so, in the signed-in person’s language', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto(`${system.url}/sign-in`);
    await page.getByLabel('Email address').fill(person.email);
    await page.getByLabel('Password').fill(person.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${system.url}/`);
    // As a form from another site would: the session's cookie goes with it, its token does not.
    await page.locator('input[name="_csrf"]').evaluate((input) => input.setAttribute('value', 'forged'));
    await page.getByRole('button', { name: 'Sign out' }).click();
    expect(await page.locator('h1').textContent()).toContain('You cannot see this page');
    await accessible(page);
    await context.close();
  });
});
