import type { PrismaClient } from '../src/db/prisma.js';

// The baseline workflow's one activity, and its bench-only table (never in prisma/schema.prisma).

export const createBaselineTable = 'CREATE TABLE IF NOT EXISTS bench_baseline_row (id text PRIMARY KEY, inserted_at timestamptz NOT NULL DEFAULT now())';

export function baselineActivities(prisma: PrismaClient) {
  return {
    /** One row, idempotently (a retry inserts nothing), through the same Prisma client and driver as the real activities. */
    async insertBaselineRow(id: string): Promise<void> {
      await prisma.$executeRaw`INSERT INTO bench_baseline_row (id) VALUES (${id}) ON CONFLICT (id) DO NOTHING`;
    },
  };
}

export type BaselineActivities = ReturnType<typeof baselineActivities>;
