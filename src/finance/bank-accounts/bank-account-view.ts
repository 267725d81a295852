import type { BankAccount } from '../../../generated/prisma/client.js';
import { bacsPayeeName } from '../payments/bacs-text.js';
import { formattedSortCode } from './sort-code.js';

// A group's bank account as people see it: the number masked, the sort code as 12-34-56, the payee name as
// the bank file will carry it, and whether its latest change has been verified.

export const verificationMethods = ['call_back_known_contact', 'in_person', 'bank_letter', 'confirmation_of_payee'] as const;
export type VerificationMethod = (typeof verificationMethods)[number];

export const maskedAccountNumber = (accountNumber: string) => `****${accountNumber.slice(-4)}`;

export interface BankAccountView {
  organisationId: string;
  accountName: string;
  /** The name as Bacs carries it, as it goes in the bank file. */
  payeeName: string;
  /** 12-34-56. */
  sortCode: string;
  /** Masked: the last four digits only. */
  accountNumber: string;
  /** Each change is a new version; verification names the version it checked. */
  version: number;
  updatedAt: string;
  verification: { status: 'pending' | 'verified'; verifiedById: string | null; verifiedAt: string | null; method: string | null };
}

/** The details as the audit trail and the mail give them: never the whole account number. */
export function bankDetailsSeen(account: Pick<BankAccount, 'accountName' | 'sortCode' | 'accountNumber'>) {
  const payee = bacsPayeeName(account.accountName);
  return {
    accountName: account.accountName,
    payeeName: payee.ok ? payee.value : null,
    sortCode: formattedSortCode(account.sortCode) ?? account.sortCode,
    accountNumber: maskedAccountNumber(account.accountNumber),
  };
}

export function bankAccountView(account: BankAccount): BankAccountView {
  const seen = bankDetailsSeen(account);
  return {
    organisationId: account.organisationId,
    accountName: account.accountName,
    payeeName: seen.payeeName ?? '',
    sortCode: seen.sortCode,
    accountNumber: seen.accountNumber,
    version: account.version,
    updatedAt: account.updatedAt.toISOString(),
    verification: {
      status: account.verifiedAt ? 'verified' : 'pending',
      verifiedById: account.verifiedById,
      verifiedAt: account.verifiedAt?.toISOString() ?? null,
      method: account.verificationMethod,
    },
  };
}
