// The bank file of a payment run: Bacs-style CSV the bank's bulk-payment upload takes. Kept pure, so the
// layout the README documents is tested without a database.
//
//   payee_name,sort_code,account_number,amount,reference
//   Neuadd Bentref Aberffraw,12-34-56,12345678,1234.56,CYMCFP2026000001C1
//
// UTF-8 without a byte-order mark, CRLF line ends (RFC 4180), a header row, one row per payment and no
// totals row. A field holding a comma, a double quote or a line break is quoted, with its quotes doubled.

export const bankFileHeader = ['payee_name', 'sort_code', 'account_number', 'amount', 'reference'] as const;

export interface BankFileRow {
  /** The name on the group's bank account, as the group gave it. */
  payeeName: string;
  /** Six digits, with or without hyphens or spaces: written NN-NN-NN. */
  sortCode: string;
  /** Eight digits. */
  accountNumber: string;
  /** Integer pence, more than 0: written in pounds with two decimals. */
  amountPence: bigint | number;
  /** What the group's statement will show, and what reconciliation matches on. */
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
  const value = BigInt(pence);
  if (value <= 0n) throw new RangeError(`A payment must be more than 0 pence, got ${value}`);
  return `${value / 100n}.${(value % 100n).toString().padStart(2, '0')}`;
}

/** One field as RFC 4180 writes it: quoted only when it holds a comma, a double quote, CR or LF. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** The whole file. Throws a RangeError for a row the bank could not pay (bad sort code, account number or amount). */
export function bankFileCsv(rows: readonly BankFileRow[]): string {
  const lines = rows.map((row) => {
    const sortCode = sortCodeDigits(row.sortCode);
    if (!sortCode) throw new RangeError(`Not a sort code: ${JSON.stringify(row.sortCode)} (payment ${row.reference})`);
    const accountNumber = accountNumberDigits(row.accountNumber);
    if (!accountNumber) throw new RangeError(`Not an eight-digit account number (payment ${row.reference})`);
    const formattedSortCode = `${sortCode.slice(0, 2)}-${sortCode.slice(2, 4)}-${sortCode.slice(4)}`;
    return [row.payeeName, formattedSortCode, accountNumber, poundsOf(row.amountPence), row.reference].map(csvField).join(',');
  });
  return `${[bankFileHeader.join(','), ...lines].join('\r\n')}\r\n`;
}
