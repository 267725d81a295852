import { z } from 'zod';
import { statuses } from '../../domain/cfp/status.js';
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
    by: z.object({ personId: z.uuid().nullable(), name: z.string().nullable(), role: z.string().nullable() }).meta({ description: 'Who wrote it, in which role (the person is null once removed)' }),
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
    applicantAction: z.object({ action: z.string(), dueAt: z.string().nullable(), text: z.string() }).nullable(),
    lastSequence: z.number().int(),
    casework: z.record(z.string(), z.unknown()).optional().meta({ description: 'Staff only: the whole case as the workflow last recorded it' }),
    notes: z.array(caseNote).optional().meta({ description: 'Staff only: the staff notes on the case, oldest first. Never shown to the group, nor in its timeline' }),
  })
  .meta({
    id: 'Application',
    description: 'The group reads `statusText` and `applicantAction.text` in the words written to it; staff read them in their own words',
  });

export const offerLetterQuery = z.strictObject({
  format: z.enum(['html', 'pdf']).default('html').meta({ description: 'HTML (the default) or PDF' }),
});
