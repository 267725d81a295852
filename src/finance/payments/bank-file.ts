// The bank file of a payment run: Bacs-style CSV the bank's bulk-payment upload takes. Kept pure, so the
// layout the README documents is tested without a database.
//
//   payee_name,sort_code,account_number,amount,reference
//   NEUADD BENTREF ABE,12-34-56,12345678,1234.56,CYM2026000001C1
//
// UTF-8 without a byte-order mark, CRLF line ends (RFC 4180), a header row, one row per payment and no
// totals row. Payee names and references keep to what Bacs carries (bacs-text.ts), so no field needs
// quoting and none can start a spreadsheet formula; csvField still quotes as RFC 4180 says, should one.

import { plainPounds } from '../../domain/money.js';
import { formattedSortCode } from '../bank-accounts/sort-code.js';
import { bacsPayeeName, isBacsReference } from './bacs-text.js';

export const bankFileHeader = ['payee_name', 'sort_code', 'account_number', 'amount', 'reference'] as const;

export interface BankFileRow {
  /** The name on the group's bank account, as the group gave it: written as Bacs carries it (bacsPayeeName). */
  payeeName: string;
  /** Six digits, with or without hyphens or spaces: written NN-NN-NN. */
  sortCode: string;
  /** Eight digits. */
  accountNumber: string;
  /** Integer pence, more than 0: written in pounds with two decimals. */
  amountPence: bigint | number;
  /** What the group's statement will show, and what reconciliation matches on: Bacs characters, at most 18. */
  reference: string;
}

/** Six digits however they were typed ('12-34-56', '12 34 56', '123456'), or null when they are not six digits. */
export function sortCodeDigits(sortCode: string): string | null {
  const digits = sortCode.replace(/[\s-]/g, '');
  return /^\d{6}$/.test(digits) ? digits : null;
}

/** Eight digits however they were typed (spaces allowed), or null otherwise. */
export function accountNumberDigits(accountNumber: string): string | null {
  const digits = accountNumber.replace(/\s/g, '');
  return /^\d{8}$/.test(digits) ? digits : null;
}

/** Integer pence as pounds with exactly two decimals and no separators: 1 -> '0.01', 123456 -> '1234.56'. */
export function poundsOf(pence: bigint | number): string {
  if (typeof pence === 'number' && !Number.isSafeInteger(pence)) throw new RangeError(`Pence must be a safe integer, got ${pence}`);
  if (BigInt(pence) <= 0n) throw new RangeError(`A payment must be more than 0 pence, got ${pence}`);
  return plainPounds(pence);
}

/** One field as RFC 4180 writes it: quoted only when it holds a comma, a double quote, CR or LF. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/**
 * The whole file. Throws a RangeError for a row the bank could not pay (bad sort code, account number,
 * amount, a payee name Bacs cannot carry or a reference outside its character set); a payment run holds
 * such a payment back before it gets here.
 */
export function bankFileCsv(rows: readonly BankFileRow[]): string {
  const lines = rows.map((row) => {
    const sortCode = formattedSortCode(row.sortCode);
    if (!sortCode) throw new RangeError(`Not a sort code: ${JSON.stringify(row.sortCode)} (payment ${row.reference})`);
    const accountNumber = accountNumberDigits(row.accountNumber);
    if (!accountNumber) throw new RangeError(`Not an eight-digit account number (payment ${row.reference})`);
    const payee = bacsPayeeName(row.payeeName);
    if (!payee.ok) throw new RangeError(`${payee.reason.en} (payment ${row.reference})`);
    if (!isBacsReference(row.reference)) throw new RangeError(`Not a reference Bacs carries: ${JSON.stringify(row.reference)}`);
    return [payee.value, sortCode, accountNumber, poundsOf(row.amountPence), row.reference].map(csvField).join(',');
  });
  return `${[bankFileHeader.join(','), ...lines].join('\r\n')}\r\n`;
}
