import { z } from 'zod';
import type { Prisma } from '../../../generated/prisma/client.js';
import type { Actor } from '../../access/actor.js';
import { enforce } from '../../access/policy.js';
import type { PrismaClient } from '../../db/prisma.js';
import { oneLineText } from '../../domain/text.js';
import { decodePageCursor, encodePageCursor } from '../page-cursor.js';
import { assetAvailabilities, assetFields, assetKinds } from './asset-input.js';
import { assetView, ownerNames, type AssetView } from './asset-view.js';
import { message } from '../../domain/validation-messages.js';

export const maxAssetPageSize = 200;

export const listAssetsQuery = z.strictObject({
  ownerOrganisationId: z.uuid().optional().meta({ description: 'The public body that owns the assets' }),
  availability: z.enum(assetAvailabilities).optional(),
  localAuthorityCode: z
    .string()
    .regex(/^W06\d{6}$/, message('localAuthorityCode'))
    .optional()
    .meta({ description: 'Local authority (ONS code) of the asset’s small area', example: 'W06000015' }),
  openSpace: z
    .enum(['true', 'false'])
    .transform((value) => value === 'true')
    .optional()
    .meta({ description: '`true`: open space only; `false`: no open space' }),
  kind: z.enum(assetKinds).optional(),
  q: oneLineText(200).optional().meta({ description: 'Part of the asset’s name, in any case', example: 'ysgol' }),
  place: oneLineText(200).optional().meta({ description: 'Part of the asset’s address or postcode, in any case', example: 'Llanfair' }),
  limit: z.coerce.number().int().min(1).max(maxAssetPageSize).default(50),
  cursor: z.string().min(1).max(1000).optional().meta({ description: 'The `nextCursor` of the page before, unchanged' }),
});

export type ListAssetsQuery = z.output<typeof listAssetsQuery>;

export interface AssetPage {
  items: AssetView[];
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

// The last asset of a page, by name then id. The name is checked as a name is, so no character PostgreSQL
// refuses (NUL) reaches the query.
const cursorKey = z.strictObject({ name: assetFields.name, id: z.uuid() });

/** Prisma passes `contains` to ILIKE unescaped: LIKE's wildcards (and its escape character) escaped match only themselves. */
function likeLiteral(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function filters(query: ListAssetsQuery): Prisma.AssetWhereInput[] {
  const where: Prisma.AssetWhereInput[] = [];
  if (query.ownerOrganisationId) where.push({ ownerOrganisationId: query.ownerOrganisationId });
  if (query.availability) where.push({ availability: query.availability });
  if (query.localAuthorityCode) where.push({ localAuthorityCode: query.localAuthorityCode });
  if (query.openSpace !== undefined) where.push({ openSpace: query.openSpace });
  if (query.kind) where.push({ kind: query.kind });
  if (query.q) where.push({ name: { contains: likeLiteral(query.q), mode: 'insensitive' } });
  if (query.place) {
    const place = likeLiteral(query.place);
    where.push({ OR: [{ address: { contains: place, mode: 'insensitive' } }, { postcode: { contains: place, mode: 'insensitive' } }] });
  }
  return where;
}

/**
 * The asset registers, or the part of them `query` asks for, a page at a time in order of name. Keyset
 * pagination by (name, id): a page is the same however many assets were added before it.
 */
export async function listAssets({ prisma, actor, query }: { prisma: PrismaClient; actor: Actor | undefined; query: ListAssetsQuery }): Promise<AssetPage> {
  enforce(actor, 'asset.read');
  const cursor = query.cursor === undefined ? undefined : decodePageCursor(query.cursor, cursorKey);
  const after: Prisma.AssetWhereInput[] = cursor ? [{ OR: [{ name: { gt: cursor.name } }, { name: cursor.name, id: { gt: cursor.id } }] }] : [];
  const rows = await prisma.asset.findMany({
    where: { AND: [...filters(query), ...after] },
    orderBy: [{ name: 'asc' }, { id: 'asc' }],
    // One more than asked for says whether there is a next page.
    take: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  const nextCursor = rows.length > query.limit && last ? encodePageCursor({ name: last.name, id: last.id }) : null;
  const owners = await ownerNames(prisma, page);
  return { items: page.map((row) => assetView(row, owners.get(row.ownerOrganisationId) ?? '')), nextCursor };
}
