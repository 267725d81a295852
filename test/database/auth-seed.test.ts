import { describe, expect, it } from 'vitest';
import { loadActor } from '../../src/auth/load-actor.js';
import { signIn, signInInput } from '../../src/auth/sign-in.js';
import type { PrismaClient } from '../../src/db/prisma.js';
import { roles } from '../../src/domain/roles.js';
import { seedDevelopment, SeedRefusedError } from '../../src/seed/development.js';
import { useMigratedDatabase } from '../support/database.js';

let prisma: PrismaClient;
useMigratedDatabase((client) => (prisma = client));

const counts = async () => ({
  organisations: await prisma.organisation.count(),
  people: await prisma.person.count(),
  grants: await prisma.roleGrant.count(),
});

// In order: refusal on the empty database, the first seed, then the second.
describe('development seed data', () => {
  it('refuses to run in production and writes nothing', async () => {
    await expect(seedDevelopment(prisma, { nodeEnv: 'production' })).rejects.toThrow(SeedRefusedError);
    await expect(seedDevelopment(prisma, { nodeEnv: 'production' })).rejects.toThrow(/production/);
    expect(await counts()).toEqual({ organisations: 0, people: 0, grants: 0 });
  });

  it('creates the organisations and one sign-in per role, each of which works', async () => {
    const { created, logins } = await seedDevelopment(prisma, { nodeEnv: 'development' });
    expect(created).toBe(true);
    expect(new Set(logins.map((login) => login.role))).toEqual(new Set(roles));
    expect(await counts()).toEqual({ organisations: 6, people: logins.length, grants: logins.length });

    for (const login of logins) {
      const { personId } = await signIn({
        prisma,
        input: signInInput.parse({ email: login.email, password: login.password }),
        now: new Date(),
        address: '127.0.0.1',
        throttle: { freeFailures: 5, firstDelaySeconds: 2, maxDelaySeconds: 900 },
      });
      const actor = await loadActor(prisma, personId);
      expect(actor?.grants.map((grant) => grant.role)).toEqual([login.role]);
    }
    const stored = await prisma.person.findMany({ select: { passwordHash: true } });
    expect(stored.every((person) => person.passwordHash?.startsWith('$argon2id$'))).toBe(true);
  });

  it('identifies organisations as org-id.guide does', async () => {
    const orgIds = (await prisma.organisation.findMany({ select: { orgId: true } })).map((organisation) => organisation.orgId);
    expect(orgIds).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^GB-CHC-\d+$/),
        expect.stringMatching(/^GB-COH-\d{8}$/),
        expect.stringMatching(/^360G-CYMUNED-/),
        expect.stringMatching(/^GB-LAE-[A-Z]{3}$/),
      ]),
    );
    const charity = await prisma.organisation.findUniqueOrThrow({ where: { orgId: 'GB-CHC-1199001' } });
    expect(charity).toMatchObject({ kind: 'community_group', charityNumber: '1199001' });
  });

  it('has two approvers, one limited to £25,000, three caseworkers (one the others’ manager), and applicants in two groups', async () => {
    const grants = await prisma.roleGrant.findMany({ include: { person: true } });
    const approvers = grants.filter((grant) => grant.role === 'approver');
    expect(approvers.map((grant) => grant.delegatedLimitPence)).toEqual(expect.arrayContaining([2_500_000n]));
    expect(approvers).toHaveLength(2);
    const caseworkers = grants.filter((grant) => grant.role === 'caseworker');
    expect(caseworkers).toHaveLength(3);
    const managers = new Set(caseworkers.map((grant) => grant.person.managerId).filter((id) => id !== null));
    expect(managers.size).toBe(1);
    expect(caseworkers.map((grant) => grant.personId)).toEqual(expect.arrayContaining([...managers]));
    const leadGroups = new Set(grants.filter((grant) => grant.role === 'applicant_lead').map((grant) => grant.organisationId));
    expect(leadGroups.size).toBeGreaterThanOrEqual(2);
    expect(leadGroups.has(null)).toBe(false);
    const adviser = grants.find((grant) => grant.role === 'adviser');
    const adviserBody = await prisma.organisation.findUniqueOrThrow({ where: { id: adviser?.organisationId ?? '' } });
    expect(adviserBody.kind).toBe('adviser');
  });

  it('creates nothing the second time, and leaves changes made since alone', async () => {
    const before = await counts();
    const someone = await prisma.person.findFirstOrThrow({ orderBy: { email: 'asc' } });
    await prisma.person.update({ where: { id: someone.id }, data: { language: someone.language === 'cy' ? 'en' : 'cy' } });

    const again = await seedDevelopment(prisma, { nodeEnv: 'development' });
    expect(again.created).toBe(false);
    expect(again.logins.length).toBe(before.people);
    expect(await counts()).toEqual(before);
    expect((await prisma.person.findUniqueOrThrow({ where: { id: someone.id } })).language).not.toBe(someone.language);
  });
});
