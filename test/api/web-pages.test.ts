import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionCookieName } from '../../src/auth/sessions.js';
import { startTestSystem, type TestSystem } from '../support/app.js';
import { createPerson, setCookie, type TestPerson } from '../support/people.js';

// The pages' foundation through HTTP, as a browser without JavaScript uses it: layout and language,
// forms (POST-redirect-GET, 422 with an error summary, the CSRF field), and errors as pages.

let system: TestSystem;
let lead: TestPerson;

const browser = { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' };

async function page(path: string, init: RequestInit = {}) {
  const response = await fetch(`${system.url}${path}`, { redirect: 'manual', ...init, headers: { ...browser, ...(init.headers ?? {}) } });
  return { response, html: await response.text() };
}

function form(fields: Record<string, string>): RequestInit {
  return { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() };
}

/** Signs in through the sign-in page; the session cookie and the CSRF token its pages carry. */
async function signInByPage(person: TestPerson): Promise<{ cookie: string; csrfToken: string }> {
  const { response } = await page('/sign-in', form({ email: person.email, password: person.password }));
  expect(response.status).toBe(303);
  const token = setCookie(response, sessionCookieName)?.value;
  if (!token) throw new Error('no session cookie');
  const cookie = `${sessionCookieName}=${token}`;
  const { html } = await page('/', { headers: { cookie } });
  const csrfToken = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
  if (!csrfToken) throw new Error('no CSRF field on the page');
  return { cookie, csrfToken };
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
    const { response, html } = await page('/sign-in', form({ email: 'not-an-email', password: '' }));
    expect(response.status).toBe(422);
    expect(html).toContain('govuk-error-summary');
    expect(html).toContain('<title>There is a problem: Sign in');
    expect(html).toContain('href="#email"');
    expect(html).toContain('Enter an email address in the correct format');
    expect(html).toContain('Enter your password');
    expect(html).toContain('value="not-an-email"');

    const welsh = await page('/sign-in', { ...form({ email: '', password: '' }), headers: { ...form({}).headers, cookie: 'cymuned_lang=cy' } });
    expect(welsh.response.status).toBe(422);
    expect(welsh.html).toContain('Rhowch eich cyfeiriad e-bost');
  });

  it('says a wrong password on the form, never which accounts exist, and changes nothing', async () => {
    const { response, html } = await page('/sign-in', form({ email: lead.email, password: 'not-the-password' }));
    expect(response.status).toBe(422);
    expect(html).toContain('The email address or password is wrong');
    expect(setCookie(response, sessionCookieName)).toBeUndefined();
  });

  it('signs in, returns only to a page of its own, and signs out with the form’s CSRF field', async () => {
    const signedIn = await page('/sign-in', form({ email: lead.email, password: lead.password, next: 'https://elsewhere.example/' }));
    expect(signedIn.response.status).toBe(303);
    expect(signedIn.response.headers.get('location')).toBe('/');
    const session = await signInByPage(lead);
    const home = await page('/', { headers: { cookie: session.cookie } });
    expect(home.html).toContain('Signed in as Siân Prydderch');

    // A form from another site has no token: refused, as a page, and the session lives on.
    const forged = await page('/sign-out', { ...form({}), headers: { ...form({}).headers, cookie: session.cookie } });
    expect(forged.response.status).toBe(403);
    expect(forged.html).toContain('<html lang="en"');
    expect((await page('/', { headers: { cookie: session.cookie } })).html).toContain('Signed in as');

    const out = await page('/sign-out', { ...form({ _csrf: session.csrfToken }), headers: { ...form({}).headers, cookie: session.cookie } });
    expect(out.response.status).toBe(303);
    expect(out.response.headers.get('location')).toBe('/');
    expect((await page('/', { headers: { cookie: session.cookie } })).html).not.toContain('Signed in as');
  });

  it('remembers a signed-in person’s choice of language with their account', async () => {
    const person = await createPerson(system.prisma, { name: 'Gethin Lewis', language: 'en' });
    const session = await signInByPage(person);
    const switched = await page('/?lang=cy', { headers: { cookie: session.cookie } });
    expect(switched.response.status).toBe(303);
    const stored = await system.prisma.person.findUniqueOrThrow({ where: { id: person.id } });
    expect(stored.language).toBe('cy');
    // Another browser, with no cookie of its choice, still shows their pages in Welsh.
    const other = await signInByPage(person);
    expect((await page('/', { headers: { cookie: other.cookie } })).html).toMatch(/<html lang="cy"/);
  });

  it('answers a browser with a page, and an API client with problem details, for what is not there', async () => {
    const missing = await page('/no-such-page', { headers: { cookie: 'cymuned_lang=cy' } });
    expect(missing.response.status).toBe(404);
    expect(missing.html).toContain('Heb ddod o hyd i’r dudalen');
    const api = await fetch(`${system.url}/api/no-such-thing`, { headers: browser });
    expect(api.status).toBe(404);
    expect(api.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const client = await fetch(`${system.url}/no-such-page`);
    expect(client.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });
});
