import type { Actor } from '../../access/actor.js';
import type { PrismaClient } from '../../db/prisma.js';
import { AppError } from '../../domain/app-error.js';
import { auditOrganisationChange } from './organisation-audit.js';
import { findOrganisationFor } from './organisation-lookup.js';

// What a group's lead does about who is in it: withdraw an invitation not yet used, remove a member, hand
// the lead to another member, withdraw an adviser's access. Each change and its audit record (who, when,
// what) commit together. A group always has a lead: the lead cannot remove themself, and handing over
// makes the new lead and the old lead a member in one transaction.

interface ManageOptions {
  prisma: PrismaClient;
  actor: Actor | undefined;
  organisationId: string;
  now: Date;
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

async function asLead({ prisma, actor, organisationId }: ManageOptions) {
  const found = await findOrganisationFor({ prisma, actor, organisationId, action: 'organisation.manage' });
  if (!actor || !found.actingAs) throw new Error('organisation.manage is allowed only to the group’s lead');
  return { ...found, actor, role: found.actingAs.role };
}

const noSuchMember = () => new AppError('not_found', { cy: 'Nid yw’r person hwn yn aelod o’r grŵp', en: 'This person is not a member of the group' });

export async function withdrawInvitation(options: ManageOptions & { invitationId: string }): Promise<{ invitationId: string; withdrawnAt: string }> {
  const lead = await asLead(options);
  const { prisma, now, invitationId } = options;
  const notPending = () => new AppError('not_found', { cy: 'Nid oes gwahoddiad o’r fath yn aros', en: 'There is no such pending invitation' });
  if (!uuidPattern.test(invitationId)) throw notPending();
  await prisma.$transaction(async (tx) => {
    const { count } = await tx.invitation.updateMany({
      where: { id: invitationId, organisationId: lead.organisationId, acceptedAt: null, withdrawnAt: null, expiresAt: { gt: now } },
      data: { withdrawnAt: now },
    });
    if (count !== 1) throw notPending();
    const invitation = await tx.invitation.findUniqueOrThrow({ where: { id: invitationId }, select: { email: true, role: true } });
    await auditOrganisationChange(tx, {
      organisationId: lead.organisationId,
      personId: lead.actor.personId,
      role: lead.role,
      at: now,
      command: 'organisation.invitation_withdraw',
      summary: { cy: 'Tynnodd arweinydd y grŵp wahoddiad yn ôl', en: 'The group’s lead withdrew an invitation' },
      changes: { invitationId, email: invitation.email, role: invitation.role },
    });
  });
  return { invitationId, withdrawnAt: now.toISOString() };
}

export async function removeMember(options: ManageOptions & { personId: string }): Promise<{ personId: string; revokedAt: string }> {
  const lead = await asLead(options);
  const { prisma, now, personId } = options;
  if (!uuidPattern.test(personId)) throw noSuchMember();
  if (personId.toLowerCase() === lead.actor.personId) {
    throw new AppError('conflict', {
      cy: 'Ni allwch dynnu eich hun o’r grŵp tra byddwch yn arweinydd arno: rhowch rôl yr arweinydd i aelod arall yn gyntaf',
      en: 'You cannot remove yourself from the group while you are its lead: hand the lead to another member first',
    });
  }
  await prisma.$transaction(async (tx) => {
    const grants = await tx.roleGrant.findMany({
      where: { personId, organisationId: lead.organisationId, revokedAt: null, role: { in: ['applicant_member', 'applicant_lead'] } },
      select: { id: true, role: true },
    });
    if (grants.length === 0) throw noSuchMember();
    // Another lead (a group may have been given two) is removed by handing over, not here.
    if (grants.some((grant) => grant.role === 'applicant_lead')) {
      throw new AppError('conflict', { cy: 'Ni ellir tynnu arweinydd o’r grŵp', en: 'A lead of the group cannot be removed' });
    }
    await tx.roleGrant.updateMany({ where: { id: { in: grants.map((grant) => grant.id) } }, data: { revokedAt: now } });
    await auditOrganisationChange(tx, {
      organisationId: lead.organisationId,
      personId: lead.actor.personId,
      role: lead.role,
      at: now,
      command: 'organisation.member_remove',
      summary: { cy: 'Tynnodd arweinydd y grŵp aelod o’r grŵp', en: 'The group’s lead removed a member from the group' },
      changes: { memberId: personId, revokedGrantIds: grants.map((grant) => grant.id) },
    });
  });
  return { personId, revokedAt: now.toISOString() };
}

export async function handOverLead(options: ManageOptions & { personId: string }): Promise<{ leadId: string; previousLeadId: string }> {
  const lead = await asLead(options);
  const { prisma, now, personId } = options;
  if (!uuidPattern.test(personId)) throw noSuchMember();
  if (personId.toLowerCase() === lead.actor.personId) {
    throw new AppError('conflict', { cy: 'Chi yw arweinydd y grŵp eisoes', en: 'You are already the group’s lead' });
  }
  await prisma.$transaction(async (tx) => {
    const member = await tx.roleGrant.findFirst({
      where: { personId, organisationId: lead.organisationId, revokedAt: null, role: 'applicant_member' },
      select: { id: true },
    });
    if (!member) throw noSuchMember();
    // Only the lead's own grant is let go, and only if it is still theirs: a second tab handing over at the
    // same moment finds nothing to hand over.
    const ownLead = await tx.roleGrant.findFirst({
      where: { personId: lead.actor.personId, organisationId: lead.organisationId, revokedAt: null, role: 'applicant_lead' },
      select: { id: true },
    });
    const { count } = ownLead ? await tx.roleGrant.updateMany({ where: { id: ownLead.id, revokedAt: null }, data: { revokedAt: now } }) : { count: 0 };
    if (count !== 1 || !ownLead) throw new AppError('conflict', { cy: 'Nid chi yw arweinydd y grŵp bellach', en: 'You are no longer the group’s lead' });
    await tx.roleGrant.update({ where: { id: member.id }, data: { revokedAt: now } });
    const newLead = await tx.roleGrant.create({ data: { personId, role: 'applicant_lead', organisationId: lead.organisationId, grantedAt: now } });
    const oldLeadAsMember = await tx.roleGrant.create({
      data: { personId: lead.actor.personId, role: 'applicant_member', organisationId: lead.organisationId, grantedAt: now },
    });
    await auditOrganisationChange(tx, {
      organisationId: lead.organisationId,
      personId: lead.actor.personId,
      role: lead.role,
      at: now,
      command: 'organisation.lead_hand_over',
      summary: {
        cy: 'Rhoddodd arweinydd y grŵp rôl yr arweinydd i aelod arall, ac mae’n aelod bellach',
        en: 'The group’s lead handed the lead to another member, and is now a member',
      },
      changes: {
        newLeadId: personId,
        previousLeadId: lead.actor.personId,
        revokedGrantIds: [ownLead.id, member.id],
        grantedIds: [newLead.id, oldLeadAsMember.id],
      },
    });
  });
  return { leadId: personId, previousLeadId: lead.actor.personId };
}

export async function withdrawAdviser(options: ManageOptions & { personId: string }): Promise<{ personId: string; revokedAt: string }> {
  const lead = await asLead(options);
  const { prisma, now, personId } = options;
  const noSuchAdviser = () => new AppError('not_found', { cy: 'Nid yw’r person hwn yn cynghori’r grŵp', en: 'This person is not advising the group' });
  if (!uuidPattern.test(personId)) throw noSuchAdviser();
  await prisma.$transaction(async (tx) => {
    // The adviser grants this group's invitations made: their access through other groups stays.
    const invitations = await tx.invitation.findMany({
      where: { organisationId: lead.organisationId, role: 'adviser', acceptedById: personId, grant: { revokedAt: null } },
      select: { id: true, grantId: true },
    });
    const grantIds = invitations.flatMap((invitation) => (invitation.grantId ? [invitation.grantId] : []));
    if (grantIds.length === 0) throw noSuchAdviser();
    await tx.roleGrant.updateMany({ where: { id: { in: grantIds }, revokedAt: null }, data: { revokedAt: now } });
    await auditOrganisationChange(tx, {
      organisationId: lead.organisationId,
      personId: lead.actor.personId,
      role: lead.role,
      at: now,
      command: 'organisation.adviser_withdraw',
      summary: { cy: 'Tynnodd arweinydd y grŵp fynediad cynghorydd yn ôl', en: 'The group’s lead withdrew an adviser’s access' },
      changes: { adviserId: personId, revokedGrantIds: grantIds, invitationIds: invitations.map((invitation) => invitation.id) },
    });
  });
  return { personId, revokedAt: now.toISOString() };
}
