import type { UpdateDefinition } from '@temporalio/common';
import { z } from 'zod';
import type { Action } from '../../access/policy.js';
import type { PrismaClient } from '../../db/prisma.js';
import { AppError } from '../../domain/app-error.js';
import { deciders } from '../../domain/cat/process.js';
import { penceInput } from '../../domain/pence-input.js';
import { oneLineText, plainText } from '../../domain/text.js';
import * as m from '../../workflows/asset-transfer.messages.js';
import type { Command } from '../../workflows/case/case.messages.js';
import { message } from '../../domain/validation-messages.js';

// Every command a person can send to a community asset transfer: the policy action that guards it, what
// the API accepts for it, and how the accepted input becomes the workflow Update's arguments. Which stage
// a command fits, who in the body decides a gate and which documents a stage needs are the workflow's
// checks (the body's process is configuration the workflow holds); the shape of the input is checked here.

export interface TransferCommandContext {
  prisma: PrismaClient;
  transfer: { reference: string; organisationId: string; ownerOrganisationId: string };
  now: Date;
}

type Arguments<A extends Command> = Omit<A, keyof Command>;

export interface TransferCommand<S extends z.ZodType = z.ZodType, A extends Command = Command> {
  action: Action;
  update: UpdateDefinition<m.TransferCommandResult, [A]>;
  input: S;
  prepare(input: z.output<S>, context: TransferCommandContext): Arguments<A> | Promise<Arguments<A>>;
}

function command<S extends z.ZodType, A extends Command>(definition: TransferCommand<S, A>): TransferCommand<S, A> {
  return definition;
}

const reasons = plainText(2000);
/** Money in integer pence: never negative, never past the one safe maximum (src/domain/money.ts). */
const pence = penceInput();
const decider = z.enum(deciders).meta({ description: 'Who took the decision in the body; must be who the body’s process names for it' });
const documents = z
  .array(
    z.strictObject({
      kind: z
        .string()
        .regex(/^[a-z_]{1,40}$/, message('documentKind'))
        .meta({ example: 'governing_document' }),
      title: oneLineText(200),
    }),
  )
  .max(30)
  .default([])
  .meta({ description: 'The documents sent, by kind (as the body’s process names them) and title' });
const tenure = z
  .strictObject({
    kind: z.enum(['licence', 'lease', 'freehold']),
    termYears: z.number().int().min(1).max(999).nullable().default(null).meta({ description: 'A licence’s or lease’s term in years; null for the freehold' }),
  })
  .refine((value) => (value.kind === 'freehold') === (value.termYears === null), message('tenureTerm'));
/** A calendar date, YYYY-MM-DD, that exists. */
const calendarDate = z.iso.date();

export const transferCommands = {
  respondToEnquiry: command({
    action: 'transfer.casework',
    update: m.respondToEnquiry,
    input: z.strictObject({ outcome: z.enum(['invite', 'decline']), reasons }),
    prepare: (input) => input,
  }),
  submitExpressionOfInterest: command({
    action: 'transfer.apply',
    update: m.submitExpressionOfInterest,
    input: z.strictObject({ proposedUse: plainText(2000), communityBenefit: plainText(5000), documents }),
    prepare: (input) => input,
  }),
  submitBusinessPlan: command({
    action: 'transfer.apply',
    update: m.submitBusinessPlan,
    input: z.strictObject({ summary: plainText(5000), documents }),
    prepare: (input) => input,
  }),
  recordGateDecision: command({
    action: 'transfer.casework',
    update: m.recordGateDecision,
    input: z.strictObject({
      gate: z.enum(['initial_assessment', 'decision']),
      decidedBy: decider,
      outcome: z.enum(['proceed', 'decline']),
      reasons,
      minuteReference: oneLineText(200).nullable().default(null).meta({ description: 'The minute or decision record', example: 'Cabinet 2026-05-14 item 7' }),
    }),
    prepare: (input) => input,
  }),
  recordEvaluation: command({
    action: 'transfer.casework',
    update: m.recordEvaluation,
    input: z.strictObject({
      marketValuePence: pence.meta({ description: 'Market value, integer pence' }),
      valuer: oneLineText(200),
      considerationPence: pence.meta({ description: 'What the group pays, integer pence' }),
      tenure,
      repairingObligations: plainText(2000),
      wellBeingJustification: plainText(5000)
        .nullable()
        .default(null)
        .meta({ description: 'Why the undervalue promotes economic, social or environmental well-being; needed for any undervalue' }),
    }),
    prepare: (input) => input,
  }),
  recordMinistersConsent: command({
    action: 'transfer.casework',
    update: m.recordMinistersConsent,
    input: z.strictObject({ outcome: z.enum(['granted', 'refused']), consentReference: oneLineText(100), reasons }),
    prepare: (input) => input,
  }),
  agreeHeadsOfTerms: command({
    action: 'transfer.casework',
    update: m.agreeHeadsOfTerms,
    input: z.strictObject({
      decidedBy: decider,
      summary: plainText(5000),
      tenure: tenure.optional().meta({
        description:
          'The tenure agreed; left out, the one evaluated. Another is accepted only where the valuation allows it (no consent or justification the case lacks)',
      }),
    }),
    prepare: (input) => input,
  }),
  publishOpenSpaceNotice: command({
    action: 'transfer.casework',
    update: m.publishOpenSpaceNotice,
    input: z.strictObject({ publishedIn: oneLineText(500).meta({ description: 'Where the notice appeared (two consecutive weeks in a local newspaper)' }) }),
    prepare: (input) => input,
  }),
  recordObjection: command({
    action: 'transfer.casework',
    update: m.recordObjection,
    input: z.strictObject({ objector: oneLineText(200), summary: plainText(5000) }),
    prepare: (input) => input,
  }),
  considerObjections: command({
    action: 'transfer.casework',
    update: m.considerObjections,
    input: z.strictObject({ outcome: z.enum(['proceed', 'decline']), reasons }),
    prepare: (input) => input,
  }),
  completeTransfer: command({
    action: 'transfer.casework',
    update: m.completeTransfer,
    input: z.strictObject({
      decidedBy: decider,
      tenure: tenure.meta({ description: 'The tenure granted: the one the heads of terms agreed, unless a variation is given' }),
      completedOn: calendarDate.meta({ description: 'The date the lease or transfer was executed', example: '2026-09-30' }),
      variation: z
        .strictObject({
          agreedBy: decider.meta({ description: 'Who in the body agreed the change: the decider the body’s process names for heads of terms' }),
          reasons: plainText(2000),
        })
        .nullable()
        .default(null)
        .meta({ description: 'Only when the tenure granted differs from the heads of terms: the agreed variation, recorded with the completion' }),
    }),
    prepare: (input) => input,
  }),
  submitCommunityBenefitReport: command({
    action: 'transfer.apply',
    update: m.submitCommunityBenefitReport,
    input: z.strictObject({ summary: plainText(5000), peopleServed: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER), stillInCommunityUse: z.boolean() }),
    prepare: (input) => input,
  }),
  recordCommunityUseStopped: command({
    action: 'transfer.casework',
    update: m.recordCommunityUseStopped,
    input: z.strictObject({ reason: reasons }),
    prepare: (input) => input,
  }),
  withdrawTransfer: command({
    action: 'transfer.apply',
    update: m.withdrawTransfer,
    input: z.strictObject({ reason: reasons }),
    prepare: (input) => input,
  }),
  reassignTransferOfficer: command({
    action: 'transfer.casework',
    update: m.reassignTransferOfficer,
    input: z.strictObject({ caseOfficerId: z.uuid() }),
    prepare: async (input, { prisma, transfer }) => {
      const officer = await prisma.roleGrant.findFirst({
        where: { personId: input.caseOfficerId, role: 'asset_officer', organisationId: transfer.ownerOrganisationId, revokedAt: null },
        select: { id: true },
      });
      if (!officer) {
        throw new AppError('invalid_input', {
          cy: 'Nid yw’r person hwnnw’n swyddog asedau i’r corff sy’n berchen ar yr ased',
          en: 'That person is not an asset officer of the body that owns the asset',
        });
      }
      return input;
    },
  }),
  addTransferNote: command({
    action: 'transfer.casework',
    update: m.addTransferNote,
    input: z.strictObject({ text: plainText(5000) }),
    prepare: (input) => input,
  }),
};

export type TransferCommandName = keyof typeof transferCommands;
