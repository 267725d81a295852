import { z } from 'zod';
import type { PrismaClient } from '../../db/prisma.js';
import { setBankAccount, setBankAccountInput } from '../../finance/bank-accounts/set-bank-account.js';
import type { Route } from '../route-table.js';

const organisationParams = z.object({ organisationId: z.string().meta({ description: 'The group’s id' }) });
const bankAccountResponse = z
  .object({ organisationId: z.string(), accountName: z.string(), sortCode: z.string(), accountNumber: z.string().meta({ description: 'Masked: the last four digits only' }), updatedAt: z.string() })
  .meta({ id: 'BankAccount' });

export function bankAccountRoutes({ prisma }: { prisma: PrismaClient }): Route[] {
  return [
    {
      method: 'post',
      path: '/api/organisations/:organisationId/bank-account',
      action: 'bank_account.set',
      handler: async (req, res) => {
        const { organisationId } = organisationParams.parse(req.params);
        const input = setBankAccountInput.parse(req.body);
        res.json(await setBankAccount({ prisma, actor: req.actor, organisationId, input, now: new Date() }));
      },
      docs: {
        summary: 'Give the bank account the group’s grants are paid into (the group’s lead)',
        tags: ['Finance'],
        params: organisationParams,
        body: setBankAccountInput,
        responses: { 200: { description: 'Set; the answer masks the account number', body: bankAccountResponse } },
      },
    },
  ];
}
