import express, { Router, type Express } from 'express';
import helmet from 'helmet';
import { pinoHttp } from 'pino-http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authenticate } from '../../src/api/authenticate.js';
import { noStoreByDefault } from '../../src/api/cache-control.js';
import { notFoundHandler, problemHandler } from '../../src/api/problem.js';
import { carryRequestId, requestIdOf } from '../../src/api/request-id.js';
import { registerRoutes } from '../../src/api/route-table.js';
import { authRouteList, authRoutes } from '../../src/api/routes/auth.js';
import { noteMalformedUtf8, wellFormedInput } from '../../src/api/well-formed-input.js';
import { revokeApiToken } from '../../src/auth/api-tokens.js';
import { csrfTokenFor } from '../../src/auth/csrf.js';
import { digestOf } from '../../src/auth/secrets.js';
import { deleteEndedSessions, sessionCookieName, startSession } from '../../src/auth/sessions.js';
import type { AuthSettings } from '../../src/auth/settings.js';
import { createPrisma, type PrismaClient } from '../../src/db/prisma.js';
import { createLogger } from '../../src/log.js';
import { migratedDatabase, type TestDatabase } from '../support/database.js';
import { listen, type TestServer } from '../support/http.js';
import {
  createOrganisation,
  createPerson,
  mintApiToken,
  sessionHeaders,
  setCookie,
  signInOverHttp,
  testAuthSettings,
  type WebSession,
} from '../support/people.js';

// Authentication over HTTP, through the middleware and the route table's policy gate, on a real PostgreSQL.

/** createApp's middleware order, with only authentication's routes. */
function authApp(prisma: PrismaClient, auth: AuthSettings, { trustProxy = false }: { trustProxy?: string | false } = {}): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  app.set('trust proxy', trustProxy);
  app.use(noStoreByDefault);
  app.use(pinoHttp({ logger: createLogger('silent'), genReqId: requestIdOf }));
  app.use(carryRequestId);
  app.use(helmet());
  app.use(express.json({ limit: '100kb', verify: noteMalformedUtf8 }));
  const routes = authRoutes({ prisma, auth });
  app.use(wellFormedInput(routes));
  app.use(authenticate({ prisma, auth }));
  const router = Router();
  registerRoutes(router, routes);
  app.use(router);
  app.use(notFoundHandler);
  app.use(problemHandler);
  return app;
}

let database: TestDatabase;
let prisma: PrismaClient;
const servers: TestServer[] = [];

async function serve(overrides: Partial<AuthSettings> = {}, options: { trustProxy?: string } = {}): Promise<{ url: string; auth: AuthSettings }> {
  const auth = testAuthSettings(overrides);
  const server = await listen(authApp(prisma, auth, options));
  servers.push(server);
  return { url: server.url, auth };
}

let url: string;
let auth: AuthSettings;

beforeAll(async () => {
  database = await migratedDatabase();
  prisma = createPrisma(database.url);
  ({ url, auth } = await serve());
});

afterAll(async () => {
  for (const server of servers) await server.close();
  await prisma?.$disconnect();
  await database?.drop();
});

// Node's fetch sends Accept-Language: *, which problem details answer in Welsh; these tests read English.
const english = { 'accept-language': 'en' };
const json = (method: string, path: string, body: unknown, headers: Record<string, string> = {}, base = url) =>
  fetch(`${base}${path}`, { method, headers: { 'content-type': 'application/json', ...english, ...headers }, body: JSON.stringify(body) });
const signInRequest = (email: string, password: string, base = url, headers: Record<string, string> = {}) =>
  json('POST', '/api/sign-in', { email, password }, headers, base);
const me = (headers: Record<string, string>) => fetch(`${url}/api/me`, { headers: { ...english, ...headers } });

interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
}

async function problemOf(response: Response, status: number): Promise<Problem> {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  return (await response.json()) as Problem;
}

describe('signing in', () => {
  it('sets an HttpOnly, SameSite=Lax session cookie and answers with the person and a CSRF token', async () => {
    const group = await createOrganisation(prisma);
    const person = await createPerson(prisma, { name: 'Betsan Huws', grants: [{ role: 'applicant_lead', organisationId: group.id }] });
    const response = await signInRequest(person.email, person.password);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const body = (await response.json()) as { person: unknown; csrfToken: string };
    expect(body.person).toEqual({ id: person.id, name: 'Betsan Huws', email: person.email, language: 'en' });

    const cookie = setCookie(response, sessionCookieName);
    expect(cookie?.value).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(cookie?.attributes).toEqual(expect.arrayContaining(['Path=/', 'HttpOnly', 'SameSite=Lax']));
    expect(cookie?.attributes.some((attribute) => attribute.startsWith('Expires='))).toBe(true);
    expect(cookie?.attributes).not.toContain('Secure');
    expect(body.csrfToken).toBe(csrfTokenFor(cookie?.value ?? '', auth.sessionSecret));

    const mine = await me({ cookie: `${sessionCookieName}=${cookie?.value}` });
    expect(mine.status).toBe(200);
    expect(await mine.json()).toEqual({
      person: { id: person.id, name: 'Betsan Huws', email: person.email, language: 'en' },
      roles: [{ role: 'applicant_lead', organisationId: group.id, programme: null, delegatedLimitPence: null }],
      language: 'en',
      csrfToken: body.csrfToken,
    });
  });

  it('marks the cookie Secure in production', async () => {
    const production = await serve({ secureCookies: true });
    const person = await createPerson(prisma);
    const response = await signInRequest(person.email, person.password, production.url);
    expect(response.status).toBe(200);
    expect(setCookie(response, sessionCookieName)?.attributes).toEqual(expect.arrayContaining(['Secure', 'HttpOnly']));
  });

  it('stores the session as a hash of the cookie, never the cookie itself', async () => {
    const person = await createPerson(prisma);
    const session = await signInOverHttp(url, person);
    const rows = await prisma.session.findMany({ where: { personId: person.id } });
    expect(rows.map((row) => row.tokenHash)).toEqual([digestOf(session.token)]);
    expect(JSON.stringify(rows)).not.toContain(session.token);
  });

  it('keeps argon2id hashes of passwords', async () => {
    const person = await createPerson(prisma);
    const row = await prisma.person.findUniqueOrThrow({ where: { id: person.id } });
    expect(row.passwordHash).toMatch(/^\$argon2id\$v=19\$/);
    expect(row.passwordHash).not.toContain(person.password);
  });

  it('answers a wrong password and an unknown email with the same 401 problem', async () => {
    const person = await createPerson(prisma);
    const wrong = await problemOf(await signInRequest(person.email, 'not the right one'), 401);
    const unknown = await problemOf(await signInRequest('neb@cymuned.example', 'not the right one'), 401);
    expect(wrong).toMatchObject({ type: 'https://cymuned.example/problems/unauthenticated', status: 401 });
    expect(wrong.detail).toMatch(/email address or password is wrong/);
    expect({ ...unknown, requestId: undefined }).toEqual({ ...wrong, requestId: undefined });
  });

  it('says so in Welsh when asked', async () => {
    const problem = await problemOf(await signInRequest('neb@cymuned.example', 'anything', url, { 'accept-language': 'cy' }), 401);
    expect(problem.title).toBe('Mae angen i chi fewngofnodi');
    expect(problem.detail).toMatch(/^Mae’r cyfeiriad e-bost neu’r cyfrinair yn anghywir/);
  });

  it('answers malformed sign-ins with 400 problem details', async () => {
    await problemOf(await signInRequest('not-an-email', 'password'), 400);
    await problemOf(await json('POST', '/api/sign-in', { email: 'a@b.example' }), 400);
    await problemOf(await fetch(`${url}/api/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"email":' }), 400);
  });

  it('never lets a stranger’s wrong passwords keep the owner out', async () => {
    // Behind a proxy on loopback, X-Forwarded-For gives each client's address.
    const throttled = await serve({}, { trustProxy: 'loopback' });
    const person = await createPerson(prisma);
    for (let i = 0; i < 12; i += 1) {
      const guess = await signInRequest(person.email, `wrong ${i}`, throttled.url, { 'x-forwarded-for': '203.0.113.9' });
      expect([401, 429]).toContain(guess.status);
    }
    expect((await signInRequest(person.email, person.password, throttled.url, { 'x-forwarded-for': '198.51.100.7' })).status).toBe(200);
  });

  it('makes a stranger guessing from one address wait, longer each time, even with the right password', async () => {
    // Behind a proxy on loopback, X-Forwarded-For gives each client's address.
    const throttled = await serve({ signInFreeFailures: 3, signInDelaySeconds: 1, signInMaxDelaySeconds: 2 }, { trustProxy: 'loopback' });
    const person = await createPerson(prisma);
    const stranger = { 'x-forwarded-for': '203.0.113.9' };
    const owner = { 'x-forwarded-for': '198.51.100.7' };
    for (let i = 0; i < 3; i += 1) await problemOf(await signInRequest(person.email, `wrong ${i}`, throttled.url, stranger), 401);
    // The stranger's address now waits, even with the right password, which is not tried…
    const waiting = await signInRequest(person.email, person.password, throttled.url, stranger);
    const problem = await problemOf(waiting, 429);
    expect(problem.detail).toBe('Too many wrong passwords for this account from this address. Try again in 1 second.');
    expect(waiting.headers.get('retry-after')).toBe('1');
    // …while the owner, from their own address, signs in at once.
    expect((await signInRequest(person.email, person.password, throttled.url, owner)).status).toBe(200);

    await new Promise((resolve) => setTimeout(resolve, 1100));
    await problemOf(await signInRequest(person.email, 'wrong again', throttled.url, stranger), 401);
    const longer = await signInRequest(person.email, person.password, throttled.url, { ...stranger, 'accept-language': 'cy' });
    expect((await problemOf(longer, 429)).detail).toBe(
      'Gormod o gyfrineiriau anghywir ar gyfer y cyfrif hwn o’r cyfeiriad hwn. Rhowch gynnig arall arni ymhen 2 eiliad.',
    );
    expect(longer.headers.get('retry-after')).toBe('2');
  });

  it('limits failed sign-ins per address with 429 problem details; successful ones do not count', async () => {
    const limited = await serve({ signInAttemptsPerMinute: 3 });
    const person = await createPerson(prisma);
    for (let i = 0; i < 4; i += 1) expect((await signInRequest(person.email, person.password, limited.url)).status).toBe(200);
    for (let i = 0; i < 3; i += 1) await problemOf(await signInRequest('neb@cymuned.example', 'wrong password', limited.url), 401);
    const response = await signInRequest(person.email, person.password, limited.url);
    const problem = await problemOf(response, 429);
    expect(problem.type).toBe('https://cymuned.example/problems/too-many-requests');
    expect(problem.detail).toBe('Too many sign-in attempts from this address. Wait a minute and try again.');
    expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});

describe('the session cookie', () => {
  let person: { id: string; email: string; password: string };
  let session: WebSession;

  beforeAll(async () => {
    person = await createPerson(prisma, { language: 'en' });
    session = await signInOverHttp(url, person);
  });

  it('needs the CSRF token for unsafe requests', async () => {
    const without = await problemOf(await json('PATCH', '/api/me', { language: 'cy' }, { cookie: session.cookie }), 403);
    expect(without.type).toBe('https://cymuned.example/problems/forbidden');
    expect(without.detail).toMatch(/X-CSRF-Token/);
    const otherSession = await signInOverHttp(url, await createPerson(prisma));
    await problemOf(await json('PATCH', '/api/me', { language: 'cy' }, { cookie: session.cookie, 'x-csrf-token': otherSession.csrfToken }), 403);
    await problemOf(await json('PATCH', '/api/me', { language: 'cy' }, { cookie: session.cookie, 'x-csrf-token': 'x' }), 403);
    await problemOf(await json('POST', '/api/tokens', { name: 'sly' }, { cookie: session.cookie }), 403);
    expect((await prisma.person.findUniqueOrThrow({ where: { id: person.id } })).language).toBe('en');
    expect(await prisma.apiToken.count({ where: { personId: person.id } })).toBe(0);
  });

  it('stores the language preference with the CSRF token', async () => {
    const response = await json('PATCH', '/api/me', { language: 'cy' }, sessionHeaders(session));
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ language: 'cy', person: { language: 'cy' }, csrfToken: session.csrfToken });
    expect((await prisma.person.findUniqueOrThrow({ where: { id: person.id } })).language).toBe('cy');
    expect(await (await me({ cookie: session.cookie })).json()).toMatchObject({ language: 'cy' });
    await problemOf(await json('PATCH', '/api/me', { language: 'fr' }, sessionHeaders(session)), 400);
  });

  it('is ignored when its session has ended: the request is anonymous and the browser told to forget it', async () => {
    await prisma.session.update({ where: { tokenHash: digestOf(session.token) }, data: { lastSeenAt: new Date(Date.now() - 121 * 60_000) } });
    const response = await me({ cookie: session.cookie });
    await problemOf(response, 401);
    expect(setCookie(response, sessionCookieName)?.value).toBe('');
    expect(await prisma.session.count({ where: { tokenHash: digestOf(session.token) } })).toBe(0);
    // An old cookie does not get in the way of signing in again, CSRF token or not.
    const again = await signInRequest(person.email, person.password, url, { cookie: session.cookie });
    expect(again.status).toBe(200);
  });

  it('ends at its fixed time however busy', async () => {
    const fresh = await signInOverHttp(url, person);
    await prisma.session.update({ where: { tokenHash: digestOf(fresh.token) }, data: { expiresAt: new Date(Date.now() - 1) } });
    await problemOf(await me({ cookie: fresh.cookie }), 401);
  });

  it('is worthless after sign-out, which needs the CSRF token too', async () => {
    const fresh = await signInOverHttp(url, person);
    await problemOf(await json('POST', '/api/sign-out', {}, { cookie: fresh.cookie }), 403);
    expect((await me({ cookie: fresh.cookie })).status).toBe(200);

    const out = await json('POST', '/api/sign-out', {}, sessionHeaders(fresh));
    expect(out.status).toBe(204);
    expect(setCookie(out, sessionCookieName)?.attributes).toEqual(expect.arrayContaining(['Expires=Thu, 01 Jan 1970 00:00:00 GMT']));
    expect(await prisma.session.count({ where: { tokenHash: digestOf(fresh.token) } })).toBe(0);
    await problemOf(await me({ cookie: fresh.cookie }), 401);
  });

  it('replaces the previous session when the same browser signs in again', async () => {
    const first = await signInOverHttp(url, person);
    const second = await signInRequest(person.email, person.password, url, sessionHeaders(first));
    expect(second.status).toBe(200);
    await problemOf(await me({ cookie: first.cookie }), 401);
  });
});

describe('the account audit trail', () => {
  it('records signing in and out, API tokens and language changes on the person’s own chain', async () => {
    const person = await createPerson(prisma);
    const session = await signInOverHttp(url, person);
    await json('PATCH', '/api/me', { language: 'cy' }, sessionHeaders(session));
    await json('PATCH', '/api/me', { language: 'cy' }, sessionHeaders(session));
    const created = (await (await json('POST', '/api/tokens', { name: 'cyfrifon' }, sessionHeaders(session))).json()) as { id: string };
    await fetch(`${url}/api/tokens/${created.id}`, { method: 'DELETE', headers: sessionHeaders(session) });
    await json('POST', '/api/sign-out', {}, sessionHeaders(session));

    const records = await prisma.auditRecord.findMany({ where: { stream: `person:${person.id}` }, orderBy: { sequence: 'asc' } });
    expect(records.map((r) => [r.command, r.summaryEn])).toEqual([
      ['session.start', 'Signed in'],
      ['person.language', 'Chose Welsh'],
      ['token.create', 'Created an API token'],
      ['token.revoke', 'Revoked an API token'],
      ['session.end', 'Signed out'],
    ]);
    expect(records.every((r) => r.actorId === person.id && r.actorRole === null && r.requestId !== null)).toBe(true);
    expect(JSON.stringify(records.map((r) => r.changes))).not.toContain(person.password);
  });
});

describe('the sweep of ended sessions', () => {
  it('deletes sessions past their fixed time or idle too long, for everyone, and keeps live ones', async () => {
    const lifetime = { idleMinutes: 30, maxHours: 2 };
    const now = new Date('2026-11-23T12:00:00Z');
    const [expired, idle, live] = await Promise.all([createPerson(prisma), createPerson(prisma), createPerson(prisma)]);
    await startSession({ prisma, personId: expired.id, now: new Date(now.getTime() - 3 * 3_600_000), lifetime });
    const idleSession = await startSession({ prisma, personId: idle.id, now: new Date(now.getTime() - 3_600_000), lifetime });
    const liveSession = await startSession({ prisma, personId: live.id, now: new Date(now.getTime() - 10 * 60_000), lifetime });
    const ours = { personId: { in: [expired.id, idle.id, live.id] } };
    expect(await prisma.session.count({ where: ours })).toBe(3);

    expect(await deleteEndedSessions({ prisma, now, lifetime })).toBeGreaterThanOrEqual(2);
    const left = await prisma.session.findMany({ where: ours });
    expect(left.map((s) => s.personId)).toEqual([live.id]);
    expect(left[0]?.tokenHash).toBe(digestOf(liveSession.token));
    expect(left.map((s) => s.tokenHash)).not.toContain(digestOf(idleSession.token));
  });
});

describe('anonymous requests', () => {
  it('get 401 problem details from routes that need a person', async () => {
    await problemOf(await me({}), 401);
    await problemOf(await json('POST', '/api/tokens', { name: 'x' }), 401);
    await problemOf(await json('PATCH', '/api/me', { language: 'cy' }), 401);
  });
});

describe('API tokens', () => {
  it('are made by a signed-in person, shown once, stored as a hash, and authenticate without CSRF', async () => {
    const person = await createPerson(prisma);
    const session = await signInOverHttp(url, person);
    const response = await json('POST', '/api/tokens', { name: 'Cyfrifon y cyngor' }, sessionHeaders(session));
    expect(response.status).toBe(201);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const created = (await response.json()) as { id: string; name: string; token: string; expiresAt: string };
    expect(created).toMatchObject({ name: 'Cyfrifon y cyngor', token: expect.stringMatching(/^cym_[A-Za-z0-9_-]{43}$/) });
    // Left out, the expiry is the longest allowed: API_TOKEN_MAX_DAYS (90 here) from now.
    expect(Math.abs(Date.parse(created.expiresAt) - (Date.now() + 90 * 86_400_000))).toBeLessThan(60_000);
    const row = await prisma.apiToken.findUniqueOrThrow({ where: { id: created.id } });
    expect(row.tokenHash).toBe(digestOf(created.token));
    expect(JSON.stringify(row)).not.toContain(created.token);

    const bearer = { authorization: `Bearer ${created.token}` };
    const mine = await me(bearer);
    expect(mine.status).toBe(200);
    expect(await mine.json()).toMatchObject({ person: { id: person.id }, csrfToken: null });
    // No CSRF token needed: browsers never send Authorization headers by themselves.
    expect((await json('PATCH', '/api/me', { language: 'cy' }, bearer)).status).toBe(200);
    // …and a token cannot make more tokens.
    await problemOf(await json('POST', '/api/tokens', { name: 'successor' }, bearer), 403);
  });

  it('can be given an expiry, which must be in the future', async () => {
    const person = await createPerson(prisma);
    const session = await signInOverHttp(url, person);
    const expiresAt = new Date(Date.now() + 86_400_000).toISOString();
    const response = await json('POST', '/api/tokens', { name: 'am ddiwrnod', expiresAt }, sessionHeaders(session));
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({ expiresAt });
    await problemOf(await json('POST', '/api/tokens', { name: 'ddoe', expiresAt: '2020-01-01T00:00:00Z' }, sessionHeaders(session)), 400);
    await problemOf(await json('POST', '/api/tokens', { name: '' }, sessionHeaders(session)), 400);
  });

  it('never live beyond the configured lifetime: no expiry, or a later one, is refused with the reason', async () => {
    const person = await createPerson(prisma);
    const session = await signInOverHttp(url, person);
    const forever = await problemOf(await json('POST', '/api/tokens', { name: 'am byth', expiresAt: null }, sessionHeaders(session)), 400);
    expect(forever.detail).toBe('API tokens must expire, at most 90 days from now: give expiresAt, or leave it out for 90 days');
    const tooLate = new Date(Date.now() + 9_999 * 86_400_000).toISOString();
    const long = await problemOf(await json('POST', '/api/tokens', { name: 'hir', expiresAt: tooLate }, sessionHeaders(session)), 400);
    expect(long.detail).toMatch(/^API tokens may live at most 90 days: expiresAt must be no later than \d{4}-\d\d-\d\dT/);
    const cymraeg = await problemOf(
      await json('POST', '/api/tokens', { name: 'hir', expiresAt: tooLate }, { ...sessionHeaders(session), 'accept-language': 'cy' }),
      400,
    );
    expect(cymraeg.detail).toMatch(/^Gall tocynnau API fyw am 90 diwrnod ar y mwyaf/);
    expect(await prisma.apiToken.count({ where: { personId: person.id } })).toBe(0);
  });

  it('stop working when the configured lifetime has passed, even one made with no expiry before the cap', async () => {
    const person = await createPerson(prisma);
    const token = await mintApiToken(prisma, person.id);
    expect((await me({ authorization: `Bearer ${token}` })).status).toBe(200);
    // As a token made before lifetimes were capped: no expiry, made 91 days ago.
    await prisma.apiToken.update({ where: { tokenHash: digestOf(token) }, data: { expiresAt: null, createdAt: new Date(Date.now() - 91 * 86_400_000) } });
    await problemOf(await me({ authorization: `Bearer ${token}` }), 401);
  });

  it('are listed for their holder with when each expires, and never with the token itself', async () => {
    const person = await createPerson(prisma);
    const session = await signInOverHttp(url, person);
    const expiresAt = new Date(Date.now() + 7 * 86_400_000).toISOString();
    const created = (await (await json('POST', '/api/tokens', { name: 'wythnos', expiresAt }, sessionHeaders(session))).json()) as {
      id: string;
      token: string;
    };
    await mintApiToken(prisma, (await createPerson(prisma)).id, { name: 'someone else’s' });
    const response = await fetch(`${url}/api/tokens`, { headers: { ...english, ...sessionHeaders(session) } });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const listed = (await response.json()) as { tokens: unknown[] };
    expect(listed).toEqual({ tokens: [{ id: created.id, name: 'wythnos', createdAt: expect.any(String), expiresAt, lastUsedAt: null }] });
    expect(JSON.stringify(listed)).not.toContain(created.token);
  });

  it('are refused with 401 once revoked or expired, or when they are not ours', async () => {
    const person = await createPerson(prisma);
    const revoked = await mintApiToken(prisma, person.id);
    const expired = await mintApiToken(prisma, person.id, { expiresAt: new Date(Date.now() + 60_000) });
    expect((await me({ authorization: `Bearer ${revoked}` })).status).toBe(200);
    expect((await me({ authorization: `Bearer ${expired}` })).status).toBe(200);

    const revokedRow = await prisma.apiToken.findUniqueOrThrow({ where: { tokenHash: digestOf(revoked) } });
    await revokeApiToken({ prisma, personId: person.id, tokenId: revokedRow.id, now: new Date() });
    await prisma.apiToken.update({ where: { tokenHash: digestOf(expired) }, data: { expiresAt: new Date(Date.now() - 1) } });

    for (const authorization of [`Bearer ${revoked}`, `Bearer ${expired}`, 'Bearer cym_nonsense', `Basic ${revoked}`, 'Bearer']) {
      const problem = await problemOf(await me({ authorization }), 401);
      expect(problem.type).toBe('https://cymuned.example/problems/unauthenticated');
    }
  });

  it('are revoked by their holder over HTTP, stop working at once, and are not found by anyone else', async () => {
    const holder = await createPerson(prisma);
    const other = await createPerson(prisma);
    const session = await signInOverHttp(url, holder);
    const created = (await (await json('POST', '/api/tokens', { name: 'i’w ddileu' }, sessionHeaders(session))).json()) as { id: string; token: string };
    const bearer = { authorization: `Bearer ${created.token}` };
    expect((await me(bearer)).status).toBe(200);

    const otherSession = await signInOverHttp(url, other);
    await problemOf(await fetch(`${url}/api/tokens/${created.id}`, { method: 'DELETE', headers: { ...english, ...sessionHeaders(otherSession) } }), 404);
    expect((await me(bearer)).status).toBe(200);

    // The token may revoke itself (a leaked token's holder may not have a browser at hand).
    expect((await fetch(`${url}/api/tokens/${created.id}`, { method: 'DELETE', headers: bearer })).status).toBe(204);
    await problemOf(await me(bearer), 401);
    expect((await fetch(`${url}/api/tokens/${created.id}`, { method: 'DELETE', headers: { ...english, ...sessionHeaders(session) } })).status).toBe(204);
    await problemOf(await fetch(`${url}/api/tokens/not-a-token`, { method: 'DELETE', headers: { ...english, ...sessionHeaders(session) } }), 404);
  });

  it('act with the person’s roles as they are at each request, as a session does', async () => {
    const group = await createOrganisation(prisma);
    const person = await createPerson(prisma, {
      grants: [
        { role: 'applicant_lead', organisationId: group.id },
        { role: 'approver', programme: 'CFP', delegatedLimitPence: 2_500_000n },
        { role: 'assessor', revokedAt: new Date(Date.now() + 3_600_000) },
        { role: 'caseworker', revokedAt: new Date(Date.now() - 1000) },
      ],
    });
    const bearer = { authorization: `Bearer ${await mintApiToken(prisma, person.id)}` };
    const session = sessionHeaders(await signInOverHttp(url, person));
    const roles = async (headers: Record<string, string>) => {
      const answer = (await (await me(headers)).json()) as { roles: { role: string }[] };
      return answer.roles.sort((a, b) => a.role.localeCompare(b.role));
    };
    for (const headers of [bearer, session]) {
      expect(await roles(headers)).toEqual([
        { role: 'applicant_lead', organisationId: group.id, programme: null, delegatedLimitPence: null },
        { role: 'approver', organisationId: null, programme: 'CFP', delegatedLimitPence: 2_500_000 },
        // Revoked from a future date: it holds until then.
        { role: 'assessor', organisationId: null, programme: null, delegatedLimitPence: null },
      ]);
    }
    await prisma.roleGrant.updateMany({ where: { personId: person.id, role: 'approver' }, data: { revokedAt: new Date() } });
    for (const headers of [bearer, session]) expect((await roles(headers)).map((grant) => grant.role)).toEqual(['applicant_lead', 'assessor']);
  });

  it('take precedence over a session cookie sent alongside', async () => {
    const holder = await createPerson(prisma);
    const other = await createPerson(prisma);
    const session = await signInOverHttp(url, other);
    const token = await mintApiToken(prisma, holder.id);
    const response = await me({ authorization: `Bearer ${token}`, cookie: session.cookie });
    expect(await response.json()).toMatchObject({ person: { id: holder.id }, csrfToken: null });
  });
});

describe('the route list', () => {
  it('is what authRoutes serves', () => {
    const served = authRoutes({ prisma, auth }).map(({ method, path, action }) => ({ method, path, action }));
    expect(served).toEqual([...authRouteList]);
  });
});
