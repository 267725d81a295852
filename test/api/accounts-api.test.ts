import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionCookieName } from '../../src/auth/sessions.js';
import { digestOf } from '../../src/auth/secrets.js';
import { startTestSystem, type TestSystem } from '../support/app.js';
import { linkPath, mailTo, tokenOf, waitForMail } from '../support/mailbox.js';
import { createPerson, sessionHeaders, setCookie, signInOverHttp, type WebSession } from '../support/people.js';

// Accounts through the API, end to end: the mail is the one the worker really wrote to the file mailbox,
// and its link is what the person uses.

let system: TestSystem;
let made = 0;
const newEmail = () => `newydd-${process.pid}-${++made}@example.cymru`;
const password = 'tri gair hir iawn';

beforeAll(async () => {
  system = await startTestSystem();
});

afterAll(() => system?.stop());

async function post(path: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${system.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
}

async function createAccount(email: string, extra: Record<string, unknown> = {}): Promise<Response> {
  return post('/api/accounts', { name: 'Siân Prawf', email, password, language: 'cy', ...extra });
}

/** The session a response started, as a browser keeps it. */
async function sessionFrom(response: Response): Promise<WebSession> {
  const token = setCookie(response, sessionCookieName)?.value;
  if (!token) throw new Error('No session cookie');
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  return { token, cookie: `${sessionCookieName}=${token}`, csrfToken };
}

async function me(session: WebSession): Promise<number> {
  return (await fetch(`${system.url}/api/me`, { headers: sessionHeaders(session) })).status;
}

describe('creating an account', () => {
  it('mails a link in the person’s language that confirms the address once and signs them in, going where they were going', async () => {
    const email = newEmail();
    const created = await createAccount(email, { next: '/invitations/abc' });
    expect(created.status).toBe(202);
    expect(await created.json()).toEqual({ status: 'mail_sent_if_known' });
    const person = await system.prisma.person.findUniqueOrThrow({ where: { email } });
    expect(person.emailConfirmedAt).toBeNull();
    expect(person.language).toBe('cy');

    // Not confirmed: the right password is refused, saying why and where to get a new link.
    const early = await post('/api/sign-in', { email, password }, { 'accept-language': 'en' });
    expect(early.status).toBe(401);
    expect(((await early.json()) as { detail: string }).detail).toContain('/confirm-email/resend');
    // A wrong password for the same address says nothing of the kind.
    const wrong = await post('/api/sign-in', { email, password: 'nid hwn yw e o gwbl' }, { 'accept-language': 'en' });
    expect(((await wrong.json()) as { detail: string }).detail).not.toContain('confirm');

    const [mail] = await waitForMail(system.temporal.mailboxDir, email);
    if (!mail) throw new Error('no mail');
    expect(mail.headers.subject).toBe('Cadarnhewch eich cyfeiriad e-bost ar gyfer Cymuned');
    expect(mail.headers['content-language']).toBe('cy');
    expect(mail.body).toContain('24 awr');
    const token = tokenOf(linkPath(mail, '/confirm-email'));
    expect(await system.prisma.accountToken.count({ where: { tokenHash: digestOf(token) } })).toBe(1);

    const confirmed = await post('/api/accounts/email-confirmation', { token });
    expect(confirmed.status).toBe(200);
    const session = await sessionFrom(confirmed.clone());
    expect(await confirmed.json()).toMatchObject({ person: { email, language: 'cy' }, next: '/invitations/abc' });
    expect(await me(session)).toBe(200);
    expect((await system.prisma.person.findUniqueOrThrow({ where: { email } })).emailConfirmedAt).not.toBeNull();
    // And signing in works from now on.
    expect((await post('/api/sign-in', { email, password })).status).toBe(200);

    // The link works once.
    const again = await post('/api/accounts/email-confirmation', { token });
    expect(again.status).toBe(409);
    expect(again.headers.get('content-type')).toContain('application/problem+json');

    const audited = await system.prisma.auditRecord.findMany({ where: { stream: `person:${person.id}` }, orderBy: { sequence: 'asc' } });
    expect(audited.map((record) => record.command)).toEqual(expect.arrayContaining(['account.create', 'account.confirm_email', 'session.start']));
  });

  it('lets only one of two confirmations racing with one link through', async () => {
    const email = newEmail();
    await createAccount(email);
    const [mail] = await waitForMail(system.temporal.mailboxDir, email);
    if (!mail) throw new Error('no mail');
    const token = tokenOf(linkPath(mail, '/confirm-email'));
    const answers = await Promise.all([1, 2, 3].map(() => post('/api/accounts/email-confirmation', { token })));
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 409, 409]);
    const person = await system.prisma.person.findUniqueOrThrow({ where: { email } });
    expect(await system.prisma.auditRecord.count({ where: { stream: `person:${person.id}`, command: 'account.confirm_email' } })).toBe(1);
  });

  it('refuses an expired link, and a new one can be asked for that works', async () => {
    const email = newEmail();
    await createAccount(email);
    const [mail] = await waitForMail(system.temporal.mailboxDir, email);
    if (!mail) throw new Error('no mail');
    const token = tokenOf(linkPath(mail, '/confirm-email'));
    await system.prisma.accountToken.update({ where: { tokenHash: digestOf(token) }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const expired = await post('/api/accounts/email-confirmation', { token });
    expect(expired.status).toBe(409);
    expect(((await expired.json()) as { detail: string }).detail).toContain('expired');

    const resent = await post('/api/accounts/email-confirmation/resend', { email });
    expect(resent.status).toBe(202);
    const messages = await waitForMail(system.temporal.mailboxDir, email, { count: 2 });
    const fresh = messages.map((message) => tokenOf(linkPath(message, '/confirm-email'))).find((other) => other !== token) ?? '';
    expect(fresh).not.toBe(token);
    expect((await post('/api/accounts/email-confirmation', { token: fresh })).status).toBe(200);
    // An unknown link is not found.
    expect((await post('/api/accounts/email-confirmation', { token: 'B'.repeat(43) })).status).toBe(404);
  });

  it('gives the same answer for an address that has an account, creates nothing, and tells its owner', async () => {
    const owner = await createPerson(system.prisma, { email: newEmail(), name: 'Owain Perchennog', language: 'en' });
    const before = await system.prisma.person.count();
    const taken = await createAccount(owner.email.toUpperCase());
    expect(taken.status).toBe(202);
    expect(await taken.json()).toEqual({ status: 'mail_sent_if_known' });
    expect(await system.prisma.person.count()).toBe(before);
    const [notice] = await waitForMail(system.temporal.mailboxDir, owner.email);
    if (!notice) throw new Error('no notice');
    expect(notice.headers.subject).toBe('You already have a Cymuned account');
    expect(notice.body).toContain('Someone tried to create a Cymuned account with your email address');
    expect(notice.body).toContain('http://cymuned.test/sign-in');
    // The owner's password stands, and the reset link in the notice works.
    expect((await post('/api/sign-in', { email: owner.email, password: owner.password })).status).toBe(200);
    expect(linkPath(notice, '/reset-password')).toMatch(/^\/reset-password\//);
  });

  it('refuses bad bodies with problem details and changes nothing', async () => {
    const before = await system.prisma.person.count();
    const bodies: unknown[] = [
      {},
      { name: 'Siân', email: 'nid-cyfeiriad', password, language: 'cy' },
      { name: 'Siân', email: newEmail(), password: 'byr', language: 'cy' },
      { name: 'Siân', email: newEmail(), password, language: 'fr' },
      { name: 'Siân', email: newEmail(), password, language: 'cy', next: 'https://drwg.example/' },
      { name: 'Siân', email: newEmail(), password, language: 'cy', role: 'administrator' },
    ];
    for (const body of bodies) {
      const refused = await post('/api/accounts', body);
      expect(refused.status, JSON.stringify(body)).toBe(400);
      expect(refused.headers.get('content-type')).toContain('application/problem+json');
    }
    const short = await post('/api/accounts', { name: 'Siân', email: newEmail(), password: 'byr', language: 'cy' }, { 'accept-language': 'cy' });
    expect(((await short.json()) as { detail: string }).detail).toContain('12 nod');
    for (const [path, body] of [
      ['/api/accounts/email-confirmation', {}],
      ['/api/accounts/email-confirmation/resend', { email: 'nid' }],
      ['/api/password-resets', { email: 3 }],
      ['/api/password-resets/completion', { token: 'x' }],
    ] as const) {
      const refused = await post(path, body);
      expect(refused.status, path).toBe(400);
      expect(refused.headers.get('content-type')).toContain('application/problem+json');
    }
    expect(await system.prisma.person.count()).toBe(before);
  });

  it('limits the accounts one address may create in an hour', async () => {
    const limited = await startTestSystem({ auth: { accountCreationsPerHour: 2, accountLinkRequestsPerHour: 2 } });
    try {
      const create = () =>
        fetch(`${limited.url}/api/accounts`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ name: 'Siân', email: newEmail(), password, language: 'en' }),
        });
      expect((await create()).status).toBe(202);
      expect((await create()).status).toBe(202);
      const third = await create();
      expect(third.status).toBe(429);
      expect(third.headers.get('content-type')).toContain('application/problem+json');
      // Asking for links is counted apart, as each may mail someone too.
      const ask = () =>
        fetch(`${limited.url}/api/password-resets`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email: newEmail() }),
        });
      expect((await ask()).status).toBe(202);
      expect((await ask()).status).toBe(202);
      expect((await ask()).status).toBe(429);
    } finally {
      await limited.stop();
    }
  });
});

describe('a forgotten password', () => {
  it('mails a link that sets a new password once, ends every other session, confirms the address and signs in', async () => {
    const person = await createPerson(system.prisma, { email: newEmail(), language: 'en' });
    const elsewhere = await signInOverHttp(system.url, person);
    const asked = await post('/api/password-resets', { email: person.email });
    expect(asked.status).toBe(202);
    // An unknown address gets the same answer, and no mail.
    const unknown = newEmail();
    const nobody = await post('/api/password-resets', { email: unknown });
    expect(nobody.status).toBe(202);
    expect(await nobody.json()).toEqual(await asked.json());

    const [mail] = await waitForMail(system.temporal.mailboxDir, person.email);
    if (!mail) throw new Error('no mail');
    expect(mail.headers.subject).toBe('Reset your Cymuned password');
    expect(mail.body).toContain('for 1 hour');
    const token = tokenOf(linkPath(mail, '/reset-password'));

    // A password the rules refuse leaves the link working.
    const weak = await post('/api/password-resets/completion', { token, password: 'byr' });
    expect(weak.status).toBe(400);
    const reset = await post('/api/password-resets/completion', { token, password: 'cyfrinair newydd sbon' });
    expect(reset.status).toBe(200);
    const session = await sessionFrom(reset);
    expect(await me(session)).toBe(200);
    expect(await me(elsewhere)).toBe(401);
    expect((await post('/api/sign-in', { email: person.email, password: person.password })).status).toBe(401);
    expect((await post('/api/sign-in', { email: person.email, password: 'cyfrinair newydd sbon' })).status).toBe(200);
    expect((await post('/api/password-resets/completion', { token, password: 'cyfrinair arall eto' })).status).toBe(409);
    expect(await mailTo(system.temporal.mailboxDir, unknown)).toEqual([]);
    const audited = await system.prisma.auditRecord.findMany({ where: { stream: `person:${person.id}`, command: 'account.reset_password' } });
    expect(audited).toHaveLength(1);
  });

  it('confirms an address not yet confirmed', async () => {
    const email = newEmail();
    await createAccount(email);
    await waitForMail(system.temporal.mailboxDir, email);
    await post('/api/password-resets', { email });
    const messages = await waitForMail(system.temporal.mailboxDir, email, { count: 2 });
    const resetMail = messages.find((mail) => mail.body.includes('/reset-password/'));
    if (!resetMail) throw new Error('no reset mail');
    const reset = await post('/api/password-resets/completion', { token: tokenOf(linkPath(resetMail, '/reset-password')), password: 'cyfrinair newydd sbon' });
    expect(reset.status).toBe(200);
    expect((await system.prisma.person.findUniqueOrThrow({ where: { email } })).emailConfirmedAt).not.toBeNull();
  });
});

describe('changing one’s password', () => {
  it('refuses a wrong current password, then changes it and ends the other sessions only', async () => {
    const person = await createPerson(system.prisma, { email: newEmail() });
    const here = await signInOverHttp(system.url, person);
    const elsewhere = await signInOverHttp(system.url, person);
    const change = (body: unknown) =>
      fetch(`${system.url}/api/me/password`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json', ...sessionHeaders(here) },
        body: JSON.stringify(body),
      });

    const wrong = await change({ currentPassword: 'nid dyma fe o gwbl', newPassword: 'cyfrinair newydd sbon' });
    expect(wrong.status).toBe(400);
    expect(wrong.headers.get('content-type')).toContain('application/problem+json');
    expect(await me(elsewhere)).toBe(200);
    expect((await change({ currentPassword: person.password, newPassword: 'byr' })).status).toBe(400);
    expect((await change({ currentPassword: person.password })).status).toBe(400);

    const changed = await change({ currentPassword: person.password, newPassword: 'cyfrinair newydd sbon' });
    expect(changed.status).toBe(204);
    expect(await me(here)).toBe(200);
    expect(await me(elsewhere)).toBe(401);
    expect((await post('/api/sign-in', { email: person.email, password: 'cyfrinair newydd sbon' })).status).toBe(200);
    const audited = await system.prisma.auditRecord.findMany({ where: { stream: `person:${person.id}`, command: 'account.change_password' } });
    expect(audited).toHaveLength(1);

    const anonymous = await fetch(`${system.url}/api/me/password`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ currentPassword: 'a', newPassword: 'b' }),
    });
    expect(anonymous.status).toBe(401);
  });
});
