import type { Actor } from '../../access/actor.js';
import type { PrismaClient } from '../../db/prisma.js';
import { isOrganisationType, type OrganisationType } from '../../domain/organisation-types.js';
import { invitationState } from './find-invitation.js';
import { findOrganisationFor } from './organisation-lookup.js';

export interface OrganisationView {
  id: string;
  name: string;
  orgId: string;
  /** The legal form it registered as; null for one set up otherwise (the seed, an administrator). */
  type: OrganisationType | null;
  charityNumber: string | null;
  companyNumber: string | null;
  mutualsNumber: string | null;
  address: string | null;
  postcode: string | null;
  verification: { status: 'verified'; verifiedAt: string; register: string | null; checkedReference: string | null } | { status: 'unverified' };
  members: { personId: string; name: string; role: 'applicant_lead' | 'applicant_member'; since: string }[];
  advisers: { personId: string; name: string; adviserBodyName: string | null; since: string }[];
  pendingInvitations: { id: string; email: string; role: 'applicant_member' | 'adviser'; expiresAt: string }[];
  /** Whether the reader is its lead, and so may change who is in it. */
  readerIsLead: boolean;
}

/** An organisation, its members and advisers and its invitations still pending, for its members and caseworkers. */
export async function getOrganisation({
  prisma,
  actor,
  organisationId,
  now,
}: {
  prisma: PrismaClient;
  actor: Actor | undefined;
  organisationId: string;
  now: Date;
}): Promise<OrganisationView> {
  const found = await findOrganisationFor({ prisma, actor, organisationId, action: 'organisation.read' });
  const row = await prisma.organisation.findUniqueOrThrow({ where: { id: found.organisationId } });
  const grants = await prisma.roleGrant.findMany({
    where: { organisationId: row.id, revokedAt: null, role: { in: ['applicant_lead', 'applicant_member'] } },
    include: { person: { select: { id: true, name: true } } },
    orderBy: [{ role: 'desc' }, { grantedAt: 'asc' }],
  });
  const invitations = await prisma.invitation.findMany({
    where: { organisationId: row.id },
    include: { grant: { include: { person: { select: { id: true, name: true } } } } },
    orderBy: { createdAt: 'asc' },
  });
  const adviserBodyIds = [...new Set(invitations.flatMap((invitation) => (invitation.adviserOrganisationId ? [invitation.adviserOrganisationId] : [])))];
  const bodies = new Map(
    (await prisma.organisation.findMany({ where: { id: { in: adviserBodyIds } }, select: { id: true, name: true } })).map((body) => [body.id, body.name]),
  );
  const advisers = new Map<string, OrganisationView['advisers'][number]>();
  for (const invitation of invitations) {
    const grant = invitation.grant;
    if (invitation.role !== 'adviser' || !grant || grant.revokedAt) continue;
    advisers.set(grant.person.id, {
      personId: grant.person.id,
      name: grant.person.name,
      adviserBodyName: invitation.adviserOrganisationId ? (bodies.get(invitation.adviserOrganisationId) ?? null) : null,
      since: grant.grantedAt.toISOString(),
    });
  }
  // One line per person: a lead who is also listed as a member shows as the lead.
  const members = new Map<string, OrganisationView['members'][number]>();
  for (const grant of grants) {
    if (members.has(grant.person.id)) continue;
    members.set(grant.person.id, {
      personId: grant.person.id,
      name: grant.person.name,
      role: grant.role === 'applicant_lead' ? 'applicant_lead' : 'applicant_member',
      since: grant.grantedAt.toISOString(),
    });
  }
  return {
    id: row.id,
    name: row.name,
    orgId: row.orgId,
    type: isOrganisationType(row.legalForm) ? row.legalForm : null,
    charityNumber: row.charityNumber,
    companyNumber: row.companyNumber,
    mutualsNumber: row.mutualsNumber,
    address: row.address,
    postcode: row.postcode,
    verification: row.verifiedAt
      ? { status: 'verified', verifiedAt: row.verifiedAt.toISOString(), register: row.verificationRegister, checkedReference: row.verificationReference }
      : { status: 'unverified' },
    members: [...members.values()],
    advisers: [...advisers.values()],
    pendingInvitations: invitations
      .filter((invitation) => invitationState(invitation, now) === 'pending')
      .map((invitation) => ({
        id: invitation.id,
        email: invitation.email,
        role: invitation.role === 'adviser' ? 'adviser' : 'applicant_member',
        expiresAt: invitation.expiresAt.toISOString(),
      })),
    readerIsLead: actor?.grants.some((grant) => grant.role === 'applicant_lead' && grant.organisationId === row.id) ?? false,
  };
}

/** The advice bodies a lead may invite an adviser from. */
export function listAdviceBodies(prisma: PrismaClient): Promise<{ id: string; name: string }[]> {
  return prisma.organisation.findMany({ where: { kind: 'adviser' }, select: { id: true, name: true }, orderBy: { name: 'asc' } });
}
