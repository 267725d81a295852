import type { Actor } from '../../access/actor.js';
import type { PrismaClient } from '../../db/prisma.js';
import { AppError } from '../../domain/app-error.js';
import type { ClaimState, ClaimStatus } from '../../workflows/claim.messages.js';
import { findAwardFor } from '../awards/find-award.js';

/**
 * What a caseworker asked the group to add to claim `number` of the award on `reference`, from the read
 * model: the lines asked about (with what each claimed) and their message; null when nothing is asked.
 * Only someone who may add evidence to the award's claims (claim.evidence) is told.
 */
export async function getClaimEvidenceRequest({
  prisma,
  actor,
  reference,
  number,
}: {
  prisma: PrismaClient;
  actor: Actor | undefined;
  reference: string;
  number: number;
}) {
  await findAwardFor({ prisma, actor, reference, action: 'claim.evidence' });
  const claimId = `${reference}/C${number}`;
  const claim = Number.isSafeInteger(number) && number > 0 ? await prisma.claim.findUnique({ where: { id: claimId } }) : null;
  if (!claim) throw new AppError('not_found', { cy: `Nid oes hawliad ${claimId}`, en: `There is no claim ${claimId}` });
  const state = claim.snapshot as unknown as ClaimState;
  const request = claim.status === 'evidence_requested' ? state.evidenceRequest : null;
  return {
    claimId,
    number: claim.number,
    status: claim.status as ClaimStatus,
    request: request && {
      message: request.message,
      lines: request.lineNumbers.map((lineNumber) => {
        const line = state.lines[lineNumber - 1];
        return { lineNumber, description: line?.description ?? '', supplier: line?.supplier ?? '', amountPence: line?.amountPence ?? 0 };
      }),
    },
  };
}
