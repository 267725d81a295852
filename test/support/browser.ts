import { existsSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

// Debian's Chromium, driven by playwright-core (which downloads no browser of its own). .ci/run installs
// it; CHROMIUM_PATH names another.
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(executablePath)) throw new Error(`No Chromium at ${executablePath}: apt-get install chromium (or set CHROMIUM_PATH)`);
  return chromium.launch({
    executablePath,
    headless: true,
    args: ['--no-sandbox', '--disable-background-networking', '--disable-dev-shm-usage'],
  });
}

/** A fresh browser profile; `javaScript: false` for the journeys that must work without it. */
export async function newContext(
  browser: Browser,
  { javaScript = true, language = 'en-GB' }: { javaScript?: boolean; language?: string } = {},
): Promise<BrowserContext> {
  const context = await browser.newContext({ javaScriptEnabled: javaScript, locale: language });
  if (!javaScript) withoutJavaScript.add(context);
  return context;
}

const withoutJavaScript = new WeakSet<BrowserContext>();

const wcag22aa = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/**
 * WCAG 2.2 A and AA violations on the page as it is now, as short lines a failure message can show. A page
 * without JavaScript cannot run axe itself, so its document as the browser has it (scripts taken out, so it
 * stays as it was shown) is checked in a page of its own at the same address.
 */
export async function accessibilityViolations(page: Page): Promise<string[]> {
  if (!withoutJavaScript.has(page.context())) return violations(page);
  const html = (await page.content()).replace(/<script\b[\s\S]*?<\/script>/gi, '');
  const browser = page.context().browser();
  if (!browser) throw new Error('The page has no browser');
  const checker = await browser.newContext();
  try {
    const copy = await checker.newPage();
    const url = page.url();
    await copy.route(url, (route) => route.fulfill({ status: 200, contentType: 'text/html', body: html }));
    await copy.goto(url);
    return await violations(copy);
  } finally {
    await checker.close();
  }
}

async function violations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(wcag22aa).analyze();
  return results.violations.map(
    (violation) => `${violation.id} (${violation.impact ?? 'unknown'}): ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
  );
}
