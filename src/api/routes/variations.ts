import type { PrismaClient } from '../../db/prisma.js';
import { confirmVariation, confirmVariationInput } from '../../operations/variations/confirm-variation.js';
import { varyAward, varyAwardInput } from '../../operations/variations/vary-award.js';
import type { CfpPolicyCatalogue } from '../../programmes/cfp-policy.js';
import type { Route } from '../route-table.js';
import { variationParams, variationResponse, variedAwardParams } from './variations.schema.js';

export function variationRoutes({ prisma, cfpPolicies }: { prisma: PrismaClient; cfpPolicies: CfpPolicyCatalogue }): Route[] {
  return [
    {
      method: 'post',
      path: '/api/awards/:reference/variations',
      action: 'award.vary',
      handler: async (req, res) => {
        const { reference } = variedAwardParams.parse(req.params);
        const input = varyAwardInput.parse(req.body);
        const variation = await varyAward({ prisma, policies: cfpPolicies, actor: req.actor, reference, input, now: new Date() });
        res.status(variation.status === 'effective' ? 201 : 202).json(variation);
      },
      docs: {
        summary: 'Top an award up or reduce it, with a reason (finance approver)',
        description:
          'Writes the variation and its signed ledger entry in the award’s financial year; payments may then go up to the varied amount. Beyond what the award’s policy lets one finance approver do alone (`variationApproval`: the award’s variations together, each counted whichever way it goes, up to an amount and a share of what was committed), the variation is kept `awaiting_confirmation` (202) and changes nothing until a second, different finance approver confirms it; one waits at a time per award (another is refused, 409). A top-up beyond what is left of that year’s programme budget is refused (409) unless the policy allows a finance approver’s override and `override` is true. A reduction below what claims have already had approved, a variation of an award not yet committed, a top-up of a completed award, and an award above £1,000,000,000.00 are refused (409). Each request is a new variation: send an Idempotency-Key to repeat one safely.',
        tags: ['Awards'],
        params: variedAwardParams,
        body: varyAwardInput,
        responses: {
          201: { description: 'Varied: in effect', body: variationResponse },
          202: { description: 'Awaiting a second finance approver’s confirmation', body: variationResponse },
        },
        problems: [409],
      },
    },
    {
      method: 'post',
      path: '/api/awards/:reference/variations/:id/confirmation',
      action: 'award.vary',
      handler: async (req, res) => {
        const { reference, id } = variationParams.parse(req.params);
        confirmVariationInput.parse(req.body ?? {});
        res.json(await confirmVariation({ prisma, policies: cfpPolicies, actor: req.actor, reference, id, now: new Date() }));
      },
      docs: {
        summary: 'Confirm a variation awaiting a second finance approver (a finance approver other than the one who asked for it)',
        description:
          'Checked again against the award and the budget as they stand now, then in effect: its ledger entry is written. Refused (403) to the finance approver who asked for it, with the reason; (409) when it is already in effect or can no longer be made.',
        tags: ['Awards'],
        params: variationParams,
        body: confirmVariationInput,
        responses: { 200: { description: 'Confirmed: in effect', body: variationResponse } },
        problems: [409],
      },
    },
  ];
}
