import { z } from 'zod';
import type { ThreeSixtyGivingPackage } from '../../open-data/three-sixty-giving.js';
import { describes } from '../describes.js';

// What the open-data routes answer, for the OpenAPI document. The authority on the format is the
// 360Giving schema itself (data/360giving/); this describes the subset of it these files use.

const day = z.string().meta({ description: 'YYYY-MM-DD, in Wales', example: '2026-06-01' });

const organisation = z.object({
  id: z.string().meta({ description: 'org-id.guide identifier (GB-CHC-…, GB-COH-…), or 360G-CYMUNED-… for a group with none', example: 'GB-CHC-1199001' }),
  name: z.string(),
  charityNumber: z.string().optional(),
  companyNumber: z.string().optional(),
});

const dates = z.object({ startDate: day, endDate: day, duration: z.number().optional().meta({ description: 'Months' }) });

const grant = z
  .object({
    id: z.string().meta({ example: '360G-CYMUNED-CFP-2026-000123' }),
    title: z.string(),
    description: z.string(),
    currency: z.literal('GBP'),
    amountAwarded: z.number().meta({ description: 'Pounds (not pence)', example: 18000 }),
    amountDisbursed: z.number().optional().meta({ description: 'Pounds paid so far; absent before the first payment' }),
    awardDate: day.meta({ description: 'The date of the decision to award, in Wales' }),
    plannedDates: z.array(dates),
    actualDates: z.array(dates).optional(),
    recipientOrganization: z.array(organisation),
    fundingOrganization: z.array(organisation),
    grantProgramme: z.array(z.object({ code: z.string(), title: z.string() })),
    beneficiaryLocation: z.array(
      z.object({
        geoCode: z.string().meta({ example: 'W01000001' }),
        geoCodeType: z.string().meta({ description: '360Giving geoCodeType codelist: LSOA, or UA for a council', example: 'LSOA' }),
        name: z.string().optional(),
        countryCode: z.literal('GB'),
      }),
    ),
    fromOpenCall: z.enum(['Yes', 'No']),
    dateModified: z.string().meta({ description: 'Full date-time' }),
  })
  .meta({ id: 'ThreeSixtyGivingGrant', description: 'One grant in the 360Giving Data Standard 1.4' });

export const threeSixtyGivingPackageResponse = describes<ThreeSixtyGivingPackage>()(
  z
    .object({
      version: z.literal('1.4'),
      title: z.string(),
      description: z.string(),
      identifier: z.string(),
      issued: z.string(),
      modified: z.string(),
      license: z.string().meta({ description: 'The licence of the data (Open Government Licence v3.0)' }),
      publisher: z.object({ identifier: z.string(), name: z.string(), prefix: z.string().meta({ example: '360G-CYMUNED' }) }),
      grants: z.array(grant),
    })
    .meta({ id: 'ThreeSixtyGivingPackage', description: 'A 360Giving data package: https://standard.threesixtygiving.org' }),
);

export const threeSixtyGivingCsvResponse = z.string().meta({
  description: 'The same grants in 360Giving’s flat layout: one row per grant, UTF-8, RFC 4180, column titles as in the 360Giving templates',
});
