import type { Client } from '@temporalio/client';
import { z } from 'zod';
import type { Actor } from '../../access/actor.js';
import { enforce } from '../../access/policy.js';
import { caseReferenceForCommand } from '../../db/command-reference.js';
import type { CaseEventSignals } from '../../db/case-event-signals.js';
import type { PrismaClient } from '../../db/prisma.js';
import { AppError } from '../../domain/app-error.js';
import { plainText } from '../../domain/text.js';
import type { TransferProcessCatalogue } from '../../programmes/transfer-processes.js';
import { ASSET_TRANSFER_WORKFLOW, transferOpened, type TransferCommandResult, type TransferStart } from '../../workflows/asset-transfer.messages.js';
import type { CommandActor } from '../../workflows/case/case.messages.js';
import { organisationActedFor } from '../organisation-acted-for.js';
import { currentCommandId } from '../../primitives/request-context.js';
import { startCase } from '../case-commands/start-case.js';

export const startTransferInput = z.strictObject({
  /** The group asking; may be left out by someone who acts for one group only. */
  organisationId: z.uuid().optional().meta({ description: 'The group asking; may be left out by a member of one group only' }),
  assetId: z.uuid().meta({ description: 'The asset, as it is on its owner’s register' }),
  /** The language the group works in on this transfer. */
  language: z.enum(['cy', 'en']).meta({ description: 'The language the group works in on this transfer' }),
  proposedUse: plainText(2000).meta({ description: 'What the group would use the asset for' }),
  message: plainText(5000).meta({ description: 'The group’s first message to the body that owns the asset' }),
});

export type StartTransferInput = z.infer<typeof startTransferInput>;

export interface StartTransferOptions {
  prisma: PrismaClient;
  /** Wakes the wait for the command's events as soon as the worker writes them (the API's). */
  signals?: CaseEventSignals;
  temporal: Client;
  taskQueue: string;
  transferProcesses: TransferProcessCatalogue;
  actor: Actor | undefined;
  input: StartTransferInput;
  now: Date;
}

/** Assets that can no longer be asked for: gone to a group already, or taken off the register. */
const unavailable = new Set(['transferred', 'withdrawn']);

/**
 * Opens a community asset transfer for a group on an asset of a public body's register: gives it its
 * reference and starts its workflow under the owning body's process in force today (or the default one),
 * in one step (update-with-start), so the case is in the read model when this returns.
 */
export async function startTransfer({
  prisma,
  signals,
  temporal,
  taskQueue,
  transferProcesses,
  actor,
  input,
  now,
}: StartTransferOptions): Promise<TransferCommandResult> {
  const organisationId = organisationActedFor(actor, input.organisationId);
  const actingAs = enforce(actor, 'transfer.create', { organisationId });
  if (!actor || !actingAs || !organisationId) throw new Error('transfer.create is allowed only to a member acting for a group');
  const organisation = await prisma.organisation.findUniqueOrThrow({ where: { id: organisationId }, select: { id: true, name: true } });

  const asset = await prisma.asset.findUnique({ where: { id: input.assetId } });
  if (!asset) {
    throw new AppError('not_found', { cy: `Nid oes ased ${input.assetId} ar y gofrestr`, en: `There is no asset ${input.assetId} on the register` });
  }
  if (unavailable.has(asset.availability)) {
    throw new AppError('conflict', {
      cy: asset.availability === 'transferred' ? `Mae ${asset.name} wedi ei drosglwyddo eisoes` : `Tynnwyd ${asset.name} oddi ar y gofrestr asedau`,
      en: asset.availability === 'transferred' ? `${asset.name} has already been transferred` : `${asset.name} was withdrawn from the asset register`,
    });
  }
  const owner = await prisma.organisation.findUniqueOrThrow({ where: { id: asset.ownerOrganisationId }, select: { id: true, name: true, orgId: true } });
  const process = transferProcesses.effectiveFor(owner.orgId, now);

  const commandId = currentCommandId();
  const reference = await caseReferenceForCommand(prisma, commandId, 'CAT', now.getUTCFullYear());
  const sender: CommandActor = { personId: actor.personId, role: actingAs.role, organisationId, delegatedLimitPence: null };
  const start: TransferStart = {
    reference,
    process,
    asset: {
      id: asset.id,
      name: asset.name,
      address: asset.address,
      openSpace: asset.openSpace,
      lsoaCode: asset.lsoaCode,
      localAuthorityCode: asset.localAuthorityCode,
      wimdRank: asset.wimdRank,
      wimdDecile: asset.wimdDecile,
    },
    owner: { id: owner.id, name: owner.name },
    organisation,
    language: input.language,
    proposedUse: input.proposedUse,
    message: input.message,
    createdBy: sender,
    at: now.toISOString(),
  };

  return startCase({
    recorded: { prisma, signals },
    temporal,
    taskQueue,
    workflowType: ASSET_TRANSFER_WORKFLOW,
    reference,
    start,
    update: transferOpened,
    args: [],
    closed: { cy: 'Mae’r trosglwyddiad hwn wedi cau', en: 'This transfer is closed' },
  });
}
