import { z } from 'zod';
import type { EnquiryView } from '../../operations/enquiries/get-enquiry.js';
import type { SubmittedEnquiry } from '../../operations/enquiries/submit-enquiry.js';
import { describes } from '../describes.js';

/** The `:reference` in an enquiry's path. A wrong one is simply not found, as for any other path. */
export const enquiryReferenceParams = z.object({
  reference: z.string().meta({ description: 'The enquiry’s case reference', example: 'ENQ-2026-000123' }),
});

export const submittedEnquiryResponse = describes<SubmittedEnquiry>()(
  z.object({ reference: z.string().meta({ example: 'ENQ-2026-000123' }), status: z.literal('submitted') }).meta({ id: 'SubmittedEnquiry' }),
);

export const enquiryResponse = describes<EnquiryView>()(
  z
    .object({
      reference: z.string(),
      organisationId: z.uuid().nullable(),
      organisationName: z.string(),
      message: z.string(),
      language: z.string(),
      status: z.string(),
      receivedAt: z.iso.datetime({ offset: true }),
    })
    .meta({ id: 'Enquiry' }),
);
