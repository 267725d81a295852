import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSystem, type TestSystem } from '../support/app.js';
import { insertAsset } from '../support/cat.js';
import { accessibilityViolations, launchBrowser, newContext } from '../support/browser.js';
import { createOrganisation, createPerson, type TestPerson } from '../support/people.js';

// The pages a person meets when something cannot be done, in a real browser and in their language: a
// command the case refuses now (409, with the workflow's own reason), a fault of ours (500, with the
// request id to quote), and a worker that takes no commands (503). Each is made by the real cause, not a
// stand-in: a closed case, a database table that is not there, a task queue nobody polls.

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

async function accessible(page: Page): Promise<void> {
  expect(await accessibilityViolations(page), `axe on ${page.url()}`).toEqual([]);
}

/** A council with one asset on its register, and a group lead who may ask for it. */
async function groupAndAsset(system: TestSystem, language: 'cy' | 'en') {
  const council = await createOrganisation(system.prisma, { name: 'Cyngor Sir Ceredigion', kind: 'public_body' });
  const asset = await insertAsset(system.prisma, council.id, { name: 'Hen Ysgol Llanon' });
  const group = await createOrganisation(system.prisma, { name: 'Cymdeithas Llanon' });
  const lead = await createPerson(system.prisma, { language, grants: [{ role: 'applicant_lead', organisationId: group.id }] });
  return { asset, lead };
}

async function signIn(page: Page, system: TestSystem, person: TestPerson, next: string, words: { email: string; password: string; signIn: string }) {
  await page.goto(`${system.url}/sign-in?next=${encodeURIComponent(next)}`);
  await page.getByLabel(words.email).fill(person.email);
  await page.getByLabel(words.password).fill(person.password);
  await page.getByRole('button', { name: words.signIn, exact: true }).click();
  await page.waitForURL(`${system.url}${next}`);
}

const welsh = { email: 'Cyfeiriad e-bost', password: 'Cyfrinair', signIn: 'Mewngofnodi' };
const english = { email: 'Email address', password: 'Password', signIn: 'Sign in' };

describe('with a worker running', () => {
  let system: TestSystem;

  beforeAll(async () => {
    system = await startTestSystem();
  });

  afterAll(async () => {
    await system?.stop();
  });

  it('shows a command the case refuses as a 409 page with the workflow’s reason, in Welsh', async () => {
    const { asset, lead } = await groupAndAsset(system, 'cy');
    const context = await newContext(browser, { language: 'cy-GB' });
    const page = await context.newPage();
    await signIn(page, system, lead, `/assets/${asset.id}/transfer`, welsh);
    await page.getByLabel('Ar gyfer beth y byddai’ch grŵp yn defnyddio’r ased?').fill('Canolfan i’r pentref');
    await page.getByLabel('Eich neges i Cyngor Sir Ceredigion').fill('Hoffem siarad am yr hen ysgol.');
    await page.getByLabel('Cymraeg', { exact: true }).check();
    await page.getByRole('button', { name: 'Anfon y cais' }).click();
    await page.waitForURL(/\/transfers\/CAT-/);
    const reference = new URL(page.url()).pathname.split('/').at(-1) ?? '';

    /** Opens the withdrawal form afresh (so with a new idempotency key), sends it, and gives the status. */
    const withdraw = async (): Promise<number> => {
      await page.goto(`${system.url}/transfers/${reference}/withdrawal`);
      await page.locator('main').getByRole('textbox').fill('Mae’r grŵp wedi dod o hyd i adeilad arall.');
      const [response] = await Promise.all([
        page.waitForResponse((answer) => answer.request().method() === 'POST'),
        page.locator('main form').getByRole('button').click(),
      ]);
      await page.waitForLoadState();
      return response.status();
    };
    // Withdrawn once, the case is closed: the form sent again is refused by the workflow, and the page
    // says why in the reader's language.
    expect(await withdraw()).toBe(303);
    expect(await withdraw()).toBe(409);
    expect(await page.locator('h1').textContent()).toContain('Ni ellir gwneud hyn nawr');
    expect(await page.locator('main').textContent()).toContain('Mae’r trosglwyddiad hwn wedi cau');
    expect(await page.getAttribute('html', 'lang')).toBe('cy');
    await accessible(page);
    await context.close();
  });

  it('shows a fault of ours as a 500 page with the request id to quote, never the error itself', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    // The register's table is gone, as after a migration gone wrong: a real database error on a real read.
    await system.prisma.$executeRawUnsafe('ALTER TABLE asset RENAME TO asset_out_of_reach');
    try {
      const response = await page.goto(`${system.url}/assets?q=Llanon`);
      expect(response?.status()).toBe(500);
      const requestId = response?.headers()['x-request-id'] ?? '';
      expect(requestId).not.toBe('');
      expect(await page.locator('h1').textContent()).toContain('Sorry, there is a problem with the service');
      const main = (await page.locator('main').textContent()) ?? '';
      expect(main).toContain(requestId);
      expect(main).not.toMatch(/asset_out_of_reach|prisma|does not exist/i);
      await accessible(page);
    } finally {
      await system.prisma.$executeRawUnsafe('ALTER TABLE asset_out_of_reach RENAME TO asset');
    }
    await context.close();
  });
});

describe('with the worker down', () => {
  let system: TestSystem;

  beforeAll(async () => {
    system = await startTestSystem({ worker: false });
  });

  afterAll(async () => {
    await system?.stop();
  });

  it('answers a command nobody takes with a 503 page that says to try again, and Retry-After', async () => {
    const { asset, lead } = await groupAndAsset(system, 'en');
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, system, lead, `/assets/${asset.id}/transfer`, english);
    await page.getByLabel('What would your group use the asset for?').fill('A village centre');
    await page.getByLabel('Your message to Cyngor Sir Ceredigion').fill('We would like to talk about the old school.');
    await page.getByLabel('English', { exact: true }).check();
    const answer = page.waitForResponse((response) => response.request().method() === 'POST', { timeout: 30_000 });
    await page.getByRole('button', { name: 'Send the request' }).click();
    const response = await answer;
    expect(response.status()).toBe(503);
    expect(Number(response.headers()['retry-after'])).toBeGreaterThan(0);
    await page.waitForLoadState();
    expect(await page.locator('h1').textContent()).toContain('Sorry, the service is unavailable');
    expect(await page.locator('main').textContent()).toContain('Try again in a few minutes.');
    await accessible(page);
    await context.close();
  });
});
