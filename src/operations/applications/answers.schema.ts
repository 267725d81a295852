import { z } from 'zod';
import { answerFields } from '../../domain/cfp/answers.js';
import { pence } from '../../domain/input-schemas.js';
import { oneLineText, plainText } from '../../domain/text.js';
import { message } from '../../domain/validation-messages.js';

// What the API accepts as a group's answers. Drafts may leave anything out; the workflow checks that
// every answer is there when the group submits.

export const lsoaCode = z.string().regex(/^W01\d{6}$/, message('lsoaCode'));

const facility = z.strictObject({
  name: oneLineText(200),
  address: plainText(500),
  postcode: oneLineText(10),
  lsoaCode,
  inWales: z.boolean(),
});

const governance = z.strictObject({
  constitutionSignedOn: z.iso.date().nullable(),
  bankAccountInOwnName: z.boolean(),
  unrelatedSignatories: z.number().int().min(0).max(100),
  distributesProfit: z.boolean(),
  unrestrictedReservesPence: pence,
  hasReservesPolicy: z.boolean(),
  unrelatedBoardMembers: z.number().int().min(0).max(1000),
});

const tenure = z.strictObject({
  kind: z.enum(['freehold', 'leasehold', 'asset_transfer', 'none']),
  leaseYearsAfterCompletion: z.number().int().min(0).max(999).nullable(),
});

const eoiShape = {
  projectSummary: plainText(2000),
  facility,
  requestedPence: pence,
  totalCostPence: pence,
  governance,
  partners: z.array(oneLineText(200)).max(20),
  tenure,
};

const fullApplicationShape = {
  projectDescription: plainText(5000),
  communityNeed: plainText(5000),
  localUse: plainText(5000),
  deliveryPlan: plainText(5000),
  sustainability: plainText(5000),
  matchFunding: z.array(z.strictObject({ source: oneLineText(200), pence, secured: z.boolean(), inKind: z.boolean() })).max(20),
};

export const eoiDraft = z.strictObject(eoiShape).partial();
export const fullApplicationDraft = z.strictObject(fullApplicationShape).partial();
/** Answers given to a request for information: any of either form's questions (the workflow checks which were asked). */
export const reopenedAnswers = z.strictObject({ ...eoiShape, ...fullApplicationShape }).partial();
export const answerField = z.enum(answerFields as [string, ...string[]]);
