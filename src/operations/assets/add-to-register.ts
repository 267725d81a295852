import type { z } from 'zod';
import { appendAuditRecord } from '../../audit/append-audit-record.js';
import type { PrismaClient } from '../../db/prisma.js';
import type { Bilingual } from '../../domain/bilingual.js';
import type { CommandActor } from '../../workflows/case/case.messages.js';
import { currentRequestId } from '../../primitives/request-context.js';
import { assetArea, type newAssetFields } from './asset-input.js';
import { assetAuditStream, assetView, type AssetView } from './asset-view.js';

type NewAsset = z.output<z.ZodObject<typeof newAssetFields>>;

/**
 * Puts an asset on `ownerOrganisationId`'s register as offered (by the body) or requested (by a group),
 * with its small area's local authority and WIMD rank looked up, and its audit record, in one transaction.
 */
export async function addToRegister(
  prisma: PrismaClient,
  {
    ownerOrganisationId,
    ownerName,
    asset,
    availability,
    by,
    summary,
    now,
  }: {
    ownerOrganisationId: string;
    ownerName: string;
    asset: NewAsset;
    availability: 'offered' | 'requested';
    by: Pick<CommandActor, 'personId' | 'role' | 'organisationId'>;
    summary: (name: string) => Bilingual;
    now: Date;
  },
): Promise<AssetView> {
  const area = await assetArea(prisma, asset.lsoaCode);
  const row = await prisma.$transaction(async (tx) => {
    const created = await tx.asset.create({
      data: {
        ownerOrganisationId,
        name: asset.name,
        address: asset.address,
        postcode: asset.postcode ?? null,
        uprn: asset.uprn ?? null,
        kind: asset.kind,
        currentUse: asset.currentUse,
        conditionNotes: asset.conditionNotes ?? null,
        openSpace: asset.openSpace,
        availability,
        ...area,
        createdAt: now,
        updatedAt: now,
      },
    });
    await appendAuditRecord(tx, {
      stream: assetAuditStream(created),
      occurredAt: now,
      actor: by,
      requestId: currentRequestId(),
      command: availability === 'offered' ? 'asset.registered' : 'asset.requested',
      summary: summary(created.name),
      changes: { assetId: created.id, availability, name: created.name, kind: created.kind, openSpace: created.openSpace, lsoaCode: created.lsoaCode },
    });
    return created;
  });
  return assetView(row, ownerName);
}
