import { z } from 'zod';
import { Prisma } from '../../../generated/prisma/client.js';
import type { Actor } from '../../access/actor.js';
import { enforce } from '../../access/policy.js';
import { appendAuditRecord } from '../../audit/append-audit-record.js';
import { systemStream } from '../../audit/audit-stream.js';
import type { PrismaClient } from '../../db/prisma.js';
import { AppError } from '../../domain/app-error.js';
import { currentRequestId } from '../../primitives/request-context.js';
import { confirmPayments, isPayable, type PaymentSeenOnStatement } from '../../finance/reconciliation/confirm-payments.js';
import { parseStatementCsv, type StatementCsvLine } from '../../finance/reconciliation/statement-csv.js';
import { statementView, type MatchStatus, type StatementView } from '../../finance/reconciliation/statement-view.js';
import { message } from '../../domain/validation-messages.js';

export const importStatementInput = z.strictObject({
  fileName: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .regex(/^[^\p{Cc}]*$/u, message('statementFileName'))
    .meta({ description: 'The name of the file the statement came in, for people to recognise it', example: 'natwest-2026-05.csv' }),
  csv: z.string().min(1).max(100_000).meta({
    description:
      'The statement as CSV with the header `date,reference,amount` (any order; other columns ignored). Dates YYYY-MM-DD or DD/MM/YYYY; amounts in pounds with two decimals, e.g. 1234.50.',
    example: 'date,reference,amount\n2026-05-14,CYM2026000123C1,12500.00\n',
  }),
});

export type ImportStatementInput = z.infer<typeof importStatementInput>;

function alreadyImported(existing: { fileName: string; importedAt: Date } | null): AppError {
  const when = existing ? existing.importedAt.toISOString().slice(0, 10) : null;
  return new AppError('conflict', {
    cy: existing ? `Mewnforiwyd y datganiad hwn eisoes (${existing.fileName}, ${when})` : 'Mewnforiwyd y datganiad hwn eisoes',
    en: existing ? `This statement was imported before (${existing.fileName}, ${when})` : 'This statement was imported before',
  });
}

function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';
}

interface DecidedLine extends StatementCsvLine {
  matchStatus: Exclude<MatchStatus, 'resolved'>;
  paymentInstructionId: string | null;
}

type InstructionRow = Awaited<ReturnType<PrismaClient['paymentInstruction']['findMany']>>[number];

/**
 * Each line against the payment instructions, in the order of the file: a line for an instruction already
 * confirmed (before, or by an earlier line here) is a duplicate whatever its amount; otherwise the same
 * amount on a payable instruction is a match, anything else with a known reference is partial.
 */
function matchLines(lines: readonly StatementCsvLine[], instructions: readonly InstructionRow[]): DecidedLine[] {
  const byReference = new Map(instructions.map((i) => [i.bankReference.toUpperCase(), i]));
  const confirmedHere = new Set<string>();
  return lines.map((line): DecidedLine => {
    const instruction = byReference.get(line.matchReference);
    if (!instruction) return { ...line, matchStatus: 'unmatched', paymentInstructionId: null };
    const found = { paymentInstructionId: instruction.id };
    if (instruction.status === 'confirmed' || confirmedHere.has(instruction.id)) return { ...line, ...found, matchStatus: 'duplicate' };
    if (line.amountPence === instruction.amountPence && isPayable(instruction.status)) {
      confirmedHere.add(instruction.id);
      return { ...line, ...found, matchStatus: 'matched' };
    }
    return { ...line, ...found, matchStatus: 'partial' };
  });
}

/**
 * Imports a bank or ledger statement and reconciles it with the payment instructions. Each matched line
 * confirms its instruction and writes its `payment_confirmed` ledger entry; the statement, its lines, the
 * confirmations and the audit record commit together or not at all. A statement whose content was imported
 * before is refused (409), so a payment is never confirmed twice from one statement; a payment seen again in
 * another statement is a duplicate line, which a finance officer resolves.
 */
export async function importStatement({
  prisma,
  actor,
  fileName,
  csv,
  now,
}: {
  prisma: PrismaClient;
  actor: Actor | undefined;
  fileName: string;
  csv: string;
  now: Date;
}): Promise<StatementView> {
  const actingAs = enforce(actor, 'finance.reconcile');
  if (!actor || !actingAs) throw new Error('finance.reconcile is allowed only to finance staff');
  const { lines, sha256 } = parseStatementCsv(csv);

  const before = await prisma.bankStatement.findUnique({ where: { sha256 }, select: { fileName: true, importedAt: true } });
  if (before) throw alreadyImported(before);

  let statementId: string;
  try {
    statementId = await prisma.$transaction(
      async (tx) => {
        // Inserted first: a second import of the same content waits here on the unique key, then fails.
        const statement = await tx.bankStatement.create({ data: { fileName, sha256, importedById: actor.personId, importedAt: now }, select: { id: true } });

        // The instructions the lines name, locked in a fixed order: an import or resolution at the same time
        // that names one of them waits, then sees it confirmed.
        const references = [...new Set(lines.map((l) => l.matchReference))];
        const locked = await tx.$queryRaw<{ id: string }[]>`
          SELECT id FROM payment_instruction WHERE upper(bank_reference) IN (${Prisma.join(references)}) ORDER BY id FOR UPDATE`;
        const instructions = locked.length ? await tx.paymentInstruction.findMany({ where: { id: { in: locked.map((r) => r.id) } } }) : [];
        const decided = matchLines(lines, instructions);

        const byId = new Map(instructions.map((i) => [i.id, i]));
        const payments: PaymentSeenOnStatement[] = decided
          .filter((line) => line.matchStatus === 'matched')
          .map((line) => {
            const instruction = byId.get(line.paymentInstructionId ?? '');
            if (!instruction) throw new Error(`line ${line.lineNumber} matched an instruction that was not loaded`);
            return { instruction, valueDate: new Date(`${line.valueDate}T00:00:00Z`), seenAt: `Statement ${fileName} line ${line.lineNumber}` };
          });
        await confirmPayments(tx, payments, { actorId: actor.personId, now });

        await tx.statementLine.createMany({
          data: decided.map((line) => ({
            statementId: statement.id,
            lineNumber: line.lineNumber,
            valueDate: new Date(`${line.valueDate}T00:00:00Z`),
            reference: line.reference,
            amountPence: line.amountPence,
            matchStatus: line.matchStatus,
            paymentInstructionId: line.paymentInstructionId,
            // A matched line needs nobody else: the importer reconciled it.
            ...(line.matchStatus === 'matched' ? { reconciledById: actor.personId, reconciledAt: now } : {}),
          })),
        });

        const counts = { matched: 0, partial: 0, unmatched: 0, duplicate: 0 };
        for (const line of decided) counts[line.matchStatus] += 1;
        await appendAuditRecord(tx, {
          stream: systemStream,
          occurredAt: now,
          actor: { personId: actor.personId, role: actingAs.role, organisationId: actingAs.organisationId },
          requestId: currentRequestId(),
          command: 'finance.statement.import',
          summary: {
            cy: `Mewnforiwyd datganiad ${fileName}: ${decided.length} llinell, ${counts.matched} wedi eu paru â thaliadau`,
            en: `Statement ${fileName} imported: ${decided.length} lines, ${counts.matched} matched to payments`,
          },
          changes: { statementId: statement.id, fileName, sha256, counts, confirmedInstructions: payments.map((p) => p.instruction.id) },
        });
        return statement.id;
      },
      // Constant in queries, whatever the number of lines; the lock waits are what can take time.
      { timeout: 30_000 },
    );
  } catch (error) {
    if (isUniqueViolation(error))
      throw alreadyImported(await prisma.bankStatement.findUnique({ where: { sha256 }, select: { fileName: true, importedAt: true } }));
    throw error;
  }

  const row = await prisma.bankStatement.findUniqueOrThrow({ where: { id: statementId }, include: { lines: true } });
  return statementView(row);
}
