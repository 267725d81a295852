import { z } from 'zod';
import type { PrismaClient } from '../../db/prisma.js';
import { setProgrammeBudget, setProgrammeBudgetInput } from '../../operations/budgets/set-programme-budget.js';
import type { Route } from '../route-table.js';

const budgetResponse = z
  .object({
    programme: z.string(),
    financialYear: z.number().int(),
    amountPence: z.number().int(),
    committedPence: z.number().int(),
    remainingPence: z.number().int(),
  })
  .meta({ id: 'ProgrammeBudget' });

export function budgetRoutes({ prisma }: { prisma: PrismaClient }): Route[] {
  return [
    {
      method: 'post',
      path: '/api/finance/budgets',
      action: 'finance.budget',
      handler: async (req, res) => {
        const input = setProgrammeBudgetInput.parse(req.body);
        res.json(await setProgrammeBudget({ prisma, actor: req.actor, input, now: new Date() }));
      },
      docs: {
        summary: 'Set a programme’s budget for a financial year (finance approver)',
        description: 'Cannot go below what is already committed that year.',
        tags: ['Finance'],
        body: setProgrammeBudgetInput,
        responses: { 200: { description: 'Set', body: budgetResponse } },
        problems: [409],
      },
    },
  ];
}
