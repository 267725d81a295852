import { z } from 'zod';
import { holdBackReasons, type CreatedPaymentRun } from '../../operations/payments/create-payment-run.js';
import type { PaymentRunView } from '../../finance/payments/payment-run-view.js';
import { describes } from '../describes.js';

/** A new run takes everything waiting; there is nothing to choose. */
export const createPaymentRunInput = z.strictObject({}).meta({ description: 'Empty: a run takes every payment instruction waiting to be paid' });

/** The `:id` of a run. A malformed one is simply not found. */
export const paymentRunParams = z.object({
  id: z.string().meta({ description: 'The run’s id: RUN-YYYYMMDD-HHMMSS-<4 hex>, in UTC', example: 'RUN-20260601-090000-3fa9' }),
});

const instruction = z
  .object({
    id: z.string().meta({ description: 'PAY-<claim id>', example: 'PAY-CFP-2026-000001/C1' }),
    claimId: z.string(),
    awardReference: z.string(),
    organisationId: z.uuid(),
    organisationName: z.string().nullable(),
    amountPence: z.number().int(),
    bankReference: z.string().meta({ description: 'What the group’s statement shows, and what reconciliation matches on' }),
    status: z.string().meta({ description: 'As it stands now: in_run until a bank statement shows it paid (confirmed), or failed' }),
  })
  .meta({ id: 'PaymentRunInstruction' });

const run = {
  id: z.string(),
  createdById: z.uuid(),
  createdAt: z.iso.datetime({ offset: true }),
  instructionCount: z.number().int(),
  totalPence: z
    .string()
    .regex(/^\d+$/)
    .meta({ description: 'The payments added up: integer pence as a decimal string, exact however many there are', example: '123457' }),
  expectedPaymentDate: z.iso
    .date()
    .meta({ description: 'When the payments should reach the groups: the third working day of the Bacs cycle (bank holidays not counted)' }),
  instructions: z.array(instruction),
};

export const paymentRunResponse = describes<PaymentRunView>()(z.object(run).meta({ id: 'PaymentRun' }));

export const createdPaymentRunResponse = describes<CreatedPaymentRun>()(
  z
    .object({
      ...run,
      heldBack: z
        .array(
          z.object({
            id: z.string(),
            claimId: z.string(),
            awardReference: z.string(),
            organisationId: z.uuid(),
            organisationName: z.string().nullable(),
            amountPence: z.number().int(),
            reason: z.enum(holdBackReasons).meta({
              description:
                'bank_details_unverified: the group’s bank details changed (or were first given) and no finance officer other than the person who changed them has verified it yet',
            }),
            detail: z.object({ cy: z.string(), en: z.string() }).meta({ description: 'The reason, in Welsh and English' }),
          }),
        )
        .meta({
          description: 'Waiting instructions left out of this run and still instructed: the next run takes them once the group’s bank details are put right',
        }),
      remittances: z.object({
        queued: z.number().int().meta({ description: 'Remittance notices queued: one per payment per member of the group, in their language' }),
        delivery: z
          .enum(['started', 'not_started', 'nothing_to_send'])
          .meta({ description: 'not_started: Temporal could not be reached after the run was made, and the notices wait unsent in the outbox' }),
      }),
    })
    .meta({ id: 'CreatedPaymentRun' }),
);
