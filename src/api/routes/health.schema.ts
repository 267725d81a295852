import { z } from 'zod';
import type { Readiness } from '../../primitives/readiness.js';
import { describes } from '../describes.js';

export const livenessResponse = z.object({ status: z.literal('alive') }).meta({ id: 'Liveness' });

const check = z.union([z.object({ status: z.literal('ok') }), z.object({ status: z.literal('failing'), reason: z.string() })]);

export const readinessResponse = describes<Readiness>()(
  z
    .object({ ready: z.boolean(), checks: z.object({ database: check, temporal: check, migrations: check }) })
    .meta({ id: 'Readiness', description: 'Ready when PostgreSQL and Temporal answer and no migration is pending' }),
);
