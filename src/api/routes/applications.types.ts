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

/** The main fields of an application; staff also get `casework`, the whole case. */
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
    casework: z.record(z.string(), z.unknown()).optional(),
  })
  .meta({ id: 'Application' });

export const offerLetterQuery = z.strictObject({
  format: z.enum(['html', 'pdf']).default('html').meta({ description: 'HTML (the default) or PDF' }),
});
