import { z } from 'zod';
import type { PrismaClient } from '../../db/prisma.js';
import { AppError } from '../../domain/app-error.js';
import { oneLineText, plainText } from '../../domain/text.js';
import { findWimdArea } from '../../wimd/find-wimd-area.js';
import { lsoaCode } from '../applications/answers.schema.js';
import { message } from '../../domain/validation-messages.js';

// What the API accepts about an asset, for the register, a group's request and an officer's changes alike.

export const assetKinds = ['building', 'land', 'building_and_land'] as const;
export type AssetKind = (typeof assetKinds)[number];
export { assetAvailabilities, type AssetAvailability } from '../../domain/cat/asset-availability.js';

const postcodeShape = /^[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}$/;

/** A UK postcode, spelled as Royal Mail prints it: upper case, one space before the last three characters. */
const postcode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(postcodeShape, message('postcode'))
  .transform((value) => {
    const compact = value.replace(' ', '');
    return `${compact.slice(0, -3)} ${compact.slice(-3)}`;
  })
  .meta({ description: 'A UK postcode, in either case; stored in upper case with one space', example: 'LL63 5BN' });

/** The Unique Property Reference Number, as digits (up to 12). */
const uprn = z
  .string()
  .regex(/^\d{1,12}$/, message('uprn'))
  .meta({ description: 'Unique Property Reference Number, 1 to 12 digits', example: '10023456789' });

export const assetFields = {
  name: oneLineText(200).meta({ example: 'Hen Ysgol Llanfair' }),
  address: plainText(500),
  postcode,
  uprn,
  kind: z.enum(assetKinds),
  currentUse: plainText(500).meta({ description: 'What the asset is used for now', example: 'Empty since 2024' }),
  conditionNotes: plainText(2000).meta({ description: 'Known condition, repairs needed, surveys done' }),
  openSpace: z.boolean().meta({ description: 'Open space: disposing of it needs a public notice and objections considered (LGA 1972 s.123(2A))' }),
  lsoaCode: lsoaCode.meta({
    description: 'The small area (LSOA) the asset is in; its WIMD rank and local authority are looked up from it',
    example: 'W01000001',
  }),
};

/** The fields a new asset needs (a register entry or a group's request); the rest may be left out. */
export const newAssetFields = {
  ...assetFields,
  postcode: assetFields.postcode.optional(),
  uprn: assetFields.uprn.optional(),
  conditionNotes: assetFields.conditionNotes.optional(),
  lsoaCode: assetFields.lsoaCode.optional(),
};

/** The columns an asset's small area fills in, all null when it has none. */
export interface AssetArea {
  lsoaCode: string | null;
  localAuthorityCode: string | null;
  localAuthorityName: string | null;
  wimdEdition: string | null;
  wimdRank: number | null;
  wimdDecile: number | null;
}

export const noArea: AssetArea = { lsoaCode: null, localAuthorityCode: null, localAuthorityName: null, wimdEdition: null, wimdRank: null, wimdDecile: null };

/** The asset's local authority and deprivation, from WIMD; an LSOA WIMD does not know is refused. */
export async function assetArea(prisma: PrismaClient, code: string | null | undefined): Promise<AssetArea> {
  if (code === null || code === undefined) return noArea;
  const area = await findWimdArea(prisma, code);
  if (!area) {
    throw new AppError('invalid_input', {
      cy: `Nid yw ${code} yn ardal fach (LSOA) ym Mynegai Amddifadedd Lluosog Cymru`,
      en: `${code} is not a small area (LSOA) in the Welsh Index of Multiple Deprivation`,
    });
  }
  return {
    lsoaCode: area.lsoaCode,
    localAuthorityCode: area.localAuthorityCode,
    localAuthorityName: area.localAuthorityName,
    wimdEdition: area.edition,
    wimdRank: area.rank,
    wimdDecile: area.decile,
  };
}
