import type { Actor } from '../../access/actor.js';
import { enforce, type Action } from '../../access/policy.js';
import type { PrismaClient } from '../../db/prisma.js';
import { AppError } from '../../domain/app-error.js';
import { caseReference } from '../../domain/text.js';

/**
 * The enquiry `reference` names, if `actor` may do `action` on it. A malformed reference, a missing
 * enquiry and another group's enquiry all look the same to anyone who may not see it: not found, in the same words.
 */
export async function findEnquiryFor({
  prisma,
  actor,
  reference,
  action,
}: {
  prisma: PrismaClient;
  actor: Actor | undefined;
  reference: string;
  action: Action;
}) {
  // Anything that is not an enquiry reference names no enquiry (and never reaches the database).
  const row = caseReference('ENQ').safeParse(reference).success ? await prisma.enquiry.findUnique({ where: { reference } }) : null;
  const notFound = () =>
    new AppError('not_found', { cy: `Nid oes ymholiad â'r cyfeirnod ${reference}`, en: `There is no enquiry with reference ${reference}` });
  if (!row) throw notFound();
  enforce(actor, action, { organisationId: row.organisationId }, { notFound });
  return row;
}
