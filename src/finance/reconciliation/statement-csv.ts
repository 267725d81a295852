import { createHash } from 'node:crypto';
import { CsvError, parse } from 'csv-parse/sync';
import { AppError } from '../../domain/app-error.js';
import type { Bilingual } from '../../domain/bilingual.js';
import { formatPounds, maxPence, withinMaxPence } from '../../domain/money.js';

// A bank (or ledger) statement as finance exports it: a CSV with the columns date, reference and amount,
// in any order, other columns ignored. The whole file is checked before anything is written, and every
// problem names its line as a spreadsheet shows it (the header is line 1).

export const maxStatementLines = 5_000;
const maxReferenceLength = 100;
const problemsShown = 10;

export interface StatementCsvLine {
  /** The line of the file (the header is line 1). */
  lineNumber: number;
  /** YYYY-MM-DD. */
  valueDate: string;
  /** As the bank printed it, trimmed. */
  reference: string;
  /** The reference as payment instructions are matched on it: upper case, no spaces. */
  matchReference: string;
  /** Signed: a returned payment can show as a negative amount. */
  amountPence: bigint;
}

export interface ParsedStatement {
  lines: StatementCsvLine[];
  /**
   * SHA-256 of the statement's content (dates, references, amounts in order), not of its bytes, so the
   * same statement saved again with other line endings, quoting or spacing is still known as imported.
   */
  sha256: string;
}

type Problem = { line: number; text: Bilingual };

const columns = ['date', 'reference', 'amount'] as const;

/** Bank references are matched upper case and without spaces, as banks reprint them freely. */
export function matchReferenceOf(reference: string): string {
  return reference.replace(/\s+/g, '').toUpperCase();
}

/** 'YYYY-MM-DD' or 'DD/MM/YYYY' (day and month may be one digit) as YYYY-MM-DD, if it is a real date. */
export function parseStatementDate(text: string): string | null {
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const british = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
  const parts = iso ? [iso[1], iso[2], iso[3]] : british ? [british[3], british[2], british[1]] : null;
  if (!parts) return null;
  const [year = 0, month = 0, day = 0] = parts.map(Number);
  if (year < 1900 || month < 1 || month > 12 || day < 1) return null;
  // Day 0 of the next month is the last day of this one.
  if (day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return null;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Pounds with exactly two decimals ('1234.50', '-12.00') as integer pence, by string arithmetic, never floats. */
export function parsePounds(text: string): bigint | null {
  const match = /^(-)?(\d{1,12})\.(\d{2})$/.exec(text);
  if (!match) return null;
  const [, minus, pounds = '0', pence = '0'] = match;
  const value = BigInt(pounds) * 100n + BigInt(pence);
  return minus ? -value : value;
}

function csvSyntaxProblem(error: CsvError): Problem {
  const line = typeof error.lines === 'number' ? error.lines : 0;
  const wording: Record<string, Bilingual> = {
    CSV_QUOTE_NOT_CLOSED: { cy: 'mae dyfynnod heb ei gau', en: 'a quote is never closed' },
    CSV_INVALID_CLOSING_QUOTE: { cy: 'mae nod yn dilyn dyfynnod cau', en: 'a character follows a closing quote' },
    CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE: { cy: 'mae nod yn dilyn dyfynnod cau', en: 'a character follows a closing quote' },
  };
  const what = wording[error.code] ?? { cy: 'nid yw’n CSV dilys', en: 'it is not valid CSV' };
  return { line, text: { cy: what.cy, en: what.en } };
}

function refusal(problems: Problem[]): AppError {
  const shown = problems.slice(0, problemsShown);
  const more = problems.length - shown.length;
  const join = (language: keyof Bilingual, lineWord: string) =>
    shown.map((p) => (p.line > 0 ? `${lineWord} ${p.line}: ${p.text[language]}` : p.text[language])).join('; ');
  return new AppError('invalid_input', {
    cy: `Ni ellir mewnforio’r datganiad: ${join('cy', 'llinell')}${more > 0 ? `; a ${more} problem arall` : ''}`,
    en: `The statement cannot be imported: ${join('en', 'line')}${more > 0 ? `; and ${more} more problem${more === 1 ? '' : 's'}` : ''}`,
  });
}

interface CsvRecord {
  record: string[];
  info: { lines: number };
}

/**
 * Reads a statement CSV, or refuses it (AppError invalid_input) with every problem found, each naming its
 * line. Nothing is written here: the caller writes only what this returns.
 */
export function parseStatementCsv(csv: string): ParsedStatement {
  let records: CsvRecord[];
  try {
    records = parse(csv, {
      bom: true,
      trim: true,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      // Spreadsheets export trailing rows of empty cells (",,"): they are not lines of the statement.
      skip_records_with_empty_values: true,
    }) as unknown as CsvRecord[];
  } catch (error) {
    if (error instanceof CsvError) throw refusal([csvSyntaxProblem(error)]);
    throw error;
  }

  const [header, ...rows] = records;
  if (!header) throw refusal([{ line: 0, text: { cy: 'mae’r ffeil yn wag', en: 'the file is empty' } }]);
  const names = header.record.map((name) => name.toLowerCase());
  const index = Object.fromEntries(columns.map((column) => [column, names.indexOf(column)])) as Record<(typeof columns)[number], number>;
  const duplicated = columns.filter((column) => names.filter((name) => name === column).length > 1);
  if (columns.some((column) => index[column] < 0) || duplicated.length > 0) {
    const found = header.record.join(', ');
    throw refusal([
      {
        line: header.info.lines,
        text: {
          cy: `rhaid i’r pennawd enwi’r colofnau date, reference ac amount, pob un unwaith (cafwyd: ${found})`,
          en: `the header must name the columns date, reference and amount, each once (found: ${found})`,
        },
      },
    ]);
  }
  if (rows.length === 0) throw refusal([{ line: 0, text: { cy: 'nid oes llinellau yn y datganiad', en: 'the statement has no lines' } }]);
  if (rows.length > maxStatementLines) {
    throw refusal([
      {
        line: 0,
        text: {
          cy: `mae ${rows.length} llinell yn y datganiad; yr uchafswm yw ${maxStatementLines}: rhannwch ef`,
          en: `the statement has ${rows.length} lines; at most ${maxStatementLines} are taken: split it`,
        },
      },
    ]);
  }

  const problems: Problem[] = [];
  const lines: StatementCsvLine[] = [];
  for (const { record, info } of rows) {
    const line = info.lines;
    if (record.length < header.record.length) {
      problems.push({
        line,
        text: {
          cy: `mae ${record.length} maes, ond mae ${header.record.length} yn y pennawd`,
          en: `has ${record.length} fields, but the header has ${header.record.length}`,
        },
      });
      continue;
    }
    const dateText = record[index.date] ?? '';
    const reference = record[index.reference] ?? '';
    const amountText = record[index.amount] ?? '';
    const before = problems.length;

    const valueDate = parseStatementDate(dateText);
    if (!valueDate) {
      problems.push({
        line,
        text: {
          cy: `rhaid i’r dyddiad fod ar ffurf BBBB-MM-DD neu DD/MM/BBBB ac yn ddyddiad go iawn (cafwyd "${dateText}")`,
          en: `the date must be YYYY-MM-DD or DD/MM/YYYY and a real date (found "${dateText}")`,
        },
      });
    }
    if (reference === '') problems.push({ line, text: { cy: 'mae’r cyfeirnod yn wag', en: 'the reference is empty' } });
    else if (reference.length > maxReferenceLength || /[\p{Cc}]/u.test(reference)) {
      problems.push({
        line,
        text: {
          cy: `rhaid i’r cyfeirnod fod yn un llinell o ${maxReferenceLength} nod neu lai`,
          en: `the reference must be one line of at most ${maxReferenceLength} characters`,
        },
      });
    }
    const amountPence = parsePounds(amountText);
    if (amountPence === null) {
      problems.push({
        line,
        text: {
          cy: `rhaid i’r swm fod mewn punnoedd a cheiniogau gyda phwynt degol, fel 1234.50 (cafwyd "${amountText}")`,
          en: `the amount must be pounds and pence with a decimal point, such as 1234.50 (found "${amountText}")`,
        },
      });
    } else if (amountPence === 0n) {
      problems.push({ line, text: { cy: 'ni all y swm fod yn 0.00', en: 'the amount cannot be 0.00' } });
    } else if (!withinMaxPence(amountPence)) {
      problems.push({
        line,
        text: { cy: `ni all y swm fod yn fwy na ${formatPounds(maxPence)}`, en: `the amount cannot be more than ${formatPounds(maxPence)}` },
      });
    }
    if (problems.length > before || !valueDate || amountPence === null) continue;
    lines.push({ lineNumber: line, valueDate, reference, matchReference: matchReferenceOf(reference), amountPence });
  }
  if (problems.length > 0) throw refusal(problems);

  const content = lines.map((l) => `${l.valueDate},${l.matchReference},${l.amountPence}\n`).join('');
  return { lines, sha256: createHash('sha256').update(content).digest('hex') };
}
