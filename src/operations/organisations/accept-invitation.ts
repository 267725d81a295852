import { z } from 'zod';
import type { Actor } from '../../access/actor.js';
import { enforce } from '../../access/policy.js';
import type { PrismaClient } from '../../db/prisma.js';
import { AppError } from '../../domain/app-error.js';
import { findInvitation, invitationState } from './find-invitation.js';
import { auditOrganisationChange } from './organisation-audit.js';

export const acceptInvitationInput = z
  .strictObject({ token: z.string().max(100).meta({ description: 'The token at the end of the mailed link' }) })
  .meta({ id: 'InvitationAcceptance' });

export interface InvitationAccepted {
  organisationId: string;
  role: 'applicant_member' | 'adviser';
  grantId: string;
}

const unusable = {
  missing: {
    cy: 'Nid yw’r ddolen wahodd hon yn gweithio. Gofynnwch i arweinydd y grŵp am wahoddiad newydd.',
    en: 'This invitation link does not work. Ask the group’s lead for a new invitation.',
  },
  accepted: {
    cy: 'Mae’r gwahoddiad hwn eisoes wedi’i dderbyn: dim ond unwaith y mae’r ddolen yn gweithio.',
    en: 'This invitation has already been accepted: the link works only once.',
  },
  withdrawn: { cy: 'Mae arweinydd y grŵp wedi tynnu’r gwahoddiad hwn yn ôl.', en: 'The group’s lead has withdrawn this invitation.' },
  expired: {
    cy: 'Mae’r gwahoddiad hwn wedi dod i ben. Gofynnwch i arweinydd y grŵp am un newydd.',
    en: 'This invitation has expired. Ask the group’s lead for a new one.',
  },
} as const;

/** Why an invitation cannot be accepted, in both languages, or null when it can. */
export function unusableInvitation(state: 'pending' | keyof typeof unusable | null) {
  if (state === 'pending') return null;
  return unusable[state ?? 'missing'];
}

/**
 * The person the invitation was mailed to accepts it, signed in with that very address: they are granted
 * the role (a member of the group, or an adviser of their advice body to it), once. The invitation is
 * marked used in the same statement that checks it is still pending, so two tabs cannot both accept it.
 */
export async function acceptInvitation({
  prisma,
  actor,
  token,
  now,
}: {
  prisma: PrismaClient;
  actor: Actor | undefined;
  token: string;
  now: Date;
}): Promise<InvitationAccepted> {
  enforce(actor, 'invitation.accept');
  if (!actor) throw new Error('invitation.accept needs a signed-in person');
  const invitation = await findInvitation({ prisma, token, now });
  const refusal = unusableInvitation(invitation?.state ?? null);
  if (!invitation || refusal) throw new AppError(invitation ? 'conflict' : 'not_found', refusal ?? unusable.missing);
  if (invitation.email !== actor.email.toLowerCase()) {
    throw new AppError('forbidden', {
      cy: 'Anfonwyd y gwahoddiad hwn at gyfeiriad e-bost arall. Mewngofnodwch gyda’r cyfeiriad y cafodd ei anfon ato.',
      en: 'This invitation was sent to another email address. Sign in with the address it was sent to.',
    });
  }

  return prisma.$transaction(async (tx) => {
    const row = await tx.invitation.findUniqueOrThrow({ where: { id: invitation.id } });
    const { count } = await tx.invitation.updateMany({
      where: { id: invitation.id, acceptedAt: null, withdrawnAt: null, expiresAt: { gt: now } },
      data: { acceptedAt: now, acceptedById: actor.personId },
    });
    if (count !== 1) {
      const state = invitationState(row, now);
      throw new AppError('conflict', unusableInvitation(state === 'pending' ? 'accepted' : state) ?? unusable.accepted);
    }
    if (row.role === 'applicant_member') {
      const member = await tx.roleGrant.findFirst({
        where: { personId: actor.personId, organisationId: row.organisationId, revokedAt: null, role: { in: ['applicant_member', 'applicant_lead'] } },
      });
      if (member) throw new AppError('conflict', { cy: 'Rydych eisoes yn aelod o’r grŵp hwn', en: 'You are already a member of this group' });
    }
    // An adviser's grant is scoped to their advice body; the invitation, which holds it, is the group's link to them.
    const grant = await tx.roleGrant.create({
      data: {
        personId: actor.personId,
        role: row.role,
        organisationId: row.role === 'adviser' ? row.adviserOrganisationId : row.organisationId,
        grantedAt: now,
      },
    });
    await tx.invitation.update({ where: { id: row.id }, data: { grantId: grant.id } });
    await auditOrganisationChange(tx, {
      organisationId: row.organisationId,
      personId: actor.personId,
      role: null,
      at: now,
      command: 'organisation.invitation_accept',
      summary:
        row.role === 'adviser'
          ? { cy: 'Derbyniodd cynghorydd wahoddiad i gynghori’r grŵp', en: 'An adviser accepted an invitation to advise the group' }
          : { cy: 'Derbyniodd aelod newydd wahoddiad i ymuno â’r grŵp', en: 'A new member accepted an invitation to join the group' },
      changes: { invitationId: row.id, role: row.role, grantId: grant.id, adviserOrganisationId: row.adviserOrganisationId ?? undefined },
    });
    return { organisationId: row.organisationId, role: row.role === 'adviser' ? 'adviser' : 'applicant_member', grantId: grant.id };
  });
}
