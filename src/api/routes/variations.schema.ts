import { z } from 'zod';
import type { AwardVariation } from '../../operations/variations/vary-award.js';
import { describes } from '../describes.js';

/** The `:reference` of the award varied. A wrong one is simply not found. */
export const variedAwardParams = z.object({
  reference: z.string().meta({ description: 'The application the award was made on', example: 'CFP-2026-000123' }),
});

/** One variation of the award. */
export const variationParams = variedAwardParams.extend({
  id: z.string().meta({ description: 'The variation: <award reference>-V<n>', example: 'CFP-2026-000123-V2' }),
});

export const variationResponse = describes<AwardVariation>()(
  z
    .object({
      id: z.string().meta({ example: 'CFP-2026-000123-V1' }),
      awardReference: z.string(),
      amountPence: z.number().int().meta({ description: 'Signed: a top-up is positive, a reduction negative' }),
      reason: z.string(),
      status: z
        .enum(['effective', 'awaiting_confirmation'])
        .meta({ description: 'awaiting_confirmation: beyond what one finance approver may do alone; nothing changes until a second confirms it' }),
      approvedById: z.uuid().meta({ description: 'The finance approver who asked for it' }),
      approvedAt: z.iso.datetime({ offset: true }),
      confirmedById: z.uuid().nullable().meta({ description: 'The second finance approver who confirmed it, when one had to' }),
      confirmedAt: z.iso.datetime({ offset: true }).nullable(),
      financialYear: z.number().int().meta({ description: 'The award’s budget year, named by the year it starts (2026 = 2026-27)' }),
      awardedPence: z.number().int().meta({ description: 'What the award stands at now: committed + variations in effect - de-committed' }),
      overridden: z.boolean().meta({ description: 'A top-up beyond the year’s remaining budget, on the approver’s override' }),
    })
    .meta({ id: 'AwardVariation' }),
);
