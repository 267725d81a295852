import { randomBytes, randomUUID } from 'node:crypto';
import { createApiToken } from '../../src/auth/api-tokens.js';
import { hashPassword, type HashCost } from '../../src/auth/passwords.js';
import { sessionCookieName } from '../../src/auth/sessions.js';
import type { AuthSettings } from '../../src/auth/settings.js';
import type { PrismaClient } from '../../src/db/prisma.js';
import type { RoleName } from '../../src/domain/roles.js';

// Quick ways for tests to make organisations and people and to sign them in.

/** The least work argon2id allows: for tests only, where hundreds of hashes must not take seconds each. */
export const fastHashCost: HashCost = { memoryCost: 1024, timeCost: 1, parallelism: 1 };

/** Settings as production has them, except a secret of the test's own and nothing secure-only. */
export function testAuthSettings(overrides: Partial<AuthSettings> = {}): AuthSettings {
  return {
    sessionSecret: randomBytes(32).toString('base64url'),
    secureCookies: false,
    sessionIdleMinutes: 120,
    sessionMaxHours: 12,
    signInFreeFailures: 5,
    signInDelaySeconds: 2,
    signInMaxDelaySeconds: 900,
    // High, so tests that sign in often are not throttled; the rate-limit test sets its own.
    signInAttemptsPerMinute: 1000,
    apiTokenMaxDays: 90,
    eventStreamsPerPerson: 5,
    invitationLifetimeDays: 14,
    // Tests open mailed links at their own server's address: they take the path from the link.
    publicUrl: 'http://cymuned.test',
    accountConfirmationHours: 24,
    passwordResetMinutes: 60,
    // High, as sign-in's is; the account tests set their own to see the limit.
    accountCreationsPerHour: 1000,
    accountLinkRequestsPerHour: 1000,
    ...overrides,
  };
}

export interface TestOrganisation {
  id: string;
  name: string;
  orgId: string;
}

export async function createOrganisation(
  prisma: PrismaClient,
  {
    name = `Grŵp Cymunedol ${randomUUID().slice(0, 8)}`,
    kind = 'community_group',
    verified = true,
  }: {
    name?: string;
    kind?: 'community_group' | 'public_body' | 'funder' | 'adviser';
    /** Checked by a caseworker against its register, as its cases need before screening; unverified when false. */
    verified?: boolean;
  } = {},
): Promise<TestOrganisation> {
  const verification = verified
    ? { verifiedAt: new Date(), verificationRegister: 'none', verificationReference: 'test', verificationNote: 'Made verified by the test' }
    : {};
  return prisma.organisation.create({
    data: { name, kind, orgId: `360G-CYMUNED-TEST-${randomUUID()}`, ...verification },
    select: { id: true, name: true, orgId: true },
  });
}

export interface TestGrant {
  role: RoleName;
  organisationId?: string | null;
  programme?: string | null;
  delegatedLimitPence?: bigint | null;
  revokedAt?: Date | null;
}

export interface TestPerson {
  id: string;
  email: string;
  password: string;
}

/** A person with a password and the given grants. Hashed at the fast cost unless the test asks otherwise. */
export async function createPerson(
  prisma: PrismaClient,
  {
    email = `person-${randomUUID()}@cymuned.example`,
    name = 'Person Prawf',
    password = 'cyfrinair-prawf-hir',
    language = 'en',
    grants = [],
    hashCost = fastHashCost,
  }: { email?: string; name?: string; password?: string; language?: 'cy' | 'en'; grants?: TestGrant[]; hashCost?: HashCost } = {},
): Promise<TestPerson> {
  const person = await prisma.person.create({
    data: {
      email: email.toLowerCase(),
      name,
      language,
      passwordHash: await hashPassword(password, hashCost),
      emailConfirmedAt: new Date(),
      roleGrants: {
        create: grants.map((grant) => ({
          role: grant.role,
          organisationId: grant.organisationId ?? null,
          programme: grant.programme ?? null,
          delegatedLimitPence: grant.delegatedLimitPence ?? null,
          revokedAt: grant.revokedAt ?? null,
        })),
      },
    },
  });
  return { id: person.id, email: person.email, password };
}

export interface WebSession {
  /** The session cookie's value. */
  token: string;
  /** `cymuned_session=…`, for a Cookie header. */
  cookie: string;
  csrfToken: string;
}

/** The value a response sets for a cookie, or undefined when it sets none. */
export function setCookie(response: Response, name: string): { value: string; attributes: string[] } | undefined {
  for (const header of response.headers.getSetCookie()) {
    const [pair = '', ...attributes] = header.split(';').map((part) => part.trim());
    const separator = pair.indexOf('=');
    if (pair.slice(0, separator) === name) return { value: decodeURIComponent(pair.slice(separator + 1)), attributes };
  }
  return undefined;
}

/** Signs in over HTTP as a browser would; throws unless it worked. */
export async function signInOverHttp(baseUrl: string, { email, password }: { email: string; password: string }): Promise<WebSession> {
  const response = await fetch(`${baseUrl}/api/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (response.status !== 200) throw new Error(`Sign-in as ${email} answered ${response.status}: ${await response.text()}`);
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  const token = setCookie(response, sessionCookieName)?.value;
  if (!token) throw new Error('Sign-in set no session cookie');
  return { token, cookie: `${sessionCookieName}=${token}`, csrfToken };
}

/** Headers for a request made with a web session, CSRF token included. */
export function sessionHeaders(session: WebSession): Record<string, string> {
  return { cookie: session.cookie, 'x-csrf-token': session.csrfToken };
}

/** A bearer token for the person, as POST /api/tokens would make it. */
export async function mintApiToken(
  prisma: PrismaClient,
  personId: string,
  { name = 'test client', expiresAt }: { name?: string; expiresAt?: Date } = {},
): Promise<string> {
  const created = await createApiToken({ prisma, personId, input: { name, expiresAt: expiresAt?.toISOString() }, now: new Date(), maxLifetimeDays: 90 });
  return created.token;
}
