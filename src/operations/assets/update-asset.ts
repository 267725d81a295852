import { z } from 'zod';
import type { Actor } from '../../access/actor.js';
import { enforce } from '../../access/policy.js';
import { appendAuditRecord } from '../../audit/append-audit-record.js';
import type { PrismaClient } from '../../db/prisma.js';
import { AppError } from '../../domain/app-error.js';
import { currentRequestId } from '../../primitives/request-context.js';
import { assetArea, assetFields } from './asset-input.js';
import { assetAuditStream, assetView, findAsset, ownerNames, type AssetRow, type AssetView } from './asset-view.js';
import { message } from '../../domain/validation-messages.js';

/** Any of an asset's details; null clears what may be left out. */
export const updateAssetInput = z
  .strictObject({
    name: assetFields.name.optional(),
    address: assetFields.address.optional(),
    postcode: assetFields.postcode.nullable().optional(),
    uprn: assetFields.uprn.nullable().optional(),
    kind: assetFields.kind.optional(),
    currentUse: assetFields.currentUse.optional(),
    conditionNotes: assetFields.conditionNotes.nullable().optional(),
    openSpace: assetFields.openSpace.optional(),
    lsoaCode: assetFields.lsoaCode.nullable().optional(),
    availability: z
      .enum(['offered', 'withdrawn'])
      .optional()
      .meta({ description: '`offered` puts the asset (or a group’s request) on the register; `withdrawn` takes it off' }),
  })
  .refine((input) => Object.values(input).some((value) => value !== undefined), message('changeSomething'));

export type UpdateAssetInput = z.output<typeof updateAssetInput>;

type Editable = Pick<
  AssetRow,
  | 'name'
  | 'address'
  | 'postcode'
  | 'uprn'
  | 'kind'
  | 'currentUse'
  | 'conditionNotes'
  | 'openSpace'
  | 'availability'
  | 'lsoaCode'
  | 'localAuthorityCode'
  | 'localAuthorityName'
  | 'wimdEdition'
  | 'wimdRank'
  | 'wimdDecile'
>;

export interface UpdateAssetOptions {
  prisma: PrismaClient;
  actor: Actor | undefined;
  id: string;
  /** The request's body, checked only once the actor is known to keep this asset's register. */
  input: unknown;
  now: Date;
}

/**
 * An asset officer of the body that owns the asset changes its details or its availability. Only what
 * differs is written, and the audit record names each change with its old and new values; a request that
 * changes nothing writes nothing.
 */
export async function updateAsset({ prisma, actor, id, input: body, now }: UpdateAssetOptions): Promise<AssetView> {
  const found = await findAsset(prisma, id);
  // Before anything else: to anyone but the owner's asset officers, the asset cannot be changed (or, to
  // another body's officers, is not there).
  const actingAs = enforce(actor, 'asset.manage', { organisationId: found.ownerOrganisationId });
  if (!actor || !actingAs) throw new Error('asset.manage is allowed only to an asset officer of the owning body');
  const input = updateAssetInput.parse(body);

  const next: Partial<Editable> = {};
  if (input.name !== undefined) next.name = input.name;
  if (input.address !== undefined) next.address = input.address;
  if (input.postcode !== undefined) next.postcode = input.postcode;
  if (input.uprn !== undefined) next.uprn = input.uprn;
  if (input.kind !== undefined) next.kind = input.kind;
  if (input.currentUse !== undefined) next.currentUse = input.currentUse;
  if (input.conditionNotes !== undefined) next.conditionNotes = input.conditionNotes;
  if (input.openSpace !== undefined) next.openSpace = input.openSpace;
  if (input.availability !== undefined) next.availability = input.availability;
  if (input.lsoaCode !== undefined) Object.assign(next, await assetArea(prisma, input.lsoaCode));

  const row = await prisma.$transaction(async (tx) => {
    // Held until commit, so the changes recorded are against what the asset really was.
    await tx.$queryRaw`SELECT id FROM asset WHERE id = ${found.id}::uuid FOR UPDATE`;
    const current = await tx.asset.findUniqueOrThrow({ where: { id: found.id } });
    if (next.availability !== undefined && next.availability !== current.availability && current.availability === 'transferred') {
      throw new AppError('conflict', {
        cy: 'Mae’r ased wedi ei drosglwyddo: ni ellir ei gynnig na’i dynnu’n ôl',
        en: 'The asset has been transferred: it cannot be offered or withdrawn',
      });
    }
    const changes: Record<string, { from: Editable[keyof Editable]; to: Editable[keyof Editable] }> = {};
    const changed: Partial<Editable> = {};
    for (const [field, value] of Object.entries(next) as [keyof Editable, Editable[keyof Editable]][]) {
      if (current[field] === value) continue;
      changes[field] = { from: current[field], to: value };
      Object.assign(changed, { [field]: value });
    }
    if (Object.keys(changes).length === 0) return current;
    const updated = await tx.asset.update({ where: { id: current.id }, data: { ...changed, updatedAt: now } });
    await appendAuditRecord(tx, {
      stream: assetAuditStream(updated),
      occurredAt: now,
      actor: { personId: actor.personId, role: actingAs.role, organisationId: actingAs.organisationId },
      requestId: currentRequestId(),
      command: 'asset.updated',
      summary: summaryOf(updated, changed),
      changes: { assetId: updated.id, ...changes },
    });
    return updated;
  });
  const owners = await ownerNames(prisma, [row]);
  return assetView(row, owners.get(row.ownerOrganisationId) ?? '');
}

function summaryOf(asset: AssetRow, changed: Partial<Editable>) {
  if (changed.availability === 'withdrawn')
    return { cy: `Tynnwyd ${asset.name} oddi ar y gofrestr asedau`, en: `${asset.name} was withdrawn from the asset register` };
  if (changed.availability === 'offered') return { cy: `Cynigir ${asset.name} ar y gofrestr asedau`, en: `${asset.name} is offered on the asset register` };
  return { cy: `Newidiwyd manylion ${asset.name} ar y gofrestr asedau`, en: `The details of ${asset.name} on the asset register were changed` };
}
