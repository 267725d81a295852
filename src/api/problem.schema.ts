import { z } from 'zod';
import { describes } from './describes.js';
import type { ProblemBody } from './problem.js';

/** RFC 9457 problem details exactly as src/api/problem.ts sends them (application/problem+json). */
export const problemSchema = describes<ProblemBody>()(
  z
    .object({
      type: z.string().meta({ description: 'A stable URI per kind of problem', example: 'https://cymuned.example/problems/not-found' }),
      title: z.string().meta({ description: 'The kind of problem, in the reader’s language (Accept-Language, else the stored language, else English)' }),
      status: z.number().int().meta({ example: 404 }),
      detail: z.string().optional().meta({ description: 'What went wrong this time, in the reader’s language' }),
      instance: z.string().optional().meta({ description: 'The path that was asked for' }),
      requestId: z.string().optional().meta({ description: 'Finds this request in the logs (also in X-Request-Id)' }),
      errors: z
        .array(
          z.object({
            path: z.string().meta({ description: 'Where, as the request names it (`answers.projectSummary`)', example: 'answers.projectSummary' }),
            message: z.string().meta({ description: 'Why, in the reader’s language (zod’s own messages too are put into Welsh)' }),
            label: z
              .string()
              .optional()
              .meta({ description: 'The field’s name as the forms call it, in the reader’s language, when it is one of the application’s questions' }),
          }),
        )
        .optional()
        .meta({ description: 'For invalid input: each field that is wrong and why' }),
    })
    .meta({ id: 'Problem', description: 'Problem details (RFC 9457)' }),
);
