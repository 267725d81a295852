import { z } from 'zod';
import { groupActions, statuses } from '../../domain/cfp/status.js';
import type { CommandResult } from '../../workflows/cfp-application.messages.js';
import { describes } from '../describes.js';

/** The `:reference` in an application's path. A wrong one is simply not found. */
export const applicationReferenceParams = z.object({
  reference: z.string().meta({ description: 'The application’s case reference', example: 'CFP-2026-000123' }),
});

export const commandResultResponse = describes<Omit<CommandResult, 'recordedUpTo'>>()(
  z
    .object({
      reference: z.string().meta({ example: 'CFP-2026-000123' }),
      status: z.enum(statuses),
      sequence: z.number().int().meta({ description: 'The case event the command wrote' }),
    })
    .meta({ id: 'CommandResult' }),
);

/** A staff note on a case, as the staff view lists it. */
export const caseNote = z
  .object({
    sequence: z.number().int().meta({ description: 'The case event the note is' }),
    text: z.string(),
    by: z
      .object({ personId: z.uuid().nullable(), name: z.string().nullable(), role: z.string().nullable() })
      .meta({ description: 'Who wrote it, in which role (the person is null once removed)' }),
    at: z.iso.datetime({ offset: true }),
  })
  .meta({ id: 'CaseNote' });

/** The main fields of an application; staff also get `casework`, the whole case, and its `notes`. */
export const applicationResponse = z
  .looseObject({
    reference: z.string(),
    policyVersion: z.string(),
    organisation: z.object({ id: z.uuid(), name: z.string() }),
    language: z.enum(['cy', 'en']),
    projectTitle: z.string(),
    status: z.enum(statuses),
    statusText: z.string().meta({ description: 'Where the application is, in plain words, in the reader’s language' }),
    groupAction: z
      .object({ action: z.enum(groupActions), dueAt: z.string().nullable(), text: z.string() })
      .nullable()
      .meta({ description: 'What the group must do next, and by when; `text` as written to the group, or to staff in their own words' }),
    nextStep: z
      .object({ stage: z.enum(['eoi_screening', 'assessment', 'recommendation', 'decision']), dueAt: z.string(), text: z.string() })
      .nullable()
      .meta({
        description:
          'While nothing is the group’s to do: what the programme is doing and by when the group will hear (the stage’s service level, the list’s stageDueAt)',
      }),
    tenure: z
      .object({ transferReference: z.string(), condition: z.enum(['pending', 'met', 'fell_through', 'waived', 'awaiting_link']), text: z.string() })
      .nullable()
      .meta({ description: 'The tenure condition, when the grant’s tenure rests on a community asset transfer' }),
    lastSequence: z.number().int(),
    casework: z.record(z.string(), z.unknown()).optional().meta({ description: 'Staff only: the whole case as the workflow last recorded it' }),
    notes: z
      .array(caseNote)
      .optional()
      .meta({ description: 'Staff only: the staff notes on the case, oldest first. Never shown to the group, nor in its timeline' }),
  })
  .meta({
    id: 'Application',
    description: 'The group reads `statusText` and `groupAction.text` in the words written to it; staff read them in their own words',
  });

export const offerLetterQuery = z.strictObject({
  format: z.enum(['html', 'pdf']).default('html').meta({ description: 'HTML (the default) or PDF' }),
});

const servicePeriods = z.object({ eoi_screening: z.string(), assessment: z.string(), recommendation: z.string(), decision: z.string() });

/** The policy version a case was made under, for those who assess and decide it. */
export const applicationPolicyResponse = z
  .object({
    reference: z.string().meta({ example: 'CFP-2026-000123' }),
    version: z.string().meta({ description: 'The policy version the case was made under', example: 'CFP-2026' }),
    effectiveFrom: z.string().meta({ description: 'The date (Wales) from which new cases were made under it' }),
    assessment: z.object({
      assessorsRequired: z.number().int(),
      moderationGap: z.number().meta({ description: 'Moderation when two weighted totals (out of 100) differ by more than this' }),
      criteria: z.array(
        z.object({
          id: z.string(),
          name: z.string().meta({ description: 'In the reader’s language' }),
          weight: z.number().meta({ description: 'Share of the total, in percent (the weights add up to 100)' }),
          maxScore: z.number().int(),
        }),
      ),
      wimdPriority: z
        .object({ edition: z.string(), upToDecile: z.number().int(), bonusPoints: z.number() })
        .meta({ description: 'Extra points for facilities in the most deprived areas' }),
    }),
    tiers: z.array(z.object({ id: z.string(), name: z.string(), minPence: z.number().int(), maxPence: z.number().int() })),
    organisationCap: z.object({
      maxAwards: z.number().int(),
      maxTotalPence: z.number().int(),
      periodYears: z.number().int(),
      whenExceeded: z.enum(['refuse', 'panel', 'advisory']),
    }),
    delegatedAuthority: z.object({
      approverMaxPence: z.number().int().meta({ description: 'Approvers decide up to this (and their own limit); above it, the panel' }),
    }),
    caseOfficerAssignment: z
      .object({ effectiveFrom: z.string(), rule: z.enum(['none', 'round_robin']) })
      .nullable()
      .meta({ description: 'Who becomes the case officer as the expression of interest is sent (from effectiveFrom); null: nobody until screening' }),
    tenure: z.object({ minLeaseYearsAfterCompletion: z.number().int() }),
    matchFunding: z.object({ expectedMinPercent: z.number() }),
    serviceLevels: servicePeriods.meta({ description: 'How long each stage may take, e.g. "40 days"' }),
    fastTrackServiceLevels: servicePeriods,
  })
  .meta({ id: 'ApplicationPolicy' });
