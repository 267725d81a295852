import type { Client } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import { z } from 'zod';
import type { Actor } from '../../access/actor.js';
import type { Action } from '../../access/policy.js';
import type { PrismaClient } from '../../db/prisma.js';
import { AppError } from '../../domain/app-error.js';
import { plainText } from '../../domain/text.js';
import * as c from '../../workflows/claim.messages.js';
import { pence } from '../applications/answers.schema.js';
import { sendCommand } from '../send-command.js';
import { findAwardFor } from '../awards/find-award.js';

// Every command on a claim: who may send it (the policy action), what it takes, and its Update.

interface ClaimCommand {
  action: Action;
  update: { name: string };
  input: z.ZodType;
}

const reason = plainText(2000);

export const claimCommands = {
  verify: {
    action: 'claim.verify',
    update: c.verifyClaim,
    input: z.strictObject({
      findings: z
        .array(
          z.strictObject({
            lineNumber: z.number().int().min(1).max(50),
            decision: z.enum(['approve', 'part', 'reject']),
            approvedPence: pence,
            note: plainText(2000).nullable().default(null),
          }),
        )
        .min(1)
        .max(50),
    }),
  },
  requestEvidence: {
    action: 'claim.verify',
    update: c.requestEvidence,
    input: z.strictObject({ lineNumbers: z.array(z.number().int().min(1).max(50)).min(1).max(50), message: reason }),
  },
  provideEvidence: {
    action: 'claim.evidence',
    update: c.provideEvidence,
    input: z.strictObject({ lineNumber: z.number().int().min(1).max(50), evidenceFileIds: z.array(z.uuid()).min(1).max(20) }),
  },
  approvePayment: { action: 'claim.approve', update: c.approvePayment, input: z.strictObject({}) },
  reject: { action: 'claim.verify', update: c.rejectClaim, input: z.strictObject({ reason }) },
} satisfies Record<string, ClaimCommand>;

export type ClaimCommandName = keyof typeof claimCommands;

/** Sends one command to claim `number` of the award on `reference`; resolves once the workflow recorded it. */
export async function runClaimCommand({
  prisma,
  temporal,
  actor,
  reference,
  number,
  command,
  input,
  now,
}: {
  prisma: PrismaClient;
  temporal: Client;
  actor: Actor | undefined;
  reference: string;
  number: number;
  command: ClaimCommandName;
  input: unknown;
  now: Date;
}) {
  const definition: ClaimCommand = claimCommands[command];
  const parsed = definition.input.parse(input ?? {}) as Record<string, unknown>;
  const { actingAs } = await findAwardFor({ prisma, actor, reference, action: definition.action });
  if (!actor || !actingAs) throw new Error(`${definition.action} was allowed without a role`);
  const claimId = `${reference}/C${number}`;
  if (!(await prisma.claim.findUnique({ where: { id: claimId }, select: { id: true } }))) {
    throw new AppError('not_found', { cy: `Nid oes hawliad ${claimId}`, en: `There is no claim ${claimId}` });
  }
  if (command === 'provideEvidence') {
    const ids = (parsed as { evidenceFileIds: string[] }).evidenceFileIds;
    if ((await prisma.evidenceFile.count({ where: { id: { in: ids }, awardReference: reference } })) !== new Set(ids).size) {
      throw new AppError('invalid_input', {
        cy: 'Nid yw pob ffeil dystiolaeth wedi ei llwytho i fyny ar gyfer y dyfarniad hwn',
        en: 'Not every evidence file was uploaded for this award',
      });
    }
  }
  const sender = { personId: actor.personId, role: actingAs.role, organisationId: actingAs.organisationId, delegatedLimitPence: null };
  const update = definition.update as UpdateDefinition<c.ClaimCommandResult, [unknown]>;
  return sendCommand(
    temporal,
    ({ updateId }) => temporal.workflow.getHandle(claimId).executeUpdate(update, { updateId, args: [{ ...parsed, actor: sender, at: now.toISOString() }] }),
    {
      workflowId: claimId,
      closed: { cy: 'Mae’r hawliad hwn wedi cau', en: 'This claim is closed' },
    },
  );
}
