import type { PrismaClient } from '../../db/prisma.js';
import { AppError } from '../../domain/app-error.js';

/**
 * matched: a payment instruction has the line's reference and amount (confirmed at import).
 * partial: an instruction has the reference, but the amount differs or the instruction had failed.
 * unmatched: no instruction has the reference.
 * duplicate: the instruction was already confirmed, by an earlier line of this or another statement.
 * resolved: a finance officer has dealt with a partial, unmatched or duplicate line, with a note.
 */
export const matchStatuses = ['matched', 'partial', 'unmatched', 'duplicate', 'resolved'] as const;
export type MatchStatus = (typeof matchStatuses)[number];

export interface StatementLineView {
  lineNumber: number;
  valueDate: string;
  reference: string;
  amountPence: number;
  matchStatus: MatchStatus;
  paymentInstructionId: string | null;
  /** Who reconciled the line: the importer for matched lines, the finance officer who resolved it otherwise. */
  reconciledById: string | null;
  reconciledAt: string | null;
  note: string | null;
}

export interface StatementView {
  id: string;
  fileName: string;
  sha256: string;
  importedById: string;
  importedAt: string;
  /** Lines per match status, every status present (0 when none). */
  counts: Record<MatchStatus, number>;
  lines: StatementLineView[];
}

type LineRow = Awaited<ReturnType<PrismaClient['statementLine']['findMany']>>[number];
type StatementRow = Awaited<ReturnType<PrismaClient['bankStatement']['findMany']>>[number] & { lines: LineRow[] };

function matchStatusOf(value: string): MatchStatus {
  if ((matchStatuses as readonly string[]).includes(value)) return value as MatchStatus;
  throw new Error(`statement_line holds an unknown match status ${JSON.stringify(value)}`);
}

function pence(value: bigint): number {
  const number = Number(value);
  if (!Number.isSafeInteger(number)) throw new RangeError(`${value} pence is beyond a safe integer`);
  return number;
}

export function statementLineView(row: LineRow): StatementLineView {
  return {
    lineNumber: row.lineNumber,
    valueDate: row.valueDate.toISOString().slice(0, 10),
    reference: row.reference,
    amountPence: pence(row.amountPence),
    matchStatus: matchStatusOf(row.matchStatus),
    paymentInstructionId: row.paymentInstructionId,
    reconciledById: row.reconciledById,
    reconciledAt: row.reconciledAt?.toISOString() ?? null,
    note: row.note,
  };
}

export function statementView(row: StatementRow): StatementView {
  const lines = [...row.lines].sort((a, b) => a.lineNumber - b.lineNumber).map(statementLineView);
  const counts = Object.fromEntries(matchStatuses.map((status) => [status, 0])) as Record<MatchStatus, number>;
  for (const line of lines) counts[line.matchStatus] += 1;
  return { id: row.id, fileName: row.fileName, sha256: row.sha256, importedById: row.importedById, importedAt: row.importedAt.toISOString(), counts, lines };
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function statementNotFound(id: string): AppError {
  return new AppError('not_found', { cy: `Nid oes datganiad ${id}`, en: `There is no statement ${id}` });
}

/** A statement id as the database takes it, or not found: a malformed id names nothing. */
export function checkedStatementId(id: string): string {
  if (!uuidPattern.test(id)) throw statementNotFound(id);
  return id.toLowerCase();
}
