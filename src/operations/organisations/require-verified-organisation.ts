import type { PrismaClient } from '../../db/prisma.js';
import { AppError } from '../../domain/app-error.js';

/**
 * Refuses (409) to go on with a case of an organisation no caseworker has verified against its register
 * (POST /api/organisations/:id/verification): public money is not offered to a body nobody has checked.
 */
export async function requireVerifiedOrganisation(prisma: PrismaClient, organisationId: string): Promise<void> {
  const organisation = await prisma.organisation.findUnique({ where: { id: organisationId }, select: { verifiedAt: true } });
  if (organisation?.verifiedAt) return;
  throw new AppError('conflict', {
    cy: 'Gwiriwch y sefydliad yn gyntaf: nid oes neb wedi gwirio’r sefydliad hwn yn erbyn ei gofrestr eto, felly ni ellir sgrinio ei fynegiant o ddiddordeb',
    en: 'Verify the organisation first: nobody has checked this organisation against its register yet, so its expression of interest cannot be screened',
  });
}
