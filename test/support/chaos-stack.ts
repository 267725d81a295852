import { chmod, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { inject } from 'vitest';
import { applyMigrations } from '../../src/db/migrate.js';
import { createPrisma, type PrismaClient } from '../../src/db/prisma.js';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../../src/system/embedded-postgres.js';
import { startTemporalDevServer, type TemporalDevServer } from '../../src/system/temporal-dev-server.js';
import { loadWimd2019 } from '../../src/wimd/load-wimd.js';
import { freePort } from './ports.js';
import { runCymuned, type CymunedProcess } from './process.js';

// A whole Cymuned of its own for fault tests: its own PostgreSQL (so it can be stopped as a crash would)
// and its own Temporal dev server keeping workflows in a file (so it can be killed and come back with
// them), with the worker and the API as separate processes, started as `npm run start:worker` and
// `npm run start:api` start them, so that each can be killed with SIGKILL.

export interface ChaosStack {
  apiUrl: string;
  prisma: PrismaClient;
  temporal: Client;
  mailboxDir: string;
  /** The SHUTDOWN_GRACE_SECONDS the worker and the API run with. */
  graceSeconds: number;
  startWorker(): Promise<CymunedProcess>;
  killWorker(): Promise<void>;
  /** SIGTERM: a graceful stop; resolves with how long the process took to exit. */
  stopWorker(): Promise<number>;
  startApi(): Promise<void>;
  killApi(): Promise<void>;
  killTemporal(): Promise<void>;
  startTemporal(): Promise<void>;
  crashPostgres(): Promise<void>;
  startPostgres(): Promise<void>;
  /** The .eml files in the mailbox. */
  mail(): Promise<string[]>;
  stop(): Promise<void>;
}

export async function startChaosStack(): Promise<ChaosStack> {
  const dir = await mkdtemp(path.join(tmpdir(), 'cymuned-chaos-'));
  // As root, PostgreSQL runs as the `postgres` user, which must be able to reach its folder.
  await chmod(dir, 0o755);
  const [postgresPort, temporalPort, apiPort] = [await freePort(), await freePort(), await freePort()];
  const graceSeconds = 4;

  let postgres: EmbeddedPostgres = await startEmbeddedPostgres({ dir: path.join(dir, 'postgres'), port: postgresPort, database: 'cymuned' });
  await applyMigrations(postgres.url);
  const prisma = createPrisma(postgres.url);
  await loadWimd2019(prisma);

  const startServer = () =>
    startTemporalDevServer({ cli: inject('temporalCliPath'), dir: path.join(dir, 'temporal'), persistent: true, port: temporalPort, namespace: 'default' });
  let server: TemporalDevServer = await startServer();
  const connection = await Connection.connect({ address: server.address, channelArgs: { 'grpc.max_reconnect_backoff_ms': 1000 } });
  const temporal = new Client({ connection, namespace: 'default' });

  const mailboxDir = path.join(dir, 'mailbox');
  const env = {
    DATABASE_URL: postgres.url,
    TEMPORAL_ADDRESS: server.address,
    TEMPORAL_TASK_QUEUE: 'chaos',
    MAILBOX_DIR: mailboxDir,
    EVIDENCE_DIR: path.join(dir, 'evidence'),
    PORT: String(apiPort),
    LOG_LEVEL: 'info',
    SHUTDOWN_GRACE_SECONDS: String(graceSeconds),
    IDEMPOTENCY_LEASE_SECONDS: '5',
  };
  const running = (line: Record<string, unknown>) => String(line.msg).startsWith('Cymuned is running');

  let worker: CymunedProcess | undefined;
  let api: CymunedProcess | undefined;
  const kill = async (process: CymunedProcess | undefined) => {
    if (!process || process.child.exitCode !== null) return;
    process.child.kill('SIGKILL');
    await process.exited;
  };

  const stack: ChaosStack = {
    apiUrl: `http://127.0.0.1:${apiPort}`,
    prisma,
    temporal,
    mailboxDir,
    graceSeconds,
    startWorker: async () => {
      worker = runCymuned('worker', env);
      await worker.waitForLog(running, 180_000);
      return worker;
    },
    killWorker: () => kill(worker),
    stopWorker: async () => {
      if (!worker) return 0;
      const asked = Date.now();
      worker.child.kill('SIGTERM');
      await worker.exited;
      return Date.now() - asked;
    },
    startApi: async () => {
      api = runCymuned('api', env);
      await api.waitForLog(running, 120_000);
    },
    killApi: () => kill(api),
    killTemporal: async () => {
      server.kill();
      // The next start finds the pid gone and starts afresh from the same file.
      await new Promise((resolve) => setTimeout(resolve, 200));
    },
    startTemporal: async () => {
      server = await startServer();
    },
    crashPostgres: () => postgres.stopImmediately(),
    startPostgres: async () => {
      postgres = await startEmbeddedPostgres({ dir: path.join(dir, 'postgres'), port: postgresPort, database: 'cymuned' });
    },
    mail: async () => (await readdir(mailboxDir).catch(() => [])).filter((name) => name.endsWith('.eml')),
    stop: async () => {
      await kill(api);
      await kill(worker);
      await connection.close().catch(() => undefined);
      await prisma.$disconnect().catch(() => undefined);
      await server.stop().catch(() => undefined);
      await postgres.stop().catch(() => undefined);
      await rm(dir, { recursive: true, force: true });
    },
  };
  return stack;
}
