import { z } from 'zod';
import { Prisma } from '../../../generated/prisma/client.js';
import type { Actor } from '../../access/actor.js';
import { enforce } from '../../access/policy.js';
import type { PrismaClient } from '../../db/prisma.js';
import type { Language } from '../../domain/bilingual.js';
import { penceText, plainPounds } from '../../domain/money.js';
import { message } from '../../domain/validation-messages.js';

// Where the programmes' money stands, from the award ledger alone (balances are sums of entries, never
// stored), grouped one way at a time. Every figure is integer pence, summed by PostgreSQL as numeric and
// given as a decimal string: a sum over many awards can pass 2^53, where a JavaScript number stops being
// exact, and a report must never round a figure or fail on one.
//
//   committed    = commitment entries
//   variations   = variation entries (signed: a top-up adds, a reduction subtracts)
//   decommitted  = decommitment entries
//   paid         = payment_confirmed entries: money the bank has shown leaving, not merely instructed
//   retained     = retention_held - retention_released: held back from claims, not yet released
//   outstanding  = committed + variations - decommitted - paid: what the awards still stand to be paid,
//                  retention included (held retention is unpaid); recoveries do not reduce it
//   recovered    = recovery_received entries: clawback money received back (invoiced is not recovered)
//
// Financial years are the ledger's: each entry counts in the year it was booked to (commitments in the
// year committed against, confirmed payments in their instruction's year, or the year the bank paid them
// when no instruction entry exists). Grouped by year, outstanding is therefore that year's net movement;
// only its total over all years is what remains to be paid.

export const reportGroupings = ['programme', 'financial_year', 'local_authority', 'wimd_quintile'] as const;
export type ReportGrouping = (typeof reportGroupings)[number];

export const financeReportQuery = z.strictObject({
  groupBy: z.enum(reportGroupings).default('programme').meta({ description: 'One row per programme, financial year, local authority or WIMD quintile' }),
  format: z.enum(['json', 'csv']).default('json').meta({ description: '`csv` for a spreadsheet (amounts in pounds), `json` (amounts in pence) otherwise' }),
  programme: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,50}$/, message('programmeCode'))
    .optional()
    .meta({ description: 'Only this programme', example: 'CFP' }),
  financialYear: z.coerce
    .number()
    .int()
    .min(2000)
    .max(2100)
    .optional()
    .meta({ description: 'Only entries booked to this financial year (named by the year it starts: 2026 is 2026-27)', example: 2026 }),
});

export type FinanceReportQuery = z.output<typeof financeReportQuery>;

export interface FinanceFigures {
  /** Distinct awards with entries in the row. */
  awardCount: number;
  /** Each figure: integer pence as a decimal string, exact however large ('-1', '9100000000000000'). */
  committedPence: string;
  variationsPence: string;
  decommittedPence: string;
  paidPence: string;
  retainedPence: string;
  outstandingPence: string;
  recoveredPence: string;
}

export interface FinanceReportRow extends FinanceFigures {
  /** The programme, the financial year ('2026'), the local authority code or the quintile ('1'); null when unknown. */
  key: string | null;
  /** The key for people, in the reader's language: '2026-27', 'Isle of Anglesey', 'Quintile 1 (most deprived)'. */
  label: string;
}

export interface FinanceReport {
  groupBy: ReportGrouping;
  programme: string | null;
  financialYear: number | null;
  rows: FinanceReportRow[];
  totals: FinanceFigures;
}

// Each grouping's key as SQL; fixed fragments, never built from input.
const keys: Record<ReportGrouping, Prisma.Sql> = {
  programme: Prisma.sql`le.programme`,
  financial_year: Prisma.sql`le.financial_year::text`,
  local_authority: Prisma.sql`ap.local_authority_code`,
  // Quintile 1 is deciles 1-2, the most deprived fifth of Wales's small areas.
  wimd_quintile: Prisma.sql`ceil(ap.wimd_decile / 2.0)::int::text`,
};

/** Sums come back as text (numeric has no bound; bigint would overflow past 2^63) and become bigints here. */
interface SumRow {
  key: string | null;
  is_total: number;
  authority_name: string | null;
  award_count: number;
  committed: string;
  variations: string;
  decommitted: string;
  paid: string;
  retention_held: string;
  retention_released: string;
  recovered: string;
}

function figures(row: SumRow): FinanceFigures {
  const [committed, variations, decommitted, paid, held, released, recovered] = [
    row.committed,
    row.variations,
    row.decommitted,
    row.paid,
    row.retention_held,
    row.retention_released,
    row.recovered,
  ].map((sum) => BigInt(sum)) as [bigint, bigint, bigint, bigint, bigint, bigint, bigint];
  return {
    awardCount: row.award_count,
    committedPence: penceText(committed),
    variationsPence: penceText(variations),
    decommittedPence: penceText(decommitted),
    paidPence: penceText(paid),
    retainedPence: penceText(held - released),
    outstandingPence: penceText(committed + variations - decommitted - paid),
    recoveredPence: penceText(recovered),
  };
}

const unknown: Record<Language, string> = { cy: 'Anhysbys', en: 'Unknown' };

function labelOf(groupBy: ReportGrouping, row: SumRow, language: Language): string {
  if (row.key === null) return unknown[language];
  switch (groupBy) {
    case 'programme':
      return row.key;
    case 'financial_year': {
      const year = Number(row.key);
      return `${year}-${String((year + 1) % 100).padStart(2, '0')}`;
    }
    case 'local_authority':
      return row.authority_name ?? row.key;
    case 'wimd_quintile': {
      const extreme =
        row.key === '1'
          ? { cy: ' (mwyaf difreintiedig)', en: ' (most deprived)' }
          : row.key === '5'
            ? { cy: ' (lleiaf difreintiedig)', en: ' (least deprived)' }
            : { cy: '', en: '' };
      return language === 'cy' ? `Cwintel ${row.key}${extreme.cy}` : `Quintile ${row.key}${extreme.en}`;
    }
  }
}

/**
 * The ledger summed by `groupBy`, one query: each grouping's rows and, in the same pass (GROUPING SETS),
 * the totals, so awards counted in two rows (two financial years) are counted once in the total.
 */
export async function financeReport({
  prisma,
  actor,
  query,
  language,
}: {
  prisma: PrismaClient;
  actor: Actor | undefined;
  query: FinanceReportQuery;
  language: Language;
}): Promise<FinanceReport> {
  enforce(actor, 'finance.report');
  const key = keys[query.groupBy];
  const conditions: Prisma.Sql[] = [];
  if (query.programme !== undefined) conditions.push(Prisma.sql`le.programme = ${query.programme}`);
  if (query.financialYear !== undefined) conditions.push(Prisma.sql`le.financial_year = ${query.financialYear}`);
  const where = conditions.length ? Prisma.sql`WHERE ${Prisma.join(conditions, ' AND ')}` : Prisma.empty;
  // sum() of bigint is numeric in PostgreSQL: exact and unbounded; as text it reaches BigInt unchanged.
  const sum = (kind: string) => Prisma.sql`coalesce(sum(le.amount_pence) FILTER (WHERE le.kind = ${Prisma.raw(`'${kind}'`)}), 0)::numeric::text`;

  const rows = await prisma.$queryRaw<SumRow[]>`
    SELECT ${key} AS key,
           grouping(${key})::int AS is_total,
           max(ap.local_authority_name) AS authority_name,
           count(DISTINCT le.award_reference)::int AS award_count,
           ${sum('commitment')} AS committed,
           ${sum('variation')} AS variations,
           ${sum('decommitment')} AS decommitted,
           ${sum('payment_confirmed')} AS paid,
           ${sum('retention_held')} AS retention_held,
           ${sum('retention_released')} AS retention_released,
           ${sum('recovery_received')} AS recovered
      FROM ledger_entry le
      LEFT JOIN application ap ON ap.reference = le.award_reference
      ${where}
     GROUP BY GROUPING SETS ((${key}), ())
     ORDER BY is_total, key NULLS LAST`;

  const total = rows.find((row) => row.is_total === 1);
  const empty: FinanceFigures = {
    awardCount: 0,
    committedPence: '0',
    variationsPence: '0',
    decommittedPence: '0',
    paidPence: '0',
    retainedPence: '0',
    outstandingPence: '0',
    recoveredPence: '0',
  };
  return {
    groupBy: query.groupBy,
    programme: query.programme ?? null,
    financialYear: query.financialYear ?? null,
    rows: rows.filter((row) => row.is_total === 0).map((row) => ({ key: row.key, label: labelOf(query.groupBy, row, language), ...figures(row) })),
    totals: total ? figures(total) : empty,
  };
}

/** A figure's decimal string of pence as pounds with two decimals, for spreadsheets: '-123450' -> -1234.50. */
const pounds = (value: string): string => plainPounds(BigInt(value));

/**
 * A text cell: quoted when it must be (RFC 4180), and kept from being read as a formula by a spreadsheet
 * (a name starting with =, +, -, @ or a tab becomes text).
 */
function textCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** The report's rows as CSV (UTF-8 with a byte-order mark so spreadsheets read Welsh letters), amounts in pounds. */
export function financeReportCsv(report: FinanceReport): string {
  const header = [
    report.groupBy,
    'label',
    'awards',
    'committed_gbp',
    'variations_gbp',
    'decommitted_gbp',
    'paid_gbp',
    'retained_gbp',
    'outstanding_gbp',
    'recovered_gbp',
  ];
  const lines = report.rows.map((row) =>
    [
      textCell(row.key ?? ''),
      textCell(row.label),
      String(row.awardCount),
      ...[row.committedPence, row.variationsPence, row.decommittedPence, row.paidPence, row.retainedPence, row.outstandingPence, row.recoveredPence].map(
        pounds,
      ),
    ].join(','),
  );
  return `\uFEFF${[header.join(','), ...lines].join('\r\n')}\r\n`;
}
