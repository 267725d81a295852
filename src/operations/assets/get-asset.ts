import type { Actor } from '../../access/actor.js';
import { enforce } from '../../access/policy.js';
import type { PrismaClient } from '../../db/prisma.js';
import { assetView, findAsset, ownerNames, type AssetView } from './asset-view.js';

/** One asset of a register. Registers are public, as the bodies that own the assets publish them. */
export async function getAsset({ prisma, actor, id }: { prisma: PrismaClient; actor: Actor | undefined; id: string }): Promise<AssetView> {
  enforce(actor, 'asset.read');
  const row = await findAsset(prisma, id);
  const owners = await ownerNames(prisma, [row]);
  return assetView(row, owners.get(row.ownerOrganisationId) ?? '');
}
