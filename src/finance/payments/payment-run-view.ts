import type { Prisma } from '../../../generated/prisma/client.js';
import type { PrismaClient } from '../../db/prisma.js';
import { AppError } from '../../domain/app-error.js';
import { penceText } from '../../domain/money.js';
import { expectedPaymentDate } from './bacs-calendar.js';

type Db = PrismaClient | Prisma.TransactionClient;

export interface PaymentRunInstructionView {
  id: string;
  claimId: string;
  awardReference: string;
  organisationId: string;
  /** null when the organisation is no longer known. */
  organisationName: string | null;
  amountPence: number;
  bankReference: string;
  /** As it stands now: in_run until the bank statement shows it, then confirmed (or failed). */
  status: string;
}

export interface PaymentRunView {
  id: string;
  createdById: string;
  createdAt: string;
  instructionCount: number;
  /** The run's payments added up: integer pence as a decimal string, exact however many there are. */
  totalPence: string;
  /** YYYY-MM-DD: when the payments should reach the groups (Bacs three-day cycle, bank holidays not counted). */
  expectedPaymentDate: string;
  instructions: PaymentRunInstructionView[];
}

/** RUN-YYYYMMDD-HHMMSS-<4 hex>, the date and time in UTC. */
export const paymentRunIdPattern = /^RUN-\d{8}-\d{6}-[0-9a-f]{4}$/;

export function paymentRunNotFound(id: string): AppError {
  return new AppError('not_found', { cy: `Nid oes rhediad taliadau ${id}`, en: `There is no payment run ${id}` });
}

/** The run with its instructions as they stand now, or null. */
export async function loadPaymentRunView(db: Db, id: string): Promise<PaymentRunView | null> {
  if (!paymentRunIdPattern.test(id)) return null;
  const run = await db.paymentRun.findUnique({ where: { id } });
  if (!run) return null;
  const instructions = await db.paymentInstruction.findMany({ where: { paymentRunId: id }, orderBy: { id: 'asc' } });
  const organisations = await db.organisation.findMany({
    where: { id: { in: [...new Set(instructions.map((i) => i.organisationId))] } },
    select: { id: true, name: true },
  });
  const nameOf = new Map(organisations.map((o) => [o.id, o.name]));
  return {
    id: run.id,
    createdById: run.createdById,
    createdAt: run.createdAt.toISOString(),
    instructionCount: run.instructionCount,
    totalPence: penceText(run.totalPence),
    expectedPaymentDate: expectedPaymentDate(run.createdAt),
    instructions: instructions.map((i) => ({
      id: i.id,
      claimId: i.claimId,
      awardReference: i.awardReference,
      organisationId: i.organisationId,
      organisationName: nameOf.get(i.organisationId) ?? null,
      amountPence: Number(i.amountPence),
      bankReference: i.bankReference,
      status: i.status,
    })),
  };
}
