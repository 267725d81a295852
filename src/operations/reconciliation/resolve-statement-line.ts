import { z } from 'zod';
import type { Actor } from '../../access/actor.js';
import { enforce } from '../../access/policy.js';
import { appendAuditRecord } from '../../audit/append-audit-record.js';
import { systemStream } from '../../audit/audit-stream.js';
import type { PrismaClient } from '../../db/prisma.js';
import { AppError } from '../../domain/app-error.js';
import { formatPounds } from '../../domain/money.js';
import { currentRequestId } from '../../primitives/request-context.js';
import { confirmPayments, isPayable } from '../../finance/reconciliation/confirm-payments.js';
import { checkedStatementId, statementLineView, type StatementLineView } from '../../finance/reconciliation/statement-view.js';
import { message } from '../../domain/validation-messages.js';

export const resolveStatementLineInput = z
  .strictObject({
    note: z
      .string()
      .trim()
      .min(1)
      .max(2_000)
      .regex(/^[\s\P{Cc}]*$/u, message('noControlText'))
      .meta({ description: 'What was found and done, for whoever reads the statement next' }),
    paymentInstructionId: z
      .string()
      .regex(/^PAY-[\x21-\x7e]{1,196}$/, message('paymentInstructionId'))
      .optional()
      .meta({
        description: 'The payment instruction the line really belongs to (PAY-<claim id>), when the bank mangled the reference',
        example: 'PAY-CFP-2026-000123/C1',
      }),
    confirmPayment: z.boolean().default(false).meta({
      description:
        'Also confirm that instruction as paid (with its ledger entry), as a match at import would: only when the line’s amount is the instruction’s and the instruction is still instructed or in a run',
    }),
  })
  .refine((input) => !input.confirmPayment || input.paymentInstructionId !== undefined, {
    message: message('confirmPaymentNeedsInstruction'),
    path: ['confirmPayment'],
  });

export type ResolveStatementLineInput = z.output<typeof resolveStatementLineInput>;

export interface ResolvedStatementLine {
  statementId: string;
  line: StatementLineView;
  /** Whether resolving it confirmed the linked payment instruction. */
  paymentConfirmed: boolean;
}

const resolvable = ['partial', 'unmatched', 'duplicate'];

function refuse(cy: string, en: string): AppError {
  return new AppError('conflict', { cy, en });
}

/**
 * A finance officer settles a line the importer could not: partial, unmatched or duplicate. The line is
 * marked resolved with their note, who they are and when, optionally linked to the instruction it belongs
 * to and, when asked and the amounts agree, that instruction is confirmed. Matched lines were reconciled at
 * import; a resolved line stays resolved (a correction is a note elsewhere, not a second resolution).
 */
export async function resolveStatementLine({
  prisma,
  actor,
  statementId,
  lineNumber,
  input,
  now,
}: {
  prisma: PrismaClient;
  actor: Actor | undefined;
  statementId: string;
  lineNumber: number;
  input: ResolveStatementLineInput;
  now: Date;
}): Promise<ResolvedStatementLine> {
  const actingAs = enforce(actor, 'finance.reconcile');
  if (!actor || !actingAs) throw new Error('finance.reconcile is allowed only to finance staff');
  const id = checkedStatementId(statementId);

  return prisma.$transaction(async (tx) => {
    // Locked, so two officers resolving the same line cannot both succeed.
    const locked = await tx.$queryRaw<{ match_status: string }[]>`
      SELECT match_status FROM statement_line WHERE statement_id = ${id}::uuid AND line_number = ${lineNumber} FOR UPDATE`;
    const line = locked.length ? await tx.statementLine.findUnique({ where: { statementId_lineNumber: { statementId: id, lineNumber } } }) : null;
    if (!line)
      throw new AppError('not_found', {
        cy: `Nid oes llinell ${lineNumber} yn natganiad ${statementId}`,
        en: `Statement ${statementId} has no line ${lineNumber}`,
      });
    if (line.matchStatus === 'matched') {
      throw refuse(
        'Cysonwyd y llinell hon pan fewnforiwyd y datganiad: nid oes dim i’w ddatrys',
        'This line was reconciled when the statement was imported: there is nothing to resolve',
      );
    }
    if (!resolvable.includes(line.matchStatus)) {
      const when = line.reconciledAt?.toISOString().slice(0, 10) ?? '';
      throw refuse(`Datryswyd y llinell hon eisoes (${when})`, `This line was already resolved (${when})`);
    }

    let instruction = null;
    if (input.paymentInstructionId !== undefined) {
      const found = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM payment_instruction WHERE id = ${input.paymentInstructionId} FOR UPDATE`;
      instruction = found.length ? await tx.paymentInstruction.findUnique({ where: { id: input.paymentInstructionId } }) : null;
      if (!instruction) {
        throw new AppError('invalid_input', {
          cy: `Nid oes cyfarwyddyd talu ${input.paymentInstructionId}`,
          en: `There is no payment instruction ${input.paymentInstructionId}`,
        });
      }
    }

    let paymentConfirmed = false;
    if (input.confirmPayment && instruction) {
      if (instruction.amountPence !== line.amountPence) {
        throw refuse(
          `Mae’r llinell yn ${formatPounds(line.amountPence)} ond mae’r cyfarwyddyd yn ${formatPounds(instruction.amountPence)}: ni ellir ei gadarnhau fel y’i talwyd`,
          `The line is ${formatPounds(line.amountPence)} but the instruction is ${formatPounds(instruction.amountPence)}: it cannot be confirmed as paid`,
        );
      }
      if (!isPayable(instruction.status)) {
        throw refuse(
          `Mae cyfarwyddyd ${instruction.id} yn ${instruction.status}: dim ond taliadau sydd heb eu cadarnhau eto y gellir eu cadarnhau`,
          `Instruction ${instruction.id} is ${instruction.status}: only payments not yet confirmed can be confirmed`,
        );
      }
      await confirmPayments(tx, [{ instruction, valueDate: line.valueDate, seenAt: `Statement ${id} line ${lineNumber}, resolved: ${input.note}` }], {
        actorId: actor.personId,
        now,
      });
      paymentConfirmed = true;
    }

    const resolved = await tx.statementLine.update({
      where: { statementId_lineNumber: { statementId: id, lineNumber } },
      data: {
        matchStatus: 'resolved',
        note: input.note,
        paymentInstructionId: instruction?.id ?? line.paymentInstructionId,
        reconciledById: actor.personId,
        reconciledAt: now,
      },
    });
    await appendAuditRecord(tx, {
      stream: systemStream,
      occurredAt: now,
      actor: { personId: actor.personId, role: actingAs.role, organisationId: actingAs.organisationId },
      requestId: currentRequestId(),
      command: 'finance.statement_line.resolve',
      summary: {
        cy: `Datryswyd llinell ${lineNumber} o ddatganiad banc${paymentConfirmed ? ' a chadarnhawyd y taliad' : ''}`,
        en: `Bank statement line ${lineNumber} resolved${paymentConfirmed ? ' and the payment confirmed' : ''}`,
      },
      changes: {
        statementId: id,
        lineNumber,
        matchStatus: { from: line.matchStatus, to: 'resolved' },
        note: input.note,
        paymentInstructionId: { from: line.paymentInstructionId, to: resolved.paymentInstructionId },
        paymentConfirmed,
      },
    });
    return { statementId: id, line: statementLineView(resolved), paymentConfirmed };
  });
}
