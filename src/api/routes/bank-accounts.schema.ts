import { z } from 'zod';
import type { BankAccountView } from '../../finance/bank-accounts/bank-account-view.js';
import type { SetBankAccount } from '../../operations/bank-accounts/set-bank-account.js';
import { describes } from '../describes.js';

export const organisationParams = z.object({ organisationId: z.string().meta({ description: 'The group’s id' }) });

const account = {
  organisationId: z.uuid(),
  accountName: z.string().meta({ description: 'The name on the account, as the group gave it' }),
  payeeName: z.string().meta({
    description: 'The name as the bank file carries it: Bacs characters (A-Z, 0-9, space, . & / -), at most 18, Welsh letters transliterated',
    example: 'NEUADD BENTREF LLA',
  }),
  sortCode: z.string().meta({ description: 'Always 12-34-56, however it was given', example: '30-96-34' }),
  accountNumber: z.string().meta({ description: 'Masked: the last four digits only', example: '****5678' }),
  version: z.number().int().meta({ description: 'Each change is a new version; verification names the version it checked' }),
  updatedAt: z.iso.datetime({ offset: true }),
  verification: z.object({
    status: z
      .enum(['pending', 'verified'])
      .meta({ description: 'pending: payment runs hold the group’s payments back until a finance officer verifies this version' }),
    verifiedById: z.uuid().nullable(),
    verifiedAt: z.iso.datetime({ offset: true }).nullable(),
    method: z.string().nullable(),
  }),
};

export const bankAccountResponse = describes<BankAccountView>()(z.object(account).meta({ id: 'BankAccount' }));

export const setBankAccountResponse = describes<SetBankAccount>()(
  z
    .object({
      ...account,
      notices: z.object({
        queued: z.number().int().meta({ description: 'Mail queued to each lead and member of the group and each of the finance team, in their language' }),
        delivery: z
          .enum(['started', 'not_started', 'nothing_to_send'])
          .meta({ description: 'not_started: Temporal could not be reached, and the mail waits unsent in the outbox' }),
      }),
    })
    .meta({ id: 'BankAccountChange' }),
);
