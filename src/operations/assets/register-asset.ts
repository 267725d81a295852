import { z } from 'zod';
import type { Actor } from '../../access/actor.js';
import { enforce } from '../../access/policy.js';
import type { PrismaClient } from '../../db/prisma.js';
import { AppError } from '../../domain/app-error.js';
import { addToRegister } from './add-to-register.js';
import { newAssetFields } from './asset-input.js';
import type { AssetView } from './asset-view.js';

export const registerAssetInput = z.strictObject({
  ownerOrganisationId: z
    .uuid()
    .optional()
    .meta({ description: 'The public body whose register it joins; may be left out by an asset officer of one body only' }),
  ...newAssetFields,
});

export type RegisterAssetInput = z.output<typeof registerAssetInput>;

export interface RegisterAssetOptions {
  prisma: PrismaClient;
  actor: Actor | undefined;
  input: RegisterAssetInput;
  now: Date;
}

/** The body an asset officer keeps the register of: the one they named, or their only one. */
function bodyActedFor(actor: Actor | undefined, named: string | undefined): string | undefined {
  if (named) return named;
  const bodies = new Set(actor?.grants.filter((g) => g.role === 'asset_officer').map((g) => g.organisationId));
  if (bodies.size > 1) {
    throw new AppError('invalid_input', {
      cy: 'Rydych yn swyddog asedau i fwy nag un corff: dewiswch pa un (ownerOrganisationId)',
      en: 'You are an asset officer for more than one body: say which one (ownerOrganisationId)',
    });
  }
  return [...bodies][0] ?? undefined;
}

/**
 * An asset officer puts one of their body's assets on its register, offered for transfer.
 */
export async function registerAsset({ prisma, actor, input, now }: RegisterAssetOptions): Promise<AssetView> {
  const ownerOrganisationId = bodyActedFor(actor, input.ownerOrganisationId);
  // The policy lets through only asset officers of this very body, so nothing below reveals another's.
  const actingAs = enforce(actor, 'asset.manage', { organisationId: ownerOrganisationId });
  if (!actor || !actingAs || !ownerOrganisationId) throw new Error('asset.manage is allowed only to an asset officer of the owning body');
  const owner = await prisma.organisation.findUnique({ where: { id: ownerOrganisationId }, select: { name: true, kind: true } });
  if (owner?.kind !== 'public_body') {
    throw new AppError('not_found', { cy: 'Nid oes corff cyhoeddus o’r fath', en: 'There is no such public body' });
  }
  return addToRegister(prisma, {
    ownerOrganisationId,
    ownerName: owner.name,
    asset: input,
    availability: 'offered',
    by: { personId: actor.personId, role: actingAs.role, organisationId: actingAs.organisationId },
    summary: (name) => ({ cy: `Ychwanegwyd ${name} at y gofrestr asedau`, en: `${name} was added to the asset register` }),
    now,
  });
}
