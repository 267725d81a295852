import type { Client } from '@temporalio/client';
import { z } from 'zod';
import type { Actor } from '../../access/actor.js';
import type { PrismaClient } from '../../db/prisma.js';
import { AppError } from '../../domain/app-error.js';
import { plainText } from '../../domain/text.js';
import { monitoringWorkflowId, submitMonitoringReturn as submitReturn } from '../../workflows/award-monitoring.messages.js';
import { sendCommand } from '../send-command.js';
import { findAwardFor } from '../awards/find-award.js';

export const monitoringReturnInput = z.strictObject({
  /** Is the facility still in community use? */
  inUse: z.boolean(),
  /** About how many people use it in a typical week. */
  usersPerWeek: z.number().int().min(0).max(1_000_000),
  /** Changes to the facility, its use or the group since the last return ('none' if none). */
  changes: plainText(5000),
});

/** The group sends its annual monitoring return for `period` (only the one open now is accepted). */
export async function submitMonitoringReturn({
  prisma,
  temporal,
  actor,
  reference,
  period,
  input,
  now,
}: {
  prisma: PrismaClient;
  temporal: Client;
  actor: Actor | undefined;
  reference: string;
  period: number;
  input: z.infer<typeof monitoringReturnInput>;
  now: Date;
}) {
  const { award, actingAs } = await findAwardFor({ prisma, actor, reference, action: 'monitoring.submit' });
  if (!actor || !actingAs) throw new Error('monitoring.submit was allowed without a role');
  if (!award.completedAt) {
    throw new AppError('conflict', { cy: 'Mae’r monitro’n dechrau pan fydd y prosiect wedi ei gwblhau', en: 'Monitoring starts once the project is complete' });
  }
  const sender = { personId: actor.personId, role: actingAs.role, organisationId: actingAs.organisationId, delegatedLimitPence: null };
  return sendCommand(
    temporal,
    ({ updateId }) =>
      temporal.workflow
        .getHandle(monitoringWorkflowId(reference))
        .executeUpdate(submitReturn, { updateId, args: [{ actor: sender, at: now.toISOString(), period, answers: input }] }),
    { closed: { cy: 'Mae’r monitro ar y dyfarniad hwn wedi dod i ben', en: 'Monitoring of this award has ended' } },
  );
}
