import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import { z } from 'zod';
import type { Actor } from '../../access/actor.js';
import type { PrismaClient } from '../../db/prisma.js';
import { AppError } from '../../domain/app-error.js';
import { pence } from '../../domain/input-schemas.js';
import { formatPounds } from '../../domain/money.js';
import { oneLineText } from '../../domain/text.js';
import { awardBalances } from '../../finance/ledger.js';
import type { CfpPolicyCatalogue } from '../../programmes/cfp-policy.js';
import { CLAIM_WORKFLOW, type ClaimStart } from '../../workflows/claim.messages.js';
import { keepReference, keptReference } from '../../db/command-reference.js';
import { currentCommandId } from '../../primitives/request-context.js';
import { findAwardFor } from '../awards/find-award.js';

export const submitClaimInput = z.strictObject({
  /** 'final' is the completion claim: it releases the retention held and starts monitoring. */
  kind: z.enum(['stage', 'final']),
  lines: z
    .array(
      z.strictObject({
        description: oneLineText(500),
        supplier: oneLineText(200),
        invoiceNumber: oneLineText(100),
        invoiceDate: z.iso.date(),
        amountPence: pence.min(1),
        evidenceFileIds: z.array(z.uuid()).max(20),
      }),
    )
    .min(1)
    .max(50),
});

const openStatuses = ['submitted', 'evidence_requested', 'verified', 'approved'];

/**
 * The group's lead claims eligible spend against a committed award. A claim cannot ask for more than the
 * award has left (less what open claims already ask for); nothing can be claimed after the final claim.
 * Starts the claim's workflow and answers at once; the claim shows in the award once recorded.
 */
export async function submitClaim({
  prisma,
  temporal,
  taskQueue,
  policies,
  actor,
  reference,
  input,
  now,
}: {
  prisma: PrismaClient;
  temporal: Client;
  taskQueue: string;
  policies: CfpPolicyCatalogue;
  actor: Actor | undefined;
  reference: string;
  input: z.infer<typeof submitClaimInput>;
  now: Date;
}) {
  const { award, application, actingAs } = await findAwardFor({ prisma, actor, reference, action: 'claim.submit' });
  if (!actor || !actingAs) throw new Error('claim.submit is allowed only to a member of the group');
  if (actingAs.role !== 'applicant_lead') throw new AppError('forbidden', { cy: 'Dim ond arweinydd y grŵp all hawlio', en: 'Only the group’s lead can claim' });
  const policy = policies.forCase(reference, application.policyVersion);

  // A retry of a request whose first try was given a claim number carries on with it: the checks passed then.
  const commandId = currentCommandId();
  const kept = await keptReference(prisma, commandId);
  const number = kept ? Number(kept.split('/C').at(-1)) : await checkedNextNumber(prisma, { reference, completedAt: award.completedAt }, input);
  const claimId = await keepReference(prisma, commandId, `${reference}/C${number}`);
  const start: ClaimStart = {
    claimId,
    awardReference: reference,
    organisationId: award.organisationId,
    programme: application.programme,
    financialYear: award.financialYear ?? 0,
    number,
    kind: input.kind,
    lines: input.lines,
    retentionPercent: policy.awards.retentionPercent,
    monitoring: { version: policy.version, awards: { monitoring: policy.awards.monitoring } },
    submittedBy: { personId: actor.personId, role: actingAs.role, organisationId: actingAs.organisationId, delegatedLimitPence: null },
    at: now.toISOString(),
  };
  try {
    await temporal.workflow.start(CLAIM_WORKFLOW, { workflowId: claimId, taskQueue, args: [start] });
  } catch (error) {
    // The claim this very request made on an earlier try: the answer is the same.
    if (error instanceof WorkflowExecutionAlreadyStartedError && commandId) return { claimId, number, status: 'submitted' as const };
    if (error instanceof WorkflowExecutionAlreadyStartedError) {
      throw new AppError('conflict', {
        cy: 'Anfonwyd hawliad arall ar yr un pryd; rhowch gynnig arall arni',
        en: 'Another claim was sent at the same moment; try again',
      });
    }
    throw error;
  }
  return { claimId, number, status: 'submitted' as const };
}

/** The next claim's number, once the award is shown to have room for it (the checks of submitClaim). */
async function checkedNextNumber(
  prisma: PrismaClient,
  award: { reference: string; completedAt: Date | null },
  input: z.infer<typeof submitClaimInput>,
): Promise<number> {
  const { reference } = award;
  const balances = await awardBalances(prisma, reference);
  if (balances.committed === 0n)
    throw new AppError('conflict', {
      cy: 'Nid yw’r arian ar gyfer y dyfarniad hwn wedi ei ymrwymo eto',
      en: 'The money for this award has not been committed yet',
    });
  const claims = await prisma.claim.findMany({
    where: { awardReference: reference },
    select: { number: true, kind: true, status: true, requestedPence: true },
  });
  if (award.completedAt || claims.some((claim) => claim.kind === 'final' && claim.status !== 'rejected')) {
    throw new AppError('conflict', { cy: 'Mae’r hawliad terfynol eisoes wedi ei wneud', en: 'The final claim has already been made' });
  }
  const open = claims.filter((claim) => openStatuses.includes(claim.status));
  if (input.kind === 'final' && open.length > 0) {
    throw new AppError('conflict', {
      cy: 'Arhoswch i’r hawliadau agored gael eu talu cyn yr hawliad terfynol',
      en: 'Wait for the open claims to be paid before the final claim',
    });
  }
  const requested = input.lines.reduce((sum, line) => sum + BigInt(line.amountPence), 0n);
  const left = balances.remaining - open.reduce((sum, claim) => sum + claim.requestedPence, 0n);
  if (requested > left) {
    throw new AppError('conflict', {
      cy: `Mae’r hawliad yn fwy na’r hyn sydd ar ôl o’r dyfarniad (${formatPounds(left)})`,
      en: `The claim is more than the award has left (${formatPounds(left)})`,
    });
  }
  const evidence = [...new Set(input.lines.flatMap((line) => line.evidenceFileIds))];
  if (evidence.length > 0 && (await prisma.evidenceFile.count({ where: { id: { in: evidence }, awardReference: reference } })) !== evidence.length) {
    throw new AppError('invalid_input', {
      cy: 'Nid yw pob ffeil dystiolaeth wedi ei llwytho i fyny ar gyfer y dyfarniad hwn',
      en: 'Not every evidence file was uploaded for this award',
    });
  }
  return Math.max(0, ...claims.map((claim) => claim.number)) + 1;
}
