import { z } from 'zod';
import type { Actor } from '../../access/actor.js';
import { enforce } from '../../access/policy.js';
import type { PrismaClient } from '../../db/prisma.js';
import { AppError } from '../../domain/app-error.js';
import { organisationActedFor } from '../organisation-acted-for.js';
import { addToRegister } from './add-to-register.js';
import { newAssetFields } from './asset-input.js';
import type { AssetView } from './asset-view.js';

export const requestAssetInput = z.strictObject({
  organisationId: z.uuid().optional().meta({ description: 'The group asking; may be left out by someone who acts for one group only' }),
  ownerOrganisationId: z.uuid().meta({ description: 'The public body the group believes owns the asset' }),
  ...newAssetFields,
});

export type RequestAssetInput = z.output<typeof requestAssetInput>;

export interface RequestAssetOptions {
  prisma: PrismaClient;
  actor: Actor | undefined;
  input: RequestAssetInput;
  now: Date;
}

/**
 * A group asks for an asset its owner has not put on the register: a group may ask about any asset of a
 * public body, not only those offered. It joins the body's register as requested, for the body's asset
 * officers to offer or withdraw.
 */
export async function requestAsset({ prisma, actor, input, now }: RequestAssetOptions): Promise<AssetView> {
  const organisationId = organisationActedFor(actor, input.organisationId);
  const actingAs = enforce(actor, 'asset.request', { organisationId });
  if (!actor || !actingAs || !organisationId) throw new Error('asset.request is allowed only to a member acting for a group');
  const owner = await prisma.organisation.findUnique({ where: { id: input.ownerOrganisationId }, select: { name: true, kind: true } });
  if (owner?.kind !== 'public_body') {
    throw new AppError('invalid_input', {
      cy: 'Nid yw ownerOrganisationId yn gorff cyhoeddus: enwch y cyngor neu’r corff sy’n berchen ar yr ased',
      en: 'ownerOrganisationId is not a public body: name the council or body that owns the asset',
    });
  }
  return addToRegister(prisma, {
    ownerOrganisationId: input.ownerOrganisationId,
    ownerName: owner.name,
    asset: input,
    availability: 'requested',
    by: { personId: actor.personId, role: actingAs.role, organisationId },
    summary: (name) => ({ cy: `Gofynnodd grŵp cymunedol am ${name}`, en: `A community group asked for ${name}` }),
    now,
  });
}
