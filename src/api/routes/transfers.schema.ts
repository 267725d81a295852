import type { TransferOutcomesRow } from '../../operations/transfers/transfer-outcomes-report.js';
import { z } from 'zod';
import { groupActions, transferStatuses } from '../../domain/cat/status.js';
import { transferListStages, type TransferPage } from '../../operations/transfers/list-transfers.js';
import type { TransferCommandResult } from '../../workflows/asset-transfer.messages.js';
import { describes } from '../describes.js';
import { caseNote } from './applications.schema.js';
import { timelineResponse } from './timeline.schema.js';

/** The `:reference` in a transfer's path. A wrong one is simply not found. */
export const transferReferenceParams = z.object({
  reference: z.string().meta({ description: 'The transfer’s case reference', example: 'CAT-2026-000123' }),
});

const instant = () => z.iso.datetime({ offset: true });
const document = z.object({
  kind: z.string().meta({ description: 'The kind of document, by its code', example: 'governing_document' }),
  title: z.string(),
  kindText: z.string().meta({ description: 'The kind of document named in the reader’s language', example: 'governing document' }),
});
const tenure = z.object({ kind: z.enum(['licence', 'lease', 'freehold']), termYears: z.number().int().nullable() });

export const transferCommandResultResponse = describes<Omit<TransferCommandResult, 'recordedUpTo'>>()(
  z
    .object({
      reference: z.string().meta({ example: 'CAT-2026-000123' }),
      status: z.enum(transferStatuses),
      sequence: z.number().int().meta({ description: 'The case event the command wrote' }),
    })
    .meta({ id: 'TransferCommandResult' }),
);

/**
 * The main fields of a transfer; the rest of the case (gates, evaluation, open space, monitoring) is there too.
 * Staff also get `casework`, the whole case, and its `notes`, as on an application.
 */
export const transferResponse = z
  .looseObject({
    reference: z.string(),
    processVersion: z.string().meta({ description: 'The owning body’s transfer process version the case runs under' }),
    owner: z.object({ id: z.uuid(), name: z.string() }).meta({ description: 'The public body that owns the asset' }),
    organisation: z.object({ id: z.uuid(), name: z.string() }).meta({ description: 'The community group' }),
    asset: z.looseObject({ id: z.uuid(), name: z.string(), address: z.string(), openSpace: z.boolean() }),
    language: z.enum(['cy', 'en']),
    status: z.enum(transferStatuses),
    statusText: z.string().meta({ description: 'Where the transfer is, in plain words, in the reader’s language' }),
    stage: z.enum(transferListStages),
    groupAction: z
      .object({ action: z.enum(groupActions), dueAt: z.string().nullable(), text: z.string() })
      .nullable()
      .meta({ description: 'What the group must do next, and by when; `text` as written to the group, or to staff in their own words' }),
    linkedApplications: z.array(z.string()).meta({ description: 'CFP applications relying on this transfer for security of tenure' }),
    expressionOfInterest: z
      .looseObject({ documents: z.array(document) })
      .nullable()
      .optional()
      .meta({ description: 'The group’s expression of interest, once sent' }),
    businessPlan: z
      .looseObject({ documents: z.array(document) })
      .nullable()
      .optional()
      .meta({ description: 'The group’s business plan, once sent' }),
    openSpace: z
      .looseObject({
        objections: z.array(z.object({ at: instant(), objector: z.string().optional(), summary: z.string().optional() })).meta({
          description:
            'Each objection to the open space disposal: the group is told when it came; only staff get who objected (`objector`) and what they said (`summary`)',
        }),
      })
      .nullable()
      .optional(),
    casework: z
      .record(z.string(), z.unknown())
      .optional()
      .meta({ description: 'Staff only: the whole case as the workflow last recorded it (its `caseOfficerId`, the asset officer handling it, among it)' }),
    notes: z
      .array(caseNote)
      .optional()
      .meta({ description: 'Staff only: the staff notes on the case, oldest first. Never shown to the group, nor in its timeline' }),
    lastSequence: z.number().int(),
    createdAt: instant(),
    updatedAt: instant(),
  })
  .meta({ id: 'Transfer' });

export const transferPageResponse = describes<TransferPage>()(
  z
    .object({
      items: z.array(
        z
          .object({
            reference: z.string().meta({ example: 'CAT-2026-000123' }),
            processVersion: z.string(),
            ownerOrganisationId: z.uuid(),
            ownerName: z.string(),
            organisationId: z.uuid(),
            organisationName: z.string(),
            assetId: z.uuid(),
            assetName: z.string(),
            openSpace: z.boolean(),
            localAuthorityCode: z.string().nullable(),
            wimdDecile: z.number().int().min(1).max(10).nullable(),
            language: z.enum(['cy', 'en']),
            status: z.enum(transferStatuses),
            statusText: z.string().meta({ description: 'The status in plain words, in the reader’s language' }),
            stage: z.enum(transferListStages),
            caseOfficerId: z.uuid().nullable().optional().meta({ description: 'Present for staff only' }),
            undervaluePence: z.number().int().nullable().meta({ description: 'Market value less what the group pays, integer pence, once evaluated' }),
            needsConsent: z.boolean().meta({ description: 'The undervalue needs the Welsh Ministers’ consent' }),
            tenure: tenure.nullable().meta({ description: 'As evaluated, then as completed' }),
            stageDueAt: instant().nullable().meta({ description: 'When the body’s current stage’s service level runs out' }),
            slaBreached: z.boolean(),
            groupAction: z.enum(groupActions).nullable().meta({ description: 'What the group must do next' }),
            groupActionText: z.string().nullable().meta({ description: 'The same, in plain words in the reader’s language' }),
            groupDueAt: instant().nullable().meta({ description: 'By when the group must do it' }),
            linkedApplications: z.array(z.string()),
            completedAt: instant().nullable(),
            updatedAt: instant(),
          })
          .meta({ id: 'TransferSummary' }),
      ),
      nextCursor: z.string().nullable().meta({ description: 'Pass as `cursor` (with the same `sort`) for the next page; null on the last page' }),
    })
    .meta({ id: 'TransferPage' }),
);

export const transferTimelineResponse = timelineResponse('TransferTimeline', 'enquiry.answered');

export const transferOutcomesResponse = describes<TransferOutcomesRow[]>()(
  z
    .array(
      z.object({
        ownerOrganisationId: z.uuid(),
        ownerName: z.string(),
        cases: z.number().int().meta({ description: 'Cases started (all outcomes)' }),
        in_progress: z.number().int(),
        declined: z.number().int(),
        withdrawn: z.number().int(),
        lapsed: z.number().int(),
        transferred: z.number().int().meta({ description: 'The asset changed hands (including cases in or past monitoring)' }),
        returned: z.number().int().meta({ description: 'Transferred, then returned to the body when community use stopped' }),
      }),
    )
    .meta({ id: 'TransferOutcomes' }),
);
