import type { ResolvedTransferProcess, TransferProcess } from '../../src/domain/cat/process.js';
import type { PrismaClient } from '../../src/db/prisma.js';
import { loadTransferProcesses } from '../../src/programmes/transfer-processes.js';
import type { TransferAsset, TransferState } from '../../src/workflows/asset-transfer.messages.js';

// Community Asset Transfer fixtures: the configured processes with waits short enough for a test, and
// assets on a council's register.

/**
 * A configured process (the default one unless `owner` names another) with every wait long enough never
 * to fire in a test, then `durations`/`monitoring` overrides for the waits a test wants to see.
 */
export async function testProcess(
  owner = 'default',
  overrides: {
    durations?: Partial<TransferProcess['durations']>;
    monitoring?: Partial<TransferProcess['monitoring']>;
    valuation?: Partial<ResolvedTransferProcess['valuation']>;
  } = {},
): Promise<ResolvedTransferProcess> {
  const configured = (await loadTransferProcesses()).effectiveFor(owner, new Date());
  return {
    ...configured,
    durations: {
      ...configured.durations,
      serviceLevels: {},
      groupResponseWindow: '1 hour',
      groupReminderBefore: '30 minutes',
      objectionPeriod: '1 hour',
      ...overrides.durations,
    },
    monitoring: { ...configured.monitoring, reports: 2, reportEvery: '1 hour', reminderBefore: '30 minutes', overdueAfter: '1 hour', ...overrides.monitoring },
    valuation: { ...configured.valuation, ...overrides.valuation },
  };
}

/** An asset on `ownerId`'s register, in the read model, as the workflow is given it. */
export async function insertAsset(prisma: PrismaClient, ownerId: string, options: { name?: string; openSpace?: boolean } = {}): Promise<TransferAsset> {
  const asset = await prisma.asset.create({
    data: {
      ownerOrganisationId: ownerId,
      name: options.name ?? 'Hen Ysgol y Pentref',
      address: 'Stryd yr Ysgol, Llanfair',
      kind: options.openSpace ? 'land' : 'building',
      currentUse: options.openSpace ? 'Cae chwarae' : 'Gwag',
      openSpace: options.openSpace ?? false,
      availability: 'offered',
      lsoaCode: 'W01000001',
      localAuthorityCode: 'W06000001',
      localAuthorityName: 'Isle of Anglesey',
      wimdRank: 1000,
      wimdDecile: 6,
    },
  });
  return {
    id: asset.id,
    name: asset.name,
    address: asset.address,
    openSpace: asset.openSpace,
    lsoaCode: asset.lsoaCode,
    localAuthorityCode: asset.localAuthorityCode,
    wimdRank: asset.wimdRank,
    wimdDecile: asset.wimdDecile,
  };
}

/** A transfer at its enquiry, as the read model would hold it after its first event. */
export function transferRow({
  reference,
  group,
  owner,
  asset,
}: {
  reference: string;
  group: { id: string; name: string };
  owner: { id: string; name: string };
  asset: { id: string; name: string; address: string };
}) {
  const at = new Date('2026-06-01T09:00:00Z');
  const state: TransferState = {
    reference,
    processVersion: 'WG-CAT-GUIDE-2016',
    owner,
    organisation: group,
    asset: {
      id: asset.id,
      name: asset.name,
      address: asset.address,
      openSpace: false,
      lsoaCode: null,
      localAuthorityCode: null,
      wimdRank: null,
      wimdDecile: null,
    },
    language: 'cy',
    status: 'enquiry',
    caseOfficerId: null,
    proposedUse: 'Canolfan gymunedol',
    expressionOfInterest: null,
    businessPlan: null,
    gates: [],
    evaluation: null,
    consent: null,
    headsOfTerms: null,
    openSpace: null,
    completion: null,
    monitoring: null,
    clock: null,
    groupAction: null,
    linkedApplications: [],
    closingReason: null,
    endedAt: null,
    lastSequence: 1,
  };
  return {
    reference,
    processVersion: state.processVersion,
    ownerOrganisationId: owner.id,
    ownerName: owner.name,
    organisationId: group.id,
    organisationName: group.name,
    assetId: asset.id,
    assetName: asset.name,
    openSpace: false,
    language: 'cy',
    status: 'enquiry',
    stage: 'enquiry',
    snapshot: state as unknown as object,
    lastEventSequence: 1,
    createdAt: at,
    updatedAt: at,
  };
}
