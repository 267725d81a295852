import { z } from 'zod';
import type { ResolvedStatementLine } from '../../operations/reconciliation/resolve-statement-line.js';
import { matchStatuses, type StatementView } from '../../finance/reconciliation/statement-view.js';
import { reportGroupings, type FinanceReport } from '../../operations/finance-reports/finance-report.js';
import { describes } from '../describes.js';
import { message } from '../../domain/validation-messages.js';

/** The `:id` of a statement. A malformed one is simply not found. */
export const statementParams = z.object({
  id: z.string().meta({ description: 'The statement’s id, as the import answered it', example: '0f8e6c2a-5b1d-4c1e-9a43-2f6d1b7e9c10' }),
});

export const statementLineParams = statementParams.extend({
  lineNumber: z
    .string()
    .regex(/^[1-9]\d{0,8}$/, message('statementLine'))
    .transform(Number)
    .meta({ description: 'The line of the statement’s file (the header is line 1)', example: '2' }),
});

const statementLine = z
  .object({
    lineNumber: z.number().int(),
    valueDate: z.iso.date(),
    reference: z.string(),
    amountPence: z.number().int().meta({ description: 'Signed: a returned payment can be negative' }),
    matchStatus: z.enum(matchStatuses).meta({
      description:
        'matched (reference and amount of a payment instruction, confirmed at import), partial (reference known, amount differs or the instruction failed), unmatched (no such reference), duplicate (the payment was already confirmed), resolved (by a finance officer)',
    }),
    paymentInstructionId: z.string().nullable(),
    reconciledById: z.uuid().nullable().meta({ description: 'The importer for matched lines; the finance officer who resolved it otherwise' }),
    reconciledAt: z.iso.datetime({ offset: true }).nullable(),
    note: z.string().nullable(),
  })
  .meta({ id: 'StatementLine' });

export const statementResponse = describes<StatementView>()(
  z
    .object({
      id: z.uuid(),
      fileName: z.string(),
      sha256: z.string().meta({ description: 'Of the statement’s content (dates, references, amounts), by which a second import is refused' }),
      importedById: z.uuid(),
      importedAt: z.iso.datetime({ offset: true }),
      counts: z.object({
        matched: z.number().int(),
        partial: z.number().int(),
        unmatched: z.number().int(),
        duplicate: z.number().int(),
        resolved: z.number().int(),
      }),
      lines: z.array(statementLine),
    })
    .meta({ id: 'BankStatement' }),
);

export const resolutionResponse = describes<ResolvedStatementLine>()(
  z
    .object({
      statementId: z.uuid(),
      line: statementLine,
      paymentConfirmed: z.boolean().meta({ description: 'Whether the linked payment instruction was confirmed as paid' }),
    })
    .meta({ id: 'StatementLineResolution' }),
);

/** A sum over many awards: integer pence as a decimal string, exact past 2^53 where a JSON number would round. */
const sum = (description: string) =>
  z
    .string()
    .regex(/^-?\d+$/)
    .meta({ description: `${description}. Integer pence as a decimal string (exact however large)`, example: '1234550' });

const figures = {
  awardCount: z.number().int(),
  committedPence: sum('Commitments'),
  variationsPence: sum('Variations, signed'),
  decommittedPence: sum('De-commitments'),
  paidPence: sum('Confirmed by the bank (payment_confirmed)'),
  retainedPence: sum('Retention held less retention released'),
  outstandingPence: sum('committed + variations - decommitted - paid'),
  recoveredPence: sum('Clawback received back'),
};

export const financeReportResponse = describes<FinanceReport>()(
  z
    .object({
      groupBy: z.enum(reportGroupings),
      programme: z.string().nullable(),
      financialYear: z.number().int().nullable(),
      rows: z.array(
        z.object({
          key: z.string().nullable().meta({ description: 'Programme, financial year (2026), local authority code or quintile (1-5); null when not known' }),
          label: z.string(),
          ...figures,
        }),
      ),
      totals: z.object(figures),
    })
    .meta({ id: 'FinanceReport' }),
);
