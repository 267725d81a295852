import { z } from 'zod';
import type { Actor } from '../../access/actor.js';
import { appendAuditRecord } from '../../audit/append-audit-record.js';
import type { PrismaClient } from '../../db/prisma.js';
import { findAwardFor } from '../awards/find-award.js';
import { AppError } from '../../domain/app-error.js';
import { amountRepayable, breaches } from '../../domain/cfp/clawback.js';
import { durationMs } from '../../domain/duration.js';
import { formatPounds } from '../../domain/money.js';
import { plainText } from '../../domain/text.js';
import type { CfpPolicyCatalogue } from '../../programmes/cfp-policy.js';
import { currentRequestId } from '../../primitives/request-context.js';
import { lockAwardLedger } from '../../finance/award-ledger-lock.js';
import { awardBalances } from '../../finance/ledger.js';
import { breachText, recoveryIdOf, recoveryView, type RecoveryView } from '../../finance/clawback/recovery.js';
import { dateInWales } from '../../domain/wales-time.js';

export const recordBreachInput = z.strictObject({
  breach: z.enum(breaches).meta({ description: 'asset_sold, use_changed, or misrepresentation (all of the grant is then repayable, whatever the taper)' }),
  breachOn: z.iso.date().meta({
    description: 'The day the breach happened in Wales (the sale completed, the use changed); for misrepresentation, the day it came to light',
    example: '2029-03-15',
  }),
  evidence: plainText(10_000).meta({ description: 'What shows the breach: documents seen, where they are kept, who confirmed it' }),
});

export type RecordBreachInput = z.output<typeof recordBreachInput>;

const openStatuses = ['recorded', 'confirmed', 'invoiced'];

/**
 * A caseworker records that a group broke its grant's conditions. The amount repayable is worked out at
 * once by the award's policy version (src/domain/cfp/clawback.ts) from what the group holds: the payments
 * the bank has confirmed (money instructed but not yet paid out can still be stopped, so it is not asked
 * back) less what earlier recoveries on the award already asked for. One open recovery per award: a
 * second breach waits until the first is repaid or written off.
 */
export async function recordBreach({
  prisma,
  policies,
  actor,
  reference,
  input,
  now,
}: {
  prisma: PrismaClient;
  policies: CfpPolicyCatalogue;
  actor: Actor | undefined;
  reference: string;
  input: RecordBreachInput;
  now: Date;
}): Promise<RecoveryView> {
  const { award, application, actingAs } = await findAwardFor({ prisma, actor, reference, action: 'recovery.record' });
  if (!actor || !actingAs) throw new Error('recovery.record was allowed without a role');
  const policy = policies.forCase(reference, application.policyVersion);
  if (input.breachOn > dateInWales(now)) {
    throw new AppError('invalid_input', { cy: 'Ni all dyddiad torri’r amodau fod yn y dyfodol', en: 'The breach cannot be dated in the future' });
  }
  const breachAt = new Date(`${input.breachOn}T00:00:00Z`);

  return prisma.$transaction(async (tx) => {
    await lockAwardLedger(tx, reference);
    const earlier = await tx.recovery.findMany({ where: { awardReference: reference }, select: { id: true, status: true, amountPence: true } });
    const open = earlier.find((r) => openStatuses.includes(r.status));
    if (open) {
      throw new AppError('conflict', {
        cy: `Mae achos adennill ${open.id} ar y dyfarniad hwn yn dal ar agor: rhaid ei gwblhau cyn cofnodi un arall`,
        en: `Recovery ${open.id} on this award is still open: it must be settled before another breach is recorded`,
      });
    }
    const balances = await awardBalances(tx, reference);
    const alreadyAsked = earlier.reduce((total, r) => total + r.amountPence, 0n);
    const paidPence = balances.paymentsConfirmed - alreadyAsked;
    if (paidPence <= 0n) {
      throw new AppError('conflict', {
        cy: 'Nid oes dim o’r grant wedi ei dalu i’r grŵp (neu mae eisoes wedi ei adennill): nid oes dim i’w adennill',
        en: 'None of the grant has been paid to the group (or it has been recovered already): there is nothing to recover',
      });
    }
    const assessedPence = amountRepayable({
      breach: input.breach,
      paidPence,
      completedAt: award.completedAt,
      breachAt,
      monitoringPeriodMs: durationMs(policy.awards.monitoring.period),
      taper: policy.awards.clawbackTaper,
    });
    if (assessedPence === 0n) {
      // Only a breach after the monitoring period assesses nothing on money paid, so the award is complete.
      const ended = new Date((award.completedAt?.getTime() ?? 0) + durationMs(policy.awards.monitoring.period)).toISOString().slice(0, 10);
      throw new AppError('conflict', {
        cy: `Daeth y cyfnod monitro i ben ar ${ended}: nid oes dim i’w ad-dalu am dorri’r amodau ar ${input.breachOn}`,
        en: `The monitoring period ended on ${ended}: nothing is repayable for a breach on ${input.breachOn}`,
      });
    }

    const recovery = await tx.recovery.create({
      data: {
        id: recoveryIdOf(reference, earlier.length + 1),
        awardReference: reference,
        breach: input.breach,
        breachOn: breachAt,
        evidence: input.evidence,
        recordedById: actor.personId,
        recordedAt: now,
        paidPence,
        assessedPence,
        amountPence: assessedPence,
        status: 'recorded',
        updatedAt: now,
      },
    });
    const what = breachText[input.breach];
    await appendAuditRecord(tx, {
      stream: reference,
      occurredAt: now,
      actor: { personId: actor.personId, role: actingAs.role, organisationId: actingAs.organisationId },
      requestId: currentRequestId(),
      command: 'recovery.record',
      summary: {
        cy: `Cofnodwyd bod amodau’r grant wedi eu torri (${what.cy}): gall fod angen ad-dalu ${formatPounds(assessedPence)}`,
        en: `A breach of the grant’s conditions was recorded (${what.en}): ${formatPounds(assessedPence)} may have to be repaid`,
      },
      changes: {
        recoveryId: recovery.id,
        breach: input.breach,
        breachOn: input.breachOn,
        paidPence: Number(paidPence),
        assessedPence: Number(assessedPence),
        taper: policy.awards.clawbackTaper,
        monitoringPeriod: policy.awards.monitoring.period,
        status: { from: null, to: 'recorded' },
      },
    });
    return recoveryView(tx, recovery);
  });
}
