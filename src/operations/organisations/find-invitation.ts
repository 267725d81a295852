import { digestOf } from '../../auth/secrets.js';
import type { PrismaClient } from '../../db/prisma.js';

// An invitation as the person holding its link sees it, looked up by the SHA-256 of the token (the token
// itself is never stored), so a link that was never sent and one that was are told apart only by the hash.

export type InvitationState = 'pending' | 'accepted' | 'withdrawn' | 'expired';

export interface InvitationSeen {
  id: string;
  organisationId: string;
  organisationName: string;
  role: 'applicant_member' | 'adviser';
  adviserBodyName: string | null;
  email: string;
  state: InvitationState;
  expiresAt: Date;
  /** Who accepted it, once accepted. */
  acceptedById: string | null;
}

const tokenShape = /^[A-Za-z0-9_-]{43}$/;

/** The invitation `token` opens, or null when it opens none. */
export async function findInvitation({ prisma, token, now }: { prisma: PrismaClient; token: string; now: Date }): Promise<InvitationSeen | null> {
  if (!tokenShape.test(token)) return null;
  const row = await prisma.invitation.findUnique({
    where: { tokenHash: digestOf(token) },
    include: { organisation: { select: { name: true } } },
  });
  if (!row) return null;
  const adviserBody = row.adviserOrganisationId
    ? await prisma.organisation.findUnique({ where: { id: row.adviserOrganisationId }, select: { name: true } })
    : null;
  return {
    id: row.id,
    organisationId: row.organisationId,
    organisationName: row.organisation.name,
    role: row.role === 'adviser' ? 'adviser' : 'applicant_member',
    adviserBodyName: adviserBody?.name ?? null,
    email: row.email,
    state: invitationState(row, now),
    expiresAt: row.expiresAt,
    acceptedById: row.acceptedById,
  };
}

export function invitationState(row: { acceptedAt: Date | null; withdrawnAt: Date | null; expiresAt: Date }, now: Date): InvitationState {
  if (row.acceptedAt) return 'accepted';
  if (row.withdrawnAt) return 'withdrawn';
  return row.expiresAt.getTime() <= now.getTime() ? 'expired' : 'pending';
}
