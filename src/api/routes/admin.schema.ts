import { z } from 'zod';
import type { FailuresView } from '../../operations/admin/list-failures.js';
import { describes } from '../describes.js';

const instant = z.iso.datetime({ offset: true });

export const failuresResponse = describes<FailuresView>()(
  z
    .object({
      events: z.array(
        z.object({
          reference: z.string(),
          sequence: z.number().int(),
          type: z.string(),
          reason: z.string().meta({ description: 'Why the database refused it' }),
          occurredAt: instant,
          requestId: z.string().nullable(),
          recordedAt: instant,
        }),
      ),
      failedNotifications: z.array(
        z.object({
          id: z.string(),
          reference: z.string(),
          email: z.string(),
          subject: z.string(),
          failure: z.string().nullable(),
          failedAt: instant.nullable(),
        }),
      ),
      stuckNotifications: z.array(z.object({ id: z.string(), reference: z.string(), email: z.string(), subject: z.string(), createdAt: instant })),
    })
    .meta({ id: 'Failures' }),
);
