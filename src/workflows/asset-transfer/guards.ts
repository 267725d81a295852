import {
  configurableStages,
  type ConfigurableStage,
  type Decider,
  type Gate,
  type GroupStage,
  type ResolvedTransferProcess,
} from '../../domain/cat/process.js';
import { notTheOwningBody, stepNotInProcess, whoMayAct } from '../../domain/cat/refusals.js';
import { deciderWording, transferStatusWording, type TransferStatus } from '../../domain/cat/status.js';
import type { ValuedCase } from '../../domain/cat/heads-of-terms.js';
import type { TransferTenure } from '../../domain/cat/tenure.js';
import { documentKindLabel, labelList } from '../../domain/labels.js';
import type { RoleName } from '../../domain/roles.js';
import { REFUSED_FORBIDDEN } from '../case/case.messages.js';
import { refuse } from '../case/refusal.js';
import { stageGuard, type StageGuard } from '../case/stage-guard.js';
import type { TransferDocument, TransferState } from '../asset-transfer.messages.js';

export const assetOfficers: readonly RoleName[] = ['asset_officer'];

/** Who may send a command on this transfer, and when: an asset officer only of the owning body, and only at a step its process has. */
export function transferGuard(state: TransferState, process: ResolvedTransferProcess): StageGuard<TransferStatus> {
  return stageGuard<TransferStatus>({
    organisationId: () => state.organisation.id,
    status: () => state.status,
    wording: {
      onlyRoles: (roles) => whoMayAct(roles, { group: state.organisation.name, owner: state.owner.name }),
      notYourGroup: { cy: 'Nid trosglwyddiad eich grŵp chi yw hwn', en: 'This is not your group’s transfer' },
      notNow: (status) => {
        const where = transferStatusWording[status];
        return { cy: `Ni ellir gwneud hyn nawr: ${where.cy.toLowerCase()}`, en: `This cannot be done now: ${where.en.toLowerCase()}` };
      },
    },
    also: ({ actor }, statuses) => {
      if (actor.role === 'asset_officer' && actor.organisationId !== state.owner.id) refuse(notTheOwningBody(state.owner.name), REFUSED_FORBIDDEN);
      // A step the body's process does not have is not something the case waits for.
      const steps = statuses.filter((status): status is ConfigurableStage => (configurableStages as readonly string[]).includes(status));
      const missing = steps.length === statuses.length && steps.every((step) => !process.stages.includes(step)) ? steps[0] : undefined;
      if (missing && !statuses.includes(state.status)) refuse(stepNotInProcess(missing, state.owner.name));
    },
  });
}

/** The decider the command names must be the one the body's process gives the gate. */
export function mustBeDecidedBy(process: ResolvedTransferProcess, gate: Gate, decidedBy: Decider): void {
  const expected = process.deciders[gate];
  if (expected && decidedBy !== expected) {
    refuse(
      { cy: `Yn y corff hwn, ${deciderWording[expected].cy} sy’n penderfynu hyn`, en: `In this body, ${deciderWording[expected].en} decides this` },
      REFUSED_FORBIDDEN,
    );
  }
}

export function mustHaveTerm(tenure: TransferTenure): void {
  if (tenure.kind !== 'freehold' && (tenure.termYears === null || tenure.termYears < 1)) {
    refuse({ cy: 'Rhowch hyd y brydles neu’r drwydded mewn blynyddoedd', en: 'Give the term of the lease or licence in years' });
  }
}

export function mustHaveDocuments(process: ResolvedTransferProcess, stage: GroupStage, documents: TransferDocument[]): void {
  const missing = (process.requiredDocuments[stage] ?? []).filter((kind) => !documents.some((d) => d.kind === kind));
  if (missing.length === 0) return;
  const names = labelList(missing.map(documentKindLabel));
  refuse({ cy: `Mae dogfennau ar goll: ${names.cy}`, en: `Documents are missing: ${names.en}` });
}

/** What the evaluation valued, for weighing a tenure other than the one it valued. */
export function valued(state: TransferState, evaluation: NonNullable<TransferState['evaluation']>): ValuedCase {
  const { marketValuePence, considerationPence, wellBeingJustification } = evaluation;
  return { marketValuePence, considerationPence, wellBeingJustification, ministersConsented: state.consent?.outcome === 'granted' };
}
