import type { Actor } from '../../access/actor.js';
import type { PrismaClient } from '../../db/prisma.js';
import type { Language } from '../../domain/bilingual.js';
import { groupActionWording, stageOf, transferStatusWording, type GroupAction } from '../../domain/cat/status.js';
import { applicantRoles } from '../../domain/roles.js';
import type { TransferState } from '../../workflows/asset-transfer.messages.js';
import { findTransferFor } from './find-transfer.js';

/**
 * A transfer as its reader sees it: the case as the workflow last recorded it, with where it stands in
 * plain words in the reader's language. Staff notes never reach the snapshot (they are case events), so
 * the group and the body read the same case; only who the case officer is stays with the staff, as on a
 * CFP application.
 */
export type TransferView = Omit<TransferState, 'caseOfficerId' | 'groupAction'> & {
  statusText: string;
  stage: ReturnType<typeof stageOf>;
  groupAction: { action: GroupAction; dueAt: string | null; text: string } | null;
  /** Staff only: the asset officer handling the case. */
  caseOfficerId?: string | null;
  createdAt: string;
  updatedAt: string;
};

function view(state: TransferState, language: Language, times: { createdAt: Date; updatedAt: Date }, asStaff: boolean): TransferView {
  const { caseOfficerId, groupAction, ...rest } = state;
  return {
    ...rest,
    statusText: transferStatusWording[state.status][language],
    stage: stageOf(state.status),
    groupAction: groupAction && { ...groupAction, text: groupActionWording[groupAction.action][language] },
    ...(asStaff ? { caseOfficerId } : {}),
    createdAt: times.createdAt.toISOString(),
    updatedAt: times.updatedAt.toISOString(),
  };
}

/** A transfer from the read model (never from the workflow), for the group, the owning body and staff. */
export async function getTransfer({ prisma, actor, reference }: { prisma: PrismaClient; actor: Actor | undefined; reference: string }): Promise<TransferView> {
  const { transfer, actingAs } = await findTransferFor({ prisma, actor, reference, action: 'transfer.read' });
  const state = transfer.snapshot as unknown as TransferState;
  const asStaff = actingAs !== null && !applicantRoles.includes(actingAs.role);
  // The grants relying on it are the row's: a grant that named a transfer whose workflow had closed is
  // listed there by the grant's own event (record-case-event.ts), not in the transfer's last snapshot.
  return view({ ...state, linkedApplications: transfer.linkedApplications }, actor?.language ?? 'en', transfer, asStaff);
}
