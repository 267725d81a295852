import type { PrismaClient } from '../../db/prisma.js';
import { varyAward, varyAwardInput } from '../../finance/variations/vary-award.js';
import type { CfpPolicyCatalogue } from '../../programmes/cfp-policy.js';
import type { Route } from '../route-table.js';
import { variationResponse, variedAwardParams } from './variations.types.js';

export function variationRoutes({ prisma, cfpPolicies }: { prisma: PrismaClient; cfpPolicies: CfpPolicyCatalogue }): Route[] {
  return [
    {
      method: 'post',
      path: '/api/awards/:reference/variations',
      action: 'award.vary',
      handler: async (req, res) => {
        const { reference } = variedAwardParams.parse(req.params);
        const input = varyAwardInput.parse(req.body);
        res.status(201).json(await varyAward({ prisma, policies: cfpPolicies, actor: req.actor, reference, input, now: new Date() }));
      },
      docs: {
        summary: 'Top an award up or reduce it, with a reason (finance approver)',
        description:
          'Writes the variation and its signed ledger entry in the award’s financial year; payments may then go up to the varied amount. A top-up beyond what is left of that year’s programme budget is refused (409) unless the policy allows a finance approver’s override and `override` is true. A reduction below what claims have already had approved, a variation of an award not yet committed, and a top-up of a completed award are refused (409). Each request is a new variation: send an Idempotency-Key to repeat one safely.',
        tags: ['Awards'],
        params: variedAwardParams,
        body: varyAwardInput,
        responses: { 201: { description: 'Varied', body: variationResponse } },
        problems: [409],
      },
    },
  ];
}
