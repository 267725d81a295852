import { rm } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Worker } from '@temporalio/worker';
import { createApp } from '../../src/api/app.js';
import { CaseEventSignals } from '../../src/db/case-event-signals.js';
import type { CaseEventFeedTiming } from '../../src/api/routes/application-feeds.js';
import type { AuthSettings } from '../../src/auth/settings.js';
import type { CaseEventFeeds } from '../../src/operations/case-event-feeds.js';
import { createPrisma, type PrismaClient } from '../../src/db/prisma.js';
import { createLogger } from '../../src/log.js';
import { loadCfpPolicies, type CfpPolicyCatalogue } from '../../src/programmes/cfp-policy.js';
import { loadTransferProcesses, type TransferProcessCatalogue } from '../../src/programmes/transfer-processes.js';
import { readinessCheck } from '../../src/system/readiness.js';
import { migratedDatabase, type TestDatabase } from './database.js';
import { listen } from './http.js';
import { testAuthSettings } from './people.js';
import { connectTemporal, type TemporalTestContext } from './temporal.js';

export interface TestSystem {
  url: string;
  app: ReturnType<typeof createApp>;
  prisma: PrismaClient;
  database: TestDatabase;
  temporal: TemporalTestContext;
  stop(): Promise<void>;
}

/** The real HTTP app on its own database and task queue, with a worker running, as `npm start` wires it. */
export async function startTestSystem({
  cfpPolicies,
  transferProcesses,
  auth,
  caseEventFeed,
  caseEventFeeds,
  worker: withWorker = true,
}: {
  cfpPolicies?: CfpPolicyCatalogue;
  transferProcesses?: TransferProcessCatalogue;
  /** Settings that differ from production's (testAuthSettings). */
  auth?: Partial<AuthSettings>;
  caseEventFeed?: CaseEventFeedTiming;
  /** Made from the system's own database: the test keeps it, to watch what it reads. */
  caseEventFeeds?: (prisma: PrismaClient) => CaseEventFeeds;
  /** False for a system whose worker is down: its task queue has no poller, so no command is ever taken. */
  worker?: boolean;
} = {}): Promise<TestSystem> {
  const database = await migratedDatabase();
  const prisma = createPrisma(database.url);
  const temporal = await connectTemporal();
  const worker: Worker | undefined = withWorker ? await temporal.createWorker(prisma) : undefined;
  const running = worker?.run();
  const evidenceDir = path.join(tmpdir(), `cymuned-evidence-${randomUUID()}`);
  const caseEventSignals = new CaseEventSignals(database.url);
  await caseEventSignals.start();
  const app = createApp({
    caseEventSignals,
    prisma,
    temporal: temporal.client,
    taskQueue: temporal.taskQueue,
    cfpPolicies: cfpPolicies ?? (await loadCfpPolicies()),
    transferProcesses: transferProcesses ?? (await loadTransferProcesses()),
    evidenceDir,
    logger: createLogger('silent'),
    auth: testAuthSettings(auth),
    ...(caseEventFeed ? { caseEventFeed } : {}),
    ...(caseEventFeeds ? { caseEventFeeds: caseEventFeeds(prisma) } : {}),
    checkReadiness: readinessCheck({ prisma, connection: temporal.env.connection, databaseUrl: database.url }),
  });
  const server = await listen(app);
  return {
    url: server.url,
    app,
    prisma,
    database,
    temporal,
    stop: async () => {
      await server.close();
      await caseEventSignals.stop();
      await rm(evidenceDir, { recursive: true, force: true });
      worker?.shutdown();
      await running;
      await prisma.$disconnect();
      await temporal.teardown();
      await database.drop();
    },
  };
}
