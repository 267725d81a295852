import { z } from 'zod';
import { breaches } from '../../domain/cfp/clawback.js';
import { recoveryStatuses, type RecoveryView } from '../../finance/clawback/recovery.js';
import { describes } from '../describes.js';

/** The `:reference` of the award a breach is recorded on. A wrong one is simply not found. */
export const breachAwardParams = z.object({
  reference: z.string().meta({ description: 'The application the award was made on', example: 'CFP-2026-000123' }),
});

/** The `:id` of a recovery. A malformed one is simply not found. */
export const recoveryParams = z.object({
  id: z.string().meta({ description: 'The recovery: the award’s reference, then R and its number on the award', example: 'CFP-2026-000123-R1' }),
});

export const recoveryResponse = describes<RecoveryView>()(
  z
    .object({
      id: z.string(),
      awardReference: z.string(),
      breach: z.enum(breaches),
      breachOn: z.iso.date(),
      evidence: z.string(),
      recordedById: z.uuid(),
      recordedAt: z.iso.datetime({ offset: true }),
      paidPence: z
        .number()
        .int()
        .meta({ description: 'What the group held when the breach was recorded: payments the bank confirmed, less earlier recoveries' }),
      assessedPence: z
        .number()
        .int()
        .meta({ description: 'What the policy’s rule made repayable (taper over the monitoring period, rounded up to the penny)' }),
      amountPence: z.number().int().meta({ description: 'What is to be repaid: the assessed amount, or less as confirmed by a finance approver' }),
      adjustmentReason: z.string().nullable(),
      status: z.enum(recoveryStatuses).meta({ description: 'recorded -> confirmed -> invoiced -> received, or written_off from invoiced' }),
      confirmedById: z.uuid().nullable(),
      confirmedAt: z.iso.datetime({ offset: true }).nullable(),
      reduction: z
        .object({
          proposedPence: z.number().int(),
          reason: z.string(),
          proposedById: z.uuid(),
          proposedAt: z.iso.datetime({ offset: true }),
          approvedById: z.uuid().nullable().meta({ description: 'Null while it waits for a second finance approver' }),
          approvedAt: z.iso.datetime({ offset: true }).nullable(),
        })
        .nullable()
        .meta({
          description:
            'A lowering by more than the policy’s share (`recoveryApproval`), which a second finance approver must agree to before the recovery is confirmed at it',
        }),
      invoiceNumber: z.string().nullable().meta({ example: 'INV-CYM-000001' }),
      receivedPence: z.number().int(),
      writtenOffPence: z.number().int(),
      outstandingPence: z.number().int().meta({ description: 'amountPence - receivedPence - writtenOffPence' }),
      receipts: z.array(z.object({ number: z.number().int(), amountPence: z.number().int(), receivedOn: z.iso.date(), note: z.string().nullable() })),
      updatedAt: z.iso.datetime({ offset: true }),
    })
    .meta({ id: 'Recovery' }),
);
