import { z } from 'zod';
import type { PrismaClient } from '../../db/prisma.js';
import { AppError } from '../../domain/app-error.js';
import { pence, reason } from '../../domain/input-schemas.js';
import { plainText } from '../../domain/text.js';
import * as c from '../../workflows/claim.messages.js';
import { commandsWith } from '../case-commands/case-command.js';

// Every command on a claim: the policy action that guards it, what the API accepts for it, and how the
// accepted input becomes the claim workflow's Update arguments.

export interface ClaimCommandContext {
  prisma: PrismaClient;
  /** The application reference the award was made on. */
  awardReference: string;
  now: Date;
}

const command = commandsWith<ClaimCommandContext>();

const lineNumber = z.number().int().min(1).max(50);

export const claimCommands = {
  verify: command({
    action: 'claim.verify',
    update: c.verifyClaim,
    input: z.strictObject({
      findings: z
        .array(
          z.strictObject({
            lineNumber,
            decision: z.enum(['approve', 'part', 'reject']),
            approvedPence: pence,
            note: plainText(2000).nullable().default(null),
          }),
        )
        .min(1)
        .max(50),
    }),
    prepare: (input) => input,
  }),
  requestEvidence: command({
    action: 'claim.verify',
    update: c.requestEvidence,
    input: z.strictObject({ lineNumbers: z.array(lineNumber).min(1).max(50), message: reason }),
    prepare: (input) => input,
  }),
  provideEvidence: command({
    action: 'claim.evidence',
    update: c.provideEvidence,
    input: z.strictObject({ lineNumber, evidenceFileIds: z.array(z.uuid()).min(1).max(20) }),
    // Evidence is uploaded for an award first: a claim may name only files uploaded for its own award.
    prepare: async (input, { prisma, awardReference }) => {
      const ids = input.evidenceFileIds;
      if ((await prisma.evidenceFile.count({ where: { id: { in: ids }, awardReference } })) !== new Set(ids).size) {
        throw new AppError('invalid_input', {
          cy: 'Nid yw pob ffeil dystiolaeth wedi ei llwytho i fyny ar gyfer y dyfarniad hwn',
          en: 'Not every evidence file was uploaded for this award',
        });
      }
      return input;
    },
  }),
  approvePayment: command({ action: 'claim.approve', update: c.approvePayment, input: z.strictObject({}), prepare: () => ({}) }),
  reject: command({ action: 'claim.verify', update: c.rejectClaim, input: z.strictObject({ reason }), prepare: (input) => input }),
};

export type ClaimCommandName = keyof typeof claimCommands;
