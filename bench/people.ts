import type { PrismaClient } from '../src/db/prisma.js';
import { createApiToken } from '../src/auth/api-tokens.js';
import type { RoleName } from '../src/domain/roles.js';

// The people the bench acts as: group leads of groups of their own and programme staff, each with an API
// token minted as POST /api/tokens would (no password: they never sign in with one).

export interface BenchPerson {
  personId: string;
  /** The group they lead, for applicants. */
  organisationId: string | null;
  token: string;
}

async function person(prisma: PrismaClient, label: string, role: RoleName, organisationId: string | null): Promise<BenchPerson> {
  const created = await prisma.person.create({
    data: {
      email: `${label}@bench.cymuned.example`,
      name: `Bench ${label}`,
      language: 'en',
      roleGrants: { create: [{ role, organisationId }] },
    },
    select: { id: true },
  });
  const { token } = await createApiToken({ prisma, personId: created.id, input: { name: 'bench' }, now: new Date(), maxLifetimeDays: 90 });
  return { personId: created.id, organisationId, token };
}

/** `count` community groups, each with one lead. */
export async function groupLeads(prisma: PrismaClient, runId: string, label: string, count: number): Promise<BenchPerson[]> {
  const leads: BenchPerson[] = [];
  for (let i = 0; i < count; i++) {
    const organisation = await prisma.organisation.create({
      data: {
        name: `Grŵp Meincnod ${label} ${i + 1}`,
        kind: 'community_group',
        legalForm: 'charitable incorporated organisation',
        orgId: `360G-CYMUNED-BENCH-${runId}-${label}-${i + 1}`,
      },
      select: { id: true },
    });
    leads.push(await person(prisma, `${runId}-${label}-lead-${i + 1}`, 'applicant_lead', organisation.id));
  }
  return leads;
}

/** A member of programme staff (caseworker, …) across every programme. */
export function staff(prisma: PrismaClient, runId: string, label: string, role: RoleName): Promise<BenchPerson> {
  return person(prisma, `${runId}-${label}`, role, null);
}

/** An applicant lead of an existing group (the bulk-loaded groups of the reads benchmark). */
export function leadOf(prisma: PrismaClient, runId: string, label: string, organisationId: string): Promise<BenchPerson> {
  return person(prisma, `${runId}-${label}`, 'applicant_lead', organisationId);
}
