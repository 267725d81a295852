import type { Client } from '@temporalio/client';
import { z } from 'zod';
import type { Actor } from '../../access/actor.js';
import { organisationStream } from '../../audit/audit-stream.js';
import { digestOf, newSecret } from '../../auth/secrets.js';
import type { PrismaClient } from '../../db/prisma.js';
import { AppError } from '../../domain/app-error.js';
import type { Logger } from '../../log.js';
import { invitationMessage } from '../../notifications/invitation-message.js';
import { deliverNotices, queueNotice, type NoticeDelivery } from '../notices/deliver-notices.js';
import { auditOrganisationChange } from './organisation-audit.js';
import { findOrganisationFor } from './organisation-lookup.js';

export const inviteInput = z
  .strictObject({
    email: z
      .string()
      .trim()
      .toLowerCase()
      .max(320)
      .pipe(z.email())
      .meta({ description: 'Where the invitation is mailed; only an account with this address can accept it' }),
    role: z.enum(['applicant_member', 'adviser']).meta({ description: 'applicant_member: a member of the group; adviser: an adviser from an advice body' }),
    adviserOrganisationId: z.uuid().optional().meta({ description: 'Advisers only: the advice body (an organisation of kind adviser) they act for' }),
    language: z.enum(['cy', 'en']).meta({ description: 'The language of the mail' }),
  })
  .meta({ id: 'InvitationRequest' });

export interface InvitationSent {
  id: string;
  organisationId: string;
  email: string;
  role: 'applicant_member' | 'adviser';
  adviserOrganisationId: string | null;
  expiresAt: string;
  notice: NoticeDelivery;
}

/** The path of an invitation's link; the mail gives it after the service's public address. */
export const invitationPath = (token: string) => `/invitations/${token}`;

/**
 * The group's lead invites someone by email, as a member or as an adviser of an advice body. The mail, in
 * the language the lead chose, carries a random single-use link that expires after
 * INVITATION_LIFETIME_DAYS; only its SHA-256 is kept. Invitation, notice and audit record in one
 * transaction; the mail is sent after the commit by a workflow on the worker.
 */
export async function inviteToOrganisation({
  prisma,
  temporal,
  taskQueue,
  actor,
  organisationId,
  input,
  now,
  publicUrl,
  lifetimeDays,
  logger,
}: {
  prisma: PrismaClient;
  temporal: Client;
  taskQueue: string;
  actor: Actor | undefined;
  organisationId: string;
  input: z.infer<typeof inviteInput>;
  now: Date;
  publicUrl: string;
  lifetimeDays: number;
  logger?: Pick<Logger, 'error'>;
}): Promise<InvitationSent> {
  const found = await findOrganisationFor({ prisma, actor, organisationId, action: 'organisation.manage' });
  if (!actor || !found.actingAs) throw new Error('organisation.manage is allowed only to the group’s lead');
  const { actingAs } = found;

  let adviserBody: { id: string; name: string } | null = null;
  if (input.role === 'adviser') {
    if (!input.adviserOrganisationId) {
      throw new AppError('invalid_input', {
        cy: 'Dewiswch y corff cynghori y mae’r cynghorydd yn gweithio iddo',
        en: 'Choose the advice body the adviser works for',
      });
    }
    // The page passes what was chosen as it came: anything but an id is no advice body.
    const id = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(input.adviserOrganisationId) ? input.adviserOrganisationId : null;
    adviserBody = id ? await prisma.organisation.findFirst({ where: { id, kind: 'adviser' }, select: { id: true, name: true } }) : null;
    if (!adviserBody) throw new AppError('invalid_input', { cy: 'Nid yw hwnnw’n gorff cynghori', en: 'That is not an advice body' });
  }
  if (input.role === 'applicant_member') {
    const already = await prisma.roleGrant.findFirst({
      where: { organisationId: found.organisationId, revokedAt: null, role: { in: ['applicant_member', 'applicant_lead'] }, person: { email: input.email } },
      select: { id: true },
    });
    if (already) throw new AppError('conflict', { cy: 'Mae’r person hwn eisoes yn aelod o’r grŵp', en: 'This person is already a member of the group' });
  }

  const token = newSecret();
  const expiresAt = new Date(now.getTime() + lifetimeDays * 86_400_000);
  const inviter = actor.name;
  const invitation = await prisma.$transaction(async (tx) => {
    const created = await tx.invitation.create({
      data: {
        organisationId: found.organisationId,
        email: input.email,
        role: input.role,
        adviserOrganisationId: adviserBody?.id ?? null,
        language: input.language,
        tokenHash: digestOf(token),
        invitedById: actor.personId,
        createdAt: now,
        expiresAt,
      },
    });
    await queueNotice(tx, {
      id: invitationNoticeId(created.id),
      reference: organisationStream(found.organisationId),
      personId: null,
      email: input.email,
      language: input.language,
      ...invitationMessage(
        {
          organisationName: found.name,
          role: input.role,
          adviserBodyName: adviserBody?.name,
          invitedBy: inviter,
          link: `${publicUrl}${invitationPath(token)}`,
          expiresAt,
        },
        input.language,
      ),
    });
    await auditOrganisationChange(tx, {
      organisationId: found.organisationId,
      personId: actor.personId,
      role: actingAs.role,
      at: now,
      command: 'organisation.invite',
      summary:
        input.role === 'adviser'
          ? { cy: 'Gwahoddodd arweinydd y grŵp gynghorydd', en: 'The group’s lead invited an adviser' }
          : { cy: 'Gwahoddodd arweinydd y grŵp aelod newydd', en: 'The group’s lead invited a new member' },
      changes: { invitationId: created.id, email: input.email, role: input.role, adviserOrganisationId: adviserBody?.id, expiresAt: expiresAt.toISOString() },
    });
    return created;
  });

  const notice = await deliverNotices(
    { temporal, taskQueue, logger },
    {
      workflowId: `${invitationNoticeId(invitation.id)}/notices`,
      reference: organisationStream(found.organisationId),
      idPrefix: invitationNoticeId(invitation.id),
    },
  );
  return {
    id: invitation.id,
    organisationId: found.organisationId,
    email: invitation.email,
    role: input.role,
    adviserOrganisationId: invitation.adviserOrganisationId,
    expiresAt: expiresAt.toISOString(),
    notice,
  };
}

/** One notice per invitation, named after it. */
const invitationNoticeId = (invitationId: string) => `invitation:${invitationId}`;
