import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionCookieName } from '../../src/auth/sessions.js';
import { startTestSystem, type TestSystem } from '../support/app.js';
import { acceptsHtml, Browser, hiddenFields } from '../support/forms.js';
import { insertAsset } from '../support/cat.js';
import { createOrganisation, createPerson, setCookie, type TestPerson } from '../support/people.js';

// The pages' foundation through HTTP, as a browser without JavaScript uses it: layout and language,
// forms (POST-redirect-GET, 422 with an error summary, the CSRF field), and errors as pages.

let system: TestSystem;
let lead: TestPerson;

async function page(path: string, init: RequestInit = {}) {
  const response = await fetch(`${system.url}${path}`, { redirect: 'manual', ...init, headers: { ...acceptsHtml, ...(init.headers ?? {}) } });
  return { response, html: await response.text() };
}

/** A browser that has signed in through the sign-in page. */
async function signedInBrowser(person: TestPerson): Promise<Browser> {
  const browser = new Browser(system.url);
  const { response } = await browser.submit('/sign-in', '/sign-in', { email: person.email, password: person.password });
  expect(response.status).toBe(303);
  expect(browser.cookie(sessionCookieName)).toBeTruthy();
  return browser;
}

beforeAll(async () => {
  system = await startTestSystem();
  lead = await createPerson(system.prisma, { name: 'Siân Prydderch', language: 'en' });
});

afterAll(() => system?.stop());

describe('web pages', () => {
  it('serves the start page in English by default, on GOV.UK Frontend, with a nonce for its one inline script', async () => {
    const { response, html } = await page('/');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(html).toMatch(/<html lang="en"/);
    expect(html).toContain('Community facilities grants and asset transfer');
    const nonce = /<script nonce="([^"]+)">/.exec(html)?.[1];
    expect(nonce).toBeTruthy();
    expect(response.headers.get('content-security-policy')).toContain(`'nonce-${nonce}'`);
    expect(response.headers.get('content-security-policy')).not.toMatch(/script-src[^;]*unsafe-inline/);
    // The other language is a link to the same page, marked with its language.
    expect(html).toMatch(/href="\/\?lang=cy" lang="cy" hreflang="cy">Cymraeg</);
  });

  it('serves the design system’s built assets from the package', async () => {
    const css = await fetch(`${system.url}/assets/govuk-frontend.min.css`);
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toMatch(/text\/css/);
    expect(css.headers.get('cache-control')).toBe('public, max-age=86400');
    const font = await fetch(`${system.url}/assets/fonts/bold-b542beb274-v2.woff2`);
    expect(font.status).toBe(200);
    expect((await fetch(`${system.url}/assets/template.njk`)).status).toBe(404);
  });

  it('follows the browser’s language until the visitor chooses, then remembers the choice in a cookie', async () => {
    const welshBrowser = await page('/sign-in', { headers: { 'accept-language': 'cy' } });
    expect(welshBrowser.html).toMatch(/<html lang="cy"/);
    expect(welshBrowser.html).toContain('Cyfeiriad e-bost');

    const { response } = await page('/sign-in?next=%2F&lang=cy');
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/sign-in?next=%2F');
    const chosen = setCookie(response, 'cymuned_lang');
    expect(chosen?.value).toBe('cy');
    const welsh = await page('/sign-in', { headers: { cookie: `cymuned_lang=cy`, 'accept-language': 'en' } });
    expect(welsh.html).toMatch(/<html lang="cy"/);
    expect(welsh.response.headers.get('content-language')).toBe('cy');
    expect(welsh.html).toMatch(/href="\/sign-in\?lang=en" lang="en" hreflang="en">English</);
  });

  it('shows a refused form again with status 422, an error summary and what was typed', async () => {
    const { response, html } = await new Browser(system.url).submit('/sign-in', '/sign-in', { email: 'not-an-email', password: '' });
    expect(response.status).toBe(422);
    expect(html).toContain('govuk-error-summary');
    expect(html).toContain('<title>There is a problem: Sign in');
    expect(html).toContain('href="#email"');
    expect(html).toContain('Enter an email address in the correct format');
    expect(html).toContain('Enter your password');
    expect(html).toContain('value="not-an-email"');

    const welsh = await new Browser(system.url, { cymuned_lang: 'cy' }).submit('/sign-in', '/sign-in', { email: '', password: '' });
    expect(welsh.response.status).toBe(422);
    expect(welsh.html).toContain('Rhowch eich cyfeiriad e-bost');
  });

  it('says a wrong password on the form, never which accounts exist, and changes nothing', async () => {
    const { response, html } = await new Browser(system.url).submit('/sign-in', '/sign-in', { email: lead.email, password: 'not-the-password' });
    expect(response.status).toBe(422);
    expect(html).toContain('The email address or password is wrong');
    expect(html).not.toContain('not-the-password');
    expect(setCookie(response, sessionCookieName)).toBeUndefined();
  });

  it('refuses a form posted before signing in that did not come from the page in this browser', async () => {
    // Another site's page can post our sign-in form with its author's account ("login CSRF"): it has
    // neither the cookie this browser was given with the form nor the token made from it.
    const forged = await page('/sign-in', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ email: lead.email, password: lead.password }).toString(),
    });
    expect(forged.response.status).toBe(403);
    expect(forged.html).toContain('did not come from this page in your browser');
    expect(setCookie(forged.response, sessionCookieName)).toBeUndefined();

    // Another browser's token is no good with this browser's cookie.
    const theirs = new Browser(system.url);
    const theirForm = hiddenFields((await theirs.open('/sign-in')).html, '/sign-in');
    const ours = new Browser(system.url);
    await ours.open('/sign-in');
    const crossed = await ours.post('/sign-in', { email: lead.email, password: lead.password }, theirForm);
    expect(crossed.response.status).toBe(403);
    expect(ours.cookie(sessionCookieName)).toBeUndefined();
  });

  it('signs in, returns only to a page of its own, and signs out with the form’s CSRF field', async () => {
    const elsewhere = await new Browser(system.url).submit('/sign-in', '/sign-in', {
      email: lead.email,
      password: lead.password,
      next: 'https://elsewhere.example/',
    });
    expect(elsewhere.response.status).toBe(303);
    expect(elsewhere.response.headers.get('location')).toBe('/');
    const browser = await signedInBrowser(lead);
    expect((await browser.open('/')).html).toContain('Signed in as Siân Prydderch');

    // A form from another site has no token: refused, as a page, and the session lives on.
    const forged = await browser.post('/sign-out', {});
    expect(forged.response.status).toBe(403);
    expect(forged.html).toContain('<html lang="en"');
    expect((await browser.open('/')).html).toContain('Signed in as');

    const out = await browser.submit('/', '/sign-out', {});
    expect(out.response.status).toBe(303);
    expect(out.response.headers.get('location')).toBe('/');
    expect((await browser.open('/')).html).not.toContain('Signed in as');
  });

  it('gives the browser its form cookie with the first form it shows, not with every page', async () => {
    expect(setCookie((await page('/')).response, 'cymuned_form')).toBeUndefined();
    expect(setCookie((await page('/assets')).response, 'cymuned_form')).toBeUndefined();
    expect(setCookie((await page('/sign-in')).response, 'cymuned_form')).toBeTruthy();
  });

  it('sends a form whose session ended meanwhile to sign in again and back to its page, having changed nothing', async () => {
    const council = await createOrganisation(system.prisma, { name: 'Cyngor Bro Morgannwg', kind: 'public_body' });
    const asset = await insertAsset(system.prisma, council.id, { name: 'Hen Lyfrgell y Barri' });
    const group = await createOrganisation(system.prisma, { name: 'Cyfeillion y Llyfrgell' });
    const person = await createPerson(system.prisma, { language: 'en', grants: [{ role: 'applicant_lead', organisationId: group.id }] });
    const browser = await signedInBrowser(person);
    const formPage = `/assets/${asset.id}/transfer`;
    const fields = hiddenFields((await browser.open(formPage)).html, formPage);
    // The session ends while the form is open (it expired, or the person signed out in another tab).
    await system.prisma.session.updateMany({ where: { personId: person.id }, data: { expiresAt: new Date(Date.now() - 1000) } });

    const sent = await browser.post(formPage, { proposedUse: 'Llyfrgell gymunedol', message: 'Helo', language: 'en' }, fields);
    expect(sent.response.status).toBe(303);
    expect(sent.response.headers.get('location')).toBe(`/sign-in?next=${encodeURIComponent(formPage)}&signed-out=1`);
    expect(await system.prisma.transfer.count({ where: { organisationId: group.id } })).toBe(0);
    const signIn = await browser.open(sent.response.headers.get('location') ?? '');
    expect(signIn.html).toContain('You were signed out, so what you sent was not saved');
    const back = await browser.submit(sent.response.headers.get('location') ?? '', '/sign-in', { email: person.email, password: person.password });
    expect(back.response.headers.get('location')).toBe(formPage);
  });

  it('remembers a signed-in person’s choice of language with their account', async () => {
    const person = await createPerson(system.prisma, { name: 'Gethin Lewis', language: 'en' });
    const browser = await signedInBrowser(person);
    const switched = await browser.open('/?lang=cy');
    expect(switched.response.status).toBe(303);
    const stored = await system.prisma.person.findUniqueOrThrow({ where: { id: person.id } });
    expect(stored.language).toBe('cy');
    // Another browser, with no cookie of its choice, still shows their pages in Welsh.
    const other = await signedInBrowser(person);
    expect((await other.open('/')).html).toMatch(/<html lang="cy"/);
  });

  it('answers a browser with a page, and an API client with problem details, for what is not there', async () => {
    const missing = await page('/no-such-page', { headers: { cookie: 'cymuned_lang=cy' } });
    expect(missing.response.status).toBe(404);
    expect(missing.html).toContain('Heb ddod o hyd i’r dudalen');
    const api = await fetch(`${system.url}/api/no-such-thing`, { headers: acceptsHtml });
    expect(api.status).toBe(404);
    expect(api.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const client = await fetch(`${system.url}/no-such-page`);
    expect(client.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });
});
