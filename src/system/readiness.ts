import type { Connection } from '@temporalio/client';
import { pendingMigrations } from '../db/migrate.js';
import type { PrismaClient } from '../db/prisma.js';
import type { Readiness, ReadinessCheck as Check } from '../primitives/readiness.js';
import { describeError } from '../primitives/startup-error.js';

async function check(probe: () => Promise<void>): Promise<Check> {
  try {
    await probe();
    return { status: 'ok' };
  } catch (error) {
    return { status: 'failing', reason: describeError(error) };
  }
}

export function readinessCheck(deps: { prisma: PrismaClient; connection: Connection; databaseUrl: string }) {
  return async (): Promise<Readiness> => {
    const [database, temporal, migrations] = await Promise.all([
      check(async () => {
        await deps.prisma.$queryRaw`SELECT 1`;
      }),
      check(async () => {
        // A stopped server makes gRPC wait; readiness must answer promptly.
        await deps.connection.withDeadline(Date.now() + 2000, () => deps.connection.workflowService.getSystemInfo({}));
      }),
      check(async () => {
        const pending = await pendingMigrations(deps.databaseUrl);
        if (pending.length > 0) throw new Error(`pending migrations: ${pending.join(', ')}`);
      }),
    ]);
    return { ready: [database, temporal, migrations].every((c) => c.status === 'ok'), checks: { database, temporal, migrations } };
  };
}
