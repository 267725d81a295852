import type { Actor } from '../../access/actor.js';
import type { PrismaClient } from '../../db/prisma.js';
import { AppError } from '../../domain/app-error.js';
import { renderOfferLetterHtml, renderOfferLetterPdf, type OfferLetter } from '../../offers/offer-letter.js';
import type { CfpApplicationState } from '../../workflows/cfp-application.messages.js';
import { findApplicationFor } from './find-application.js';

/** The bilingual offer letter of an application that has had an offer, as HTML or PDF. */
export async function getOfferLetter({
  prisma,
  actor,
  reference,
  format,
}: {
  prisma: PrismaClient;
  actor: Actor | undefined;
  reference: string;
  format: 'html' | 'pdf';
}) {
  const { application } = await findApplicationFor({ prisma, actor, reference, action: 'application.read' });
  const state = application.snapshot as unknown as CfpApplicationState;
  if (!state.offer) {
    throw new AppError('not_found', { cy: `Nid oes cynnig grant ar ${reference}`, en: `${reference} has no grant offer` });
  }
  const letter: OfferLetter = {
    reference,
    organisationName: state.organisation.name,
    projectTitle: state.projectTitle,
    amountPence: state.offer.amountPence,
    conditions: state.offer.conditions,
    offeredAt: state.offer.offeredAt,
    acceptBy: state.offer.acceptBy,
    policyVersion: state.policyVersion,
  };
  return format === 'pdf'
    ? { contentType: 'application/pdf', body: await renderOfferLetterPdf(letter) }
    : { contentType: 'text/html; charset=utf-8', body: renderOfferLetterHtml(letter) };
}
