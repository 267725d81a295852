import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { digestOf } from '../../src/auth/secrets.js';
import { linkPath, tokenOf, waitForMail } from '../support/mailbox.js';
import { startTestSystem, type TestSystem } from '../support/app.js';
import { Browser, hiddenFields, signedInBrowser } from '../support/forms.js';
import { createPerson } from '../support/people.js';

// The account pages through HTTP, as a browser without JavaScript uses them: every form refused with 422,
// its error summary and what was typed (never a password); every form needing its CSRF token; and the
// journeys from the mail actually sent.

let system: TestSystem;
let made = 0;
const newEmail = () => `tudalen-${process.pid}-${++made}@example.cymru`;
const secretTyped = 'Xq7-byr';

beforeAll(async () => {
  system = await startTestSystem();
});

afterAll(() => system?.stop());

const browser = (language: 'cy' | 'en' = 'en') => new Browser(system.url, { cymuned_lang: language });

function expectRefused(page: { response: Response; html: string }, fields: string[]) {
  expect(page.response.status).toBe(422);
  expect(page.html).toContain('govuk-error-summary');
  for (const field of fields) expect(page.html).toContain(`href="#${field}"`);
  expect(page.html).not.toContain(secretTyped);
}

describe('creating an account on the pages', () => {
  it('refuses a form with nothing in it, and one with a short password, keeping what was typed but the password', async () => {
    const empty = await browser().submit('/create-account', '/create-account', { name: '', email: '', password: '' });
    expectRefused(empty, ['name', 'email', 'password', 'language']);
    expect(empty.html).toContain('Enter your name');

    const email = newEmail();
    const short = await browser('cy').submit('/create-account', '/create-account', { name: 'Siân Prawf', email, password: secretTyped, language: 'cy' });
    expectRefused(short, ['password']);
    expect(short.html).toContain('value="Siân Prawf"');
    expect(short.html).toContain(`value="${email}"`);
    expect(short.html).toMatch(/value="cy" checked/);
    expect(short.html).toContain('Rhaid i’r cyfrinair fod o leiaf 12 nod o hyd');
    expect(await system.prisma.person.count({ where: { email } })).toBe(0);
  });

  it('creates the account, and the link mailed confirms it and signs in where the person was going', async () => {
    const email = newEmail();
    const visitor = browser();
    const form = await visitor.open('/create-account?next=/assets');
    expect(hiddenFields(form.html, '/create-account').next).toBe('/assets');
    const sent = await visitor.post(
      '/create-account',
      { name: 'Gwen Prawf', email, password: 'tri gair hir iawn', language: 'en' },
      hiddenFields(form.html, '/create-account'),
    );
    expect(sent.response.status).toBe(303);
    expect(sent.response.headers.get('location')).toBe('/check-your-email');
    expect((await visitor.open('/check-your-email')).html).toContain('Check your email');

    const [mail] = await waitForMail(system.temporal.mailboxDir, email);
    if (!mail) throw new Error('no mail');
    const link = linkPath(mail, '/confirm-email');
    // Opening the link (as a mail scanner would) uses nothing up.
    const page = await visitor.open(link);
    expect(page.response.status).toBe(200);
    expect(page.html).toContain('Confirm and sign in');
    expect((await system.prisma.accountToken.findUniqueOrThrow({ where: { tokenHash: digestOf(tokenOf(link)) } })).usedAt).toBeNull();

    const confirmed = await visitor.post(link, {}, hiddenFields(page.html, link));
    expect(confirmed.response.status).toBe(303);
    expect(confirmed.response.headers.get('location')).toBe('/assets');
    expect((await visitor.open('/assets')).html).toContain('Signed in as Gwen Prawf');

    // Used: a page saying so, offering a new link.
    const again = await browser().open(link);
    expect(again.response.status).toBe(410);
    expect(again.html).toContain('This link has been used');
    expect(again.html).toContain('href="/confirm-email/resend"');
  });

  it('refuses to sign in an account not yet confirmed, saying why, once the password is right', async () => {
    const email = newEmail();
    await browser().submit('/create-account', '/create-account', { name: 'Aled Prawf', email, password: 'tri gair hir iawn', language: 'cy' });
    const refused = await browser().submit('/sign-in', '/sign-in', { email, password: 'tri gair hir iawn' });
    expect(refused.response.status).toBe(422);
    expect(refused.html).toContain('Your email address is not confirmed yet');
    expect(refused.html).toContain('href="/confirm-email/resend"');
    const wrong = await browser().submit('/sign-in', '/sign-in', { email, password: 'nid dyma fe o gwbl' });
    expect(wrong.html).not.toContain('not confirmed');
  });

  it('says an unknown link does not work, in Welsh', async () => {
    const unknown = await browser('cy').open(`/confirm-email/${'C'.repeat(43)}`);
    expect(unknown.response.status).toBe(404);
    expect(unknown.html).toContain('Nid yw’r ddolen hon yn gweithio');
  });
});

describe('the other account forms', () => {
  it('refuses an email that is not one on the resend and forgotten-password forms, keeping it', async () => {
    for (const path of ['/confirm-email/resend', '/forgotten-password']) {
      const refused = await browser().submit(path, path, { email: 'nid-cyfeiriad' });
      expectRefused(refused, ['email']);
      expect(refused.html).toContain('value="nid-cyfeiriad"');
    }
    const accepted = await browser().submit('/forgotten-password', '/forgotten-password', { email: newEmail() });
    expect(accepted.response.status).toBe(303);
    expect(accepted.response.headers.get('location')).toBe('/check-your-email?about=password');
  });

  it('refuses a short new password on the reset page without using the link, then resets and signs in', async () => {
    const person = await createPerson(system.prisma, { email: newEmail(), name: 'Rhys Prawf' });
    await browser().submit('/forgotten-password', '/forgotten-password', { email: person.email });
    const [mail] = await waitForMail(system.temporal.mailboxDir, person.email);
    if (!mail) throw new Error('no mail');
    const link = linkPath(mail, '/reset-password');
    const visitor = browser();
    const short = await visitor.submit(link, link, { password: secretTyped });
    expectRefused(short, ['password']);
    expect(short.html).toContain('at least 12 characters');
    const reset = await visitor.submit(link, link, { password: 'cyfrinair newydd sbon' });
    expect(reset.response.status).toBe(303);
    expect(reset.response.headers.get('location')).toBe('/dashboard');
    expect((await visitor.open('/')).html).toContain('Signed in as Rhys Prawf');
    expect((await browser().open(link)).response.status).toBe(410);
  });

  it('refuses a wrong current password beside its field, then changes the password', async () => {
    const person = await createPerson(system.prisma, { email: newEmail() });
    const signedIn = await signedInBrowser(system.url, person);
    const empty = await signedIn.submit('/account/password', '/account/password', { currentPassword: '', newPassword: '' });
    expectRefused(empty, ['currentPassword', 'newPassword']);
    const wrong = await signedIn.submit('/account/password', '/account/password', { currentPassword: secretTyped, newPassword: 'cyfrinair newydd sbon' });
    expectRefused(wrong, ['currentPassword']);
    expect(wrong.html).toContain('That is not your current password');
    const weak = await signedIn.submit('/account/password', '/account/password', { currentPassword: person.password, newPassword: secretTyped });
    expectRefused(weak, ['newPassword']);
    const changed = await signedIn.submit('/account/password', '/account/password', { currentPassword: person.password, newPassword: 'cyfrinair newydd sbon' });
    expect(changed.response.status).toBe(303);
    expect((await signedIn.open('/account/password?changed=1')).html).toContain('Your password has been changed');
  });

  it('needs each form’s CSRF token', async () => {
    const forms: [string, Record<string, string>][] = [
      ['/create-account', { name: 'Siân', email: newEmail(), password: 'tri gair hir iawn', language: 'cy' }],
      ['/confirm-email/resend', { email: newEmail() }],
      ['/forgotten-password', { email: newEmail() }],
      [`/confirm-email/${'D'.repeat(43)}`, {}],
      [`/reset-password/${'D'.repeat(43)}`, { password: 'tri gair hir iawn' }],
    ];
    for (const [path, fields] of forms) {
      const visitor = browser();
      await visitor.open('/sign-in');
      const refused = await visitor.post(path, fields);
      expect(refused.response.status, path).toBe(403);
    }
    expect(await system.prisma.person.count({ where: { email: forms[0]?.[1].email ?? '' } })).toBe(0);
    const person = await createPerson(system.prisma, { email: newEmail() });
    const signedIn = await signedInBrowser(system.url, person);
    const refused = await signedIn.post('/account/password', { currentPassword: person.password, newPassword: 'cyfrinair newydd sbon' });
    expect(refused.response.status).toBe(403);
  });
});
