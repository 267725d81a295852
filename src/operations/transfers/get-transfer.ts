import type { Actor } from '../../access/actor.js';
import { audienceOf } from '../../access/audience.js';
import { isStaff, readerAllowed, transferScope } from '../../access/reader.js';
import type { PrismaClient } from '../../db/prisma.js';
import type { Language } from '../../domain/bilingual.js';
import type { Audience } from '../../domain/case-audience.js';
import { documentKindLabel } from '../../domain/labels.js';
import { staffGroupActionWording, staffTransferStatusWording } from '../../domain/cat/staff-wording.js';
import { groupActionWording, stageOf, transferStatusWording, type GroupAction } from '../../domain/cat/status.js';
import type { TransferDocument, TransferState } from '../../workflows/asset-transfer.messages.js';
import { caseNotes, type CaseNote } from '../case-notes.js';
import { findTransferFor } from './find-transfer.js';

type OpenSpace = NonNullable<TransferState['openSpace']>;

/**
 * A transfer as its reader sees it: the case as the workflow last recorded it, with where it stands in
 * plain words in the reader's language. The group is told that objections came and when, never who made
 * them or what they said; who the case officer is and the staff notes stay with the staff, who get them as
 * on a CFP application (the whole case in `casework`, and `notes`), and read where the case stands in their
 * own words (src/domain/cat/staff-wording.ts).
 */
type Documented<T extends { documents: TransferDocument[] } | null> = T extends null
  ? null
  : Omit<NonNullable<T>, 'documents'> & { documents: (TransferDocument & { kindText: string })[] };

export type TransferView = Omit<TransferState, 'caseOfficerId' | 'groupAction' | 'openSpace' | 'expressionOfInterest' | 'businessPlan'> & {
  /** Each document with its kind named in the reader's language (`kindText`), as well as by its code. */
  expressionOfInterest: Documented<TransferState['expressionOfInterest']>;
  businessPlan: Documented<TransferState['businessPlan']>;
  statusText: string;
  stage: ReturnType<typeof stageOf>;
  groupAction: { action: GroupAction; dueAt: string | null; text: string } | null;
  /** The group gets each objection's date only; staff get who objected and on what grounds. */
  openSpace: (Omit<OpenSpace, 'objections'> & { objections: ({ at: string } | OpenSpace['objections'][number])[] }) | null;
  /** Staff only: the whole case as the workflow last recorded it (its `caseOfficerId` among it). */
  casework?: TransferState;
  /** Staff only: the staff notes on the case, oldest first. */
  notes?: CaseNote[];
  createdAt: string;
  updatedAt: string;
};

/** Who the case officer is stays with the staff, who find it in `casework`. */
const withoutCaseOfficer = ({ caseOfficerId: _staffOnly, ...rest }: TransferState) => rest;

function view(state: TransferState, language: Language, times: { createdAt: Date; updatedAt: Date }, audience: Audience): TransferView {
  const { groupAction, openSpace, expressionOfInterest, businessPlan, ...rest } = withoutCaseOfficer(state);
  const named = (documents: TransferDocument[]) => documents.map((document) => ({ ...document, kindText: documentKindLabel(document.kind)[language] }));
  const asStaff = audience === 'staff';
  const status = asStaff ? staffTransferStatusWording : transferStatusWording;
  const action = asStaff ? staffGroupActionWording : groupActionWording;
  return {
    ...rest,
    expressionOfInterest: expressionOfInterest && { ...expressionOfInterest, documents: named(expressionOfInterest.documents) },
    businessPlan: businessPlan && { ...businessPlan, documents: named(businessPlan.documents) },
    openSpace: openSpace && (asStaff ? openSpace : { ...openSpace, objections: openSpace.objections.map(({ at }) => ({ at })) }),
    statusText: status[state.status][language],
    stage: stageOf(state.status),
    groupAction: groupAction && { ...groupAction, text: action[groupAction.action][language] },
    createdAt: times.createdAt.toISOString(),
    updatedAt: times.updatedAt.toISOString(),
  };
}

/** A transfer from the read model (never from the workflow), for the group, the owning body and staff. */
export async function getTransfer({
  prisma,
  actor,
  reference,
  language,
}: {
  prisma: PrismaClient;
  actor: Actor | undefined;
  reference: string;
  language: Language;
}): Promise<TransferView> {
  const { transfer } = await findTransferFor({ prisma, actor, reference, action: 'transfer.read' });
  const reader = readerAllowed(actor, 'transfer.read', transferScope(transfer));
  // The grants relying on it are the row's: a grant that named a transfer whose workflow had closed is
  // listed there by the grant's own event (record-case-event.ts), not in the transfer's last snapshot.
  const state: TransferState = { ...(transfer.snapshot as unknown as TransferState), linkedApplications: transfer.linkedApplications };
  const result = view(state, language, transfer, audienceOf(reader));
  if (isStaff(reader)) {
    result.casework = state;
    result.notes = await caseNotes(prisma, reference);
  }
  return result;
}
