import { z } from 'zod';
import type { AssetView } from '../../operations/assets/asset-view.js';
import { assetAvailabilities, assetKinds } from '../../operations/assets/asset-input.js';
import type { AssetPage } from '../../operations/assets/list-assets.js';
import { describes } from '../describes.js';

/** The `:id` of an asset. A malformed one is simply not found. */
export const assetParams = z.object({
  id: z.string().meta({ description: 'The asset’s id, as registering or requesting it answered', example: '0f8e6c2a-5b1d-4c1e-9a43-2f6d1b7e9c10' }),
});

const instant = () => z.iso.datetime({ offset: true });

const asset = z
  .object({
    id: z.uuid(),
    ownerOrganisationId: z.uuid().meta({ description: 'The public body that owns the asset' }),
    ownerName: z.string(),
    name: z.string(),
    address: z.string(),
    postcode: z.string().nullable(),
    uprn: z.string().nullable().meta({ description: 'Unique Property Reference Number' }),
    kind: z.enum(assetKinds),
    currentUse: z.string(),
    conditionNotes: z.string().nullable(),
    openSpace: z.boolean().meta({ description: 'Disposing of open space needs a public notice and objections considered' }),
    availability: z.enum(assetAvailabilities).meta({
      description:
        'offered (on the register by its owner), requested (asked for by a group), withdrawn (taken off by its owner), transferred (to a group, by a completed transfer) or returned (to its owner, when community use stopped; its owner may offer it again)',
    }),
    lsoaCode: z.string().nullable().meta({ description: 'The small area (LSOA) the asset is in' }),
    localAuthorityCode: z.string().nullable(),
    localAuthorityName: z.string().nullable(),
    wimdEdition: z.string().nullable().meta({ description: 'The WIMD edition the rank and decile are from', example: 'WIMD2019' }),
    wimdRank: z.number().int().nullable().meta({ description: 'The small area’s WIMD rank, 1 being the most deprived' }),
    wimdDecile: z.number().int().min(1).max(10).nullable().meta({ description: '1 is the most deprived tenth of Wales' }),
    createdAt: instant(),
    updatedAt: instant(),
  })
  .meta({ id: 'Asset' });

export const assetResponse = describes<AssetView>()(asset);

export const assetPageResponse = describes<AssetPage>()(
  z
    .object({
      items: z.array(asset),
      nextCursor: z.string().nullable().meta({ description: 'Pass as `cursor` (with the same filters) for the next page; null on the last page' }),
    })
    .meta({ id: 'AssetPage' }),
);
