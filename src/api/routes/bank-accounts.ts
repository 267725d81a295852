import type { Client } from '@temporalio/client';
import type { PrismaClient } from '../../db/prisma.js';
import { setBankAccount, setBankAccountInput } from '../../operations/bank-accounts/set-bank-account.js';
import { verifyBankAccount, verifyBankAccountInput } from '../../operations/bank-accounts/verify-bank-account.js';
import type { Route } from '../route-table.js';
import { bankAccountResponse, organisationParams, setBankAccountResponse } from './bank-accounts.schema.js';

export function bankAccountRoutes({ prisma, temporal, taskQueue }: { prisma: PrismaClient; temporal: Client; taskQueue: string }): Route[] {
  return [
    {
      method: 'post',
      path: '/api/organisations/:organisationId/bank-account',
      action: 'bank_account.set',
      handler: async (req, res) => {
        const { organisationId } = organisationParams.parse(req.params);
        const input = setBankAccountInput.parse(req.body);
        res.json(await setBankAccount({ prisma, temporal, taskQueue, actor: req.actor, organisationId, input, now: new Date(), logger: req.log }));
      },
      docs: {
        summary: 'Give or change the bank account the group’s grants are paid into (the group’s lead)',
        description:
          'Every change, the first account included, is a new version, and payment runs hold the group’s payments back until a finance officer other than the person who made the change verifies it (POST …/bank-account/verification). Every lead and member of the group and the finance team are told by mail, in their language; the audit record has the old and new payee names, sort codes and masked numbers and the request id. The sort code is taken as 123456 or 12-34-56 and always answered 12-34-56. A name that Bacs cannot carry (nothing left of it in A-Z, 0-9, space and . & / -) or that begins with =, +, - or @ is refused (400) with the reason.',
        tags: ['Finance'],
        params: organisationParams,
        body: setBankAccountInput,
        responses: { 200: { description: 'Set, awaiting verification; the answer masks the account number', body: setBankAccountResponse } },
      },
    },
    {
      method: 'post',
      path: '/api/organisations/:organisationId/bank-account/verification',
      action: 'bank_account.verify',
      handler: async (req, res) => {
        const { organisationId } = organisationParams.parse(req.params);
        const input = verifyBankAccountInput.parse(req.body);
        res.json(await verifyBankAccount({ prisma, actor: req.actor, organisationId, input, now: new Date() }));
      },
      docs: {
        summary: 'Verify a change of a group’s bank details, recording how (a finance officer or approver other than the person who made the change)',
        description:
          'Names the version checked; after it, payment runs pay the group again. Refused (403, with the reason) to the person who made the change; (409) when the details changed again since that version, or it is already verified.',
        tags: ['Finance'],
        params: organisationParams,
        body: verifyBankAccountInput,
        responses: { 200: { description: 'Verified', body: bankAccountResponse } },
        problems: [409],
      },
    },
  ];
}
