import { z } from 'zod';
import type { Actor } from '../../access/actor.js';
import type { PrismaClient } from '../../db/prisma.js';
import { oneLineText, plainText } from '../../domain/text.js';
import { auditOrganisationChange } from './organisation-audit.js';
import { findOrganisationFor } from './organisation-lookup.js';

export const verificationRegisters = ['charity_commission', 'companies_house', 'fca_mutuals', 'none'] as const;

export const verifyOrganisationInput = z
  .strictObject({
    register: z.enum(verificationRegisters).meta({ description: 'The register checked; none for a group on no register (checked from its documents)' }),
    checkedReference: oneLineText(100).meta({ description: 'What was checked: the number on the register, or the document seen' }),
    note: plainText(2000).meta({ description: 'What the caseworker found' }),
  })
  .meta({ id: 'OrganisationVerification' });

export interface OrganisationVerification {
  organisationId: string;
  verifiedAt: string;
  verifiedById: string;
  register: (typeof verificationRegisters)[number];
  checkedReference: string;
  note: string;
}

/**
 * A caseworker (or an administrator) records that they checked the organisation against its register:
 * who, when, which register, what they checked and what they found. Its expressions of interest may then
 * be screened. Verifying again replaces the record; the audit trail keeps both.
 */
export async function verifyOrganisation({
  prisma,
  actor,
  organisationId,
  input,
  now,
}: {
  prisma: PrismaClient;
  actor: Actor | undefined;
  organisationId: string;
  input: z.infer<typeof verifyOrganisationInput>;
  now: Date;
}): Promise<OrganisationVerification> {
  const found = await findOrganisationFor({ prisma, actor, organisationId, action: 'organisation.verify' });
  if (!actor || !found.actingAs) throw new Error('organisation.verify is allowed only to staff roles');
  const { actingAs } = found;
  await prisma.$transaction(async (tx) => {
    const before = await tx.organisation.findUniqueOrThrow({ where: { id: found.organisationId }, select: { verifiedAt: true } });
    await tx.organisation.update({
      where: { id: found.organisationId },
      data: {
        verifiedAt: now,
        verifiedById: actor.personId,
        verificationRegister: input.register,
        verificationReference: input.checkedReference,
        verificationNote: input.note,
      },
    });
    await auditOrganisationChange(tx, {
      organisationId: found.organisationId,
      personId: actor.personId,
      role: actingAs.role,
      at: now,
      command: 'organisation.verify',
      summary: { cy: 'Gwiriodd gweithiwr achos y sefydliad yn erbyn ei gofrestr', en: 'A caseworker checked the organisation against its register' },
      changes: {
        register: input.register,
        checkedReference: input.checkedReference,
        note: input.note,
        previouslyVerifiedAt: before.verifiedAt?.toISOString() ?? null,
      },
    });
  });
  return {
    organisationId: found.organisationId,
    verifiedAt: now.toISOString(),
    verifiedById: actor.personId,
    register: input.register,
    checkedReference: input.checkedReference,
    note: input.note,
  };
}
