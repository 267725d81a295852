import type { Config } from '../config/index.js';
import type { PrismaClient } from '../db/prisma.js';
import type { RoleName } from '../domain/roles.js';
import { assertAcceptablePassword, hashPassword } from '../auth/passwords.js';
import { seedAssets, seedOrganisations, seedPeople, type OrganisationKey } from './development-data.js';

export interface SeededLogin {
  email: string;
  password: string;
  role: RoleName;
  /** The organisation's name. */
  organisation: string;
}

export interface SeedResult {
  /** False when everything was there already (the second and later starts). */
  created: boolean;
  logins: SeededLogin[];
}

export class SeedRefusedError extends Error {
  override name = 'SeedRefusedError';
}

/**
 * Adds the development organisations, people and register assets (src/seed/development-data.ts) that are missing, matched
 * by org-id and email; what is there already is left exactly as it is, including any changes made to it.
 */
export async function seedDevelopment(prisma: PrismaClient, { nodeEnv }: { nodeEnv: Config['NODE_ENV'] }): Promise<SeedResult> {
  if (nodeEnv === 'production') {
    throw new SeedRefusedError('Refusing to seed development people in production: their passwords are published in the source code');
  }
  let created = false;

  const organisations = new Map<OrganisationKey, { id: string; name: string }>();
  for (const { key, ...organisation } of seedOrganisations) {
    const existing = await prisma.organisation.findUnique({ where: { orgId: organisation.orgId }, select: { id: true, name: true } });
    if (existing) {
      organisations.set(key, existing);
      continue;
    }
    // upsert, not create: a second process seeding at the same moment must not fail the start.
    // Made-up organisations count as checked against their registers, so their cases can be screened.
    const verified = { verifiedAt: new Date(), verificationRegister: 'none', verificationNote: 'Development seed' };
    const row = await prisma.organisation.upsert({
      where: { orgId: organisation.orgId },
      create: { ...organisation, ...verified },
      update: {},
      select: { id: true, name: true },
    });
    organisations.set(key, row);
    created = true;
  }

  const logins: SeededLogin[] = [];
  for (const person of seedPeople) {
    const organisation = organisations.get(person.organisation);
    if (!organisation) throw new Error(`Seed person ${person.email} names unknown organisation ${person.organisation}`);
    logins.push({ email: person.email, password: person.password, role: person.role, organisation: organisation.name });
    if (await prisma.person.findUnique({ where: { email: person.email }, select: { id: true } })) continue;

    // Our own published examples keep our own rules.
    assertAcceptablePassword(person.password, person);
    const manager = person.manager ? await prisma.person.findUnique({ where: { email: person.manager }, select: { id: true } }) : null;
    if (person.manager && !manager) throw new Error(`Seed person ${person.email} names manager ${person.manager}, who must be listed before them`);
    await prisma.person.upsert({
      where: { email: person.email },
      update: {},
      create: {
        email: person.email,
        name: person.name,
        language: person.language,
        passwordHash: await hashPassword(person.password),
        // Made-up addresses nobody can read mail at: confirmed, so the examples can sign in.
        emailConfirmedAt: new Date(),
        ...(manager ? { managerId: manager.id } : {}),
        roleGrants: {
          create: {
            role: person.role,
            organisationId: person.scopedToOrganisation ? organisation.id : null,
            delegatedLimitPence: person.delegatedLimitPence ?? null,
          },
        },
      },
    });
    created = true;
  }

  for (const { owner, lsoaCode, ...asset } of seedAssets) {
    const organisation = organisations.get(owner);
    if (!organisation) throw new Error(`Seed asset ${asset.name} names unknown organisation ${owner}`);
    if (await prisma.asset.findUnique({ where: { id: asset.id }, select: { id: true } })) continue;
    const area = await prisma.wimdArea.findFirst({ where: { lsoaCode }, orderBy: { edition: 'desc' } });
    await prisma.asset.upsert({
      where: { id: asset.id },
      update: {},
      create: {
        ...asset,
        ownerOrganisationId: organisation.id,
        availability: 'offered',
        lsoaCode,
        localAuthorityCode: area?.localAuthorityCode ?? null,
        localAuthorityName: area?.localAuthorityName ?? null,
        wimdEdition: area?.edition ?? null,
        wimdRank: area?.rank ?? null,
        wimdDecile: area?.decile ?? null,
      },
    });
    created = true;
  }
  return { created, logins };
}
