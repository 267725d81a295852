import { z } from 'zod';

export const awardParams = z.object({ reference: z.string().meta({ description: 'The application the award was made on', example: 'CFP-2026-000123' }) });
export const claimParams = awardParams.extend({
  number: z.coerce.number().int().min(1).max(9999).meta({ description: 'The claim’s number within the award' }),
});

export const claimCommandResponse = z.object({ claimId: z.string(), status: z.string() }).meta({ id: 'ClaimCommandResult' });
export const submittedClaimResponse = z
  .object({ claimId: z.string(), number: z.number().int(), status: z.literal('submitted') })
  .meta({ id: 'SubmittedClaim' });
export const commitmentResponse = z
  .object({ reference: z.string(), financialYear: z.number().int(), committedPence: z.number().int(), overridden: z.boolean() })
  .meta({ id: 'Commitment' });
export const awardResponse = z
  .looseObject({
    reference: z.string(),
    amountPence: z.number().int(),
    balances: z.record(z.string(), z.number()),
    claims: z.array(z.looseObject({ number: z.number().int(), kind: z.string(), status: z.string() })),
  })
  .meta({ id: 'Award' });

export const evidenceQuery = z.strictObject({
  // Checked by the operation, which gives the reason in Welsh and English.
  fileName: z.string().meta({
    description:
      'The file’s name as the group knows it: 1 to 200 characters, no control characters, no text-direction marks (U+202A-U+202E, U+2066-U+2069, U+200E, U+200F, U+061C), no / or \\',
  }),
});
export const evidenceResponse = z
  .object({ id: z.uuid(), fileName: z.string(), contentType: z.string(), sizeBytes: z.number().int(), sha256: z.string() })
  .meta({ id: 'EvidenceFile' });

export const monitoringReturnParams = awardParams.extend({ period: z.coerce.number().int().min(1).max(100).meta({ description: 'Which return, from 1' }) });
export const monitoringReturnResponse = z
  .object({ awardReference: z.string(), period: z.number().int(), status: z.literal('submitted'), late: z.boolean() })
  .meta({ id: 'MonitoringReturnResult' });

export const evidenceParams = awardParams.extend({ id: z.string().meta({ description: 'The evidence file’s id' }) });
