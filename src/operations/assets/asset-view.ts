import { organisationStream } from '../../audit/audit-stream.js';
import type { PrismaClient } from '../../db/prisma.js';
import { AppError } from '../../domain/app-error.js';
import { known } from '../../domain/input-schemas.js';
import { assetAvailabilities, assetKinds, type AssetAvailability, type AssetKind } from './asset-input.js';

/** An asset as the register shows it, to anyone. */
export interface AssetView {
  id: string;
  ownerOrganisationId: string;
  /** The public body that owns the asset. */
  ownerName: string;
  name: string;
  address: string;
  postcode: string | null;
  uprn: string | null;
  kind: AssetKind;
  currentUse: string;
  conditionNotes: string | null;
  openSpace: boolean;
  availability: AssetAvailability;
  lsoaCode: string | null;
  localAuthorityCode: string | null;
  localAuthorityName: string | null;
  wimdEdition: string | null;
  wimdRank: number | null;
  /** 1 is the most deprived tenth of Wales. */
  wimdDecile: number | null;
  createdAt: string;
  updatedAt: string;
}

// A value the register's columns hold that the code does not know is ours to put right, as in known().
const register = 'The asset register';

export type AssetRow = Awaited<ReturnType<PrismaClient['asset']['findUniqueOrThrow']>>;

export function assetView(row: AssetRow, ownerName: string): AssetView {
  return {
    id: row.id,
    ownerOrganisationId: row.ownerOrganisationId,
    ownerName,
    name: row.name,
    address: row.address,
    postcode: row.postcode,
    uprn: row.uprn,
    kind: known(assetKinds, row.kind, 'kind', register),
    currentUse: row.currentUse,
    conditionNotes: row.conditionNotes,
    openSpace: row.openSpace,
    availability: known(assetAvailabilities, row.availability, 'availability', register),
    lsoaCode: row.lsoaCode,
    localAuthorityCode: row.localAuthorityCode,
    localAuthorityName: row.localAuthorityName,
    wimdEdition: row.wimdEdition,
    wimdRank: row.wimdRank,
    wimdDecile: row.wimdDecile,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** The names of the bodies that own the assets, by organisation id. */
export async function ownerNames(prisma: PrismaClient, rows: readonly Pick<AssetRow, 'ownerOrganisationId'>[]): Promise<Map<string, string>> {
  const ids = [...new Set(rows.map((row) => row.ownerOrganisationId))];
  if (ids.length === 0) return new Map();
  const owners = await prisma.organisation.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } });
  return new Map(owners.map((owner) => [owner.id, owner.name]));
}

export function assetNotFound(id: string): AppError {
  return new AppError('not_found', { cy: `Nid oes ased ${id} ar y gofrestr`, en: `There is no asset ${id} on the register` });
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The asset with this id, or not found: a malformed id names nothing. */
export async function findAsset(prisma: PrismaClient, id: string): Promise<AssetRow> {
  if (!uuidPattern.test(id)) throw assetNotFound(id);
  const row = await prisma.asset.findUnique({ where: { id: id.toLowerCase() } });
  if (!row) throw assetNotFound(id);
  return row;
}

/**
 * The audit chain an asset's changes join: its owner's. The register is the body's, and audit streams are
 * cases, organisations, people or the system (src/audit/audit-stream.ts); `changes.assetId` says which asset.
 */
export function assetAuditStream(asset: Pick<AssetRow, 'ownerOrganisationId'>): string {
  return organisationStream(asset.ownerOrganisationId);
}
