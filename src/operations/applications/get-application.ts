import type { Actor } from '../../access/actor.js';
import { audienceOf } from '../../access/audience.js';
import { applicationScope, readerAllowed } from '../../access/reader.js';
import type { PrismaClient } from '../../db/prisma.js';
import type { Language } from '../../domain/bilingual.js';
import type { Audience } from '../../domain/case-audience.js';
import { nextStepWording, tenureConditionWording } from '../../domain/cfp/group-wording.js';
import { staffGroupActionWording, staffNextStepWording, staffStatusWording } from '../../domain/cfp/staff-wording.js';
import { groupActionWording, statusWording } from '../../domain/cfp/status.js';
import type { CfpApplicationState } from '../../workflows/cfp-application.messages.js';
import { caseNotes, type CaseNote } from '../case-notes.js';
import { findApplicationFor } from './find-application.js';

/**
 * While nothing is the group's to do, what the programme is doing and by when the group will hear: the
 * running stage's service-level date, the list's `stageDueAt`. None while the clock is stopped (the group
 * has something to answer then, in `groupAction`). Staff read it in their own words.
 */
function nextStep(state: CfpApplicationState, language: Language, audience: Audience) {
  const clock = state.clock;
  const wordings: Partial<Record<string, { cy: string; en: string }>> = audience === 'staff' ? staffNextStepWording : nextStepWording;
  const wording = clock && wordings[clock.stage];
  if (state.applicantAction || !clock?.dueAt || !wording) return null;
  return { stage: clock.stage, dueAt: clock.dueAt, text: wording[language] };
}

/**
 * What the group itself sees of its application: its answers and where it stands, never the internals.
 * Staff get the same fields, with where it stands in their own words (src/domain/cfp/staff-wording.ts).
 */
function groupView(state: CfpApplicationState, language: Language, audience: Audience) {
  const status = audience === 'staff' ? staffStatusWording : statusWording;
  const action = audience === 'staff' ? staffGroupActionWording : groupActionWording;
  return {
    reference: state.reference,
    policyVersion: state.policyVersion,
    organisation: state.organisation,
    language: state.language,
    projectTitle: state.projectTitle,
    status: state.status,
    statusText: status[state.status][language],
    fastTrack: state.fastTrack,
    tier: state.tier,
    eoi: state.eoi,
    area: state.area,
    fullApplication: state.fullApplication,
    fullApplicationDueAt: state.fullApplicationDueAt,
    screening: state.screening && {
      automatic: {
        eligible: state.screening.automatic.eligible,
        reasons: state.screening.automatic.reasons.map((r) => ({ code: r.code, met: r.met, text: r.text[language] })),
      },
      outcome: state.screening.outcome,
      reasons: state.screening.reasons,
    },
    decision: state.decision && {
      outcome: state.decision.outcome,
      amountPence: state.decision.amountPence,
      reasons: state.decision.reasons,
      at: state.decision.at,
    },
    offer: state.offer && {
      amountPence: state.offer.amountPence,
      conditions: state.offer.conditions.map((c) => c[language]),
      offeredAt: state.offer.offeredAt,
      acceptBy: state.offer.acceptBy,
    },
    informationRequest: state.informationRequest,
    // The workflow's `applicantAction`, named as a transfer names the same thing: the group's next step.
    groupAction: state.applicantAction && { ...state.applicantAction, text: action[state.applicantAction.action][language] },
    nextStep: nextStep(state, language, audience),
    tenure: state.tenureTransfer && {
      transferReference: state.tenureTransfer.transferReference,
      condition: state.tenureTransfer.condition,
      text: tenureConditionWording[state.tenureTransfer.condition][language],
    },
    closingReason: state.closingReason,
    lastSequence: state.lastSequence,
  };
}

/**
 * An assessor sees other assessors' scores only once they have declared they have no conflict of
 * interest in the application; until then (or with a conflict) the scores are left out.
 */
function assessorCasework(state: CfpApplicationState, personId: string | undefined): CfpApplicationState {
  const cleared = state.conflicts.some((c) => c.assessorId === personId && !c.conflict);
  if (cleared) return state;
  return {
    ...state,
    assessments: [],
    moderation: null,
    score: null,
    recommendation: null,
    conflicts: state.conflicts.filter((c) => c.assessorId === personId),
  };
}

export type ApplicationView = ReturnType<typeof groupView> & {
  /** Staff only: the whole case as the workflow last recorded it. */
  casework?: CfpApplicationState;
  /** Staff only: the staff notes on the case, oldest first. */
  notes?: CaseNote[];
};

/**
 * An application from the read model (never from the workflow). Staff get the whole case and its notes;
 * the group and its invited advisers get their view of it, in the reader's language.
 */
export async function getApplication({
  prisma,
  actor,
  reference,
  language,
}: {
  prisma: PrismaClient;
  actor: Actor | undefined;
  reference: string;
  language: Language;
}): Promise<ApplicationView> {
  const { application } = await findApplicationFor({ prisma, actor, reference, action: 'application.read' });
  const reader = readerAllowed(actor, 'application.read', applicationScope(application));
  const state = application.snapshot as unknown as CfpApplicationState;
  const audience = audienceOf(reader);
  const view: ApplicationView = groupView(state, language, audience);
  if (reader.kind === 'programme_staff') {
    view.casework = reader.grant.role === 'assessor' ? assessorCasework(state, actor?.personId) : state;
    view.notes = await caseNotes(prisma, reference);
  }
  return view;
}
