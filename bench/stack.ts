import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Client, Connection } from '@temporalio/client';
import pg from 'pg';
import { loadConfig } from '../src/config/index.js';
import { applyMigrations } from '../src/db/migrate.js';
import { createPrisma, type PrismaClient } from '../src/db/prisma.js';
import { createLogger } from '../src/log.js';
import { startEmbeddedPostgres } from '../src/system/embedded-postgres.js';
import { ensureTemporalCli } from '../src/system/temporal-cli.js';
import { startTemporalDevServer } from '../src/system/temporal-dev-server.js';
import { connectClient } from '../src/temporal/connect.js';
import { loadWimd2019 } from '../src/wimd/load-wimd.js';
import { freePort } from '../test/support/ports.js';
import { createBaselineTable } from './baseline-activity.js';
import { spawnChild, waitFor, type Child } from './child.js';
import { childrenOf } from './cpu.js';

// The real stack for one bench run. PostgreSQL and the Temporal dev server are started in a temporary
// folder on free ports, unless DATABASE_URL / TEMPORAL_ADDRESS name servers to use: then the bench makes a
// database of its own on DATABASE_URL's server (dropped at the end) and task queues of its own, and never
// touches what is already there. The API and the worker run as `src/main.ts api|worker` child processes.

export interface Stack {
  /** The run's temporary folder: child logs, mailbox, evidence, the embedded servers' data. */
  dir: string;
  runId: string;
  databaseUrl: string;
  temporalAddress: string;
  namespace: string;
  taskQueue: string;
  baselineTaskQueue: string;
  apiUrl: string;
  /** Started here (true) or named by DATABASE_URL / TEMPORAL_ADDRESS (false). */
  embedded: { postgres: boolean; temporal: boolean };
  prisma: PrismaClient;
  temporal: Client;
  worker: Child;
  /** The stack's processes by name, for CPU accounting (PostgreSQL and Temporal only when started here). */
  processes(): Record<string, number[]>;
  /** Replaces the worker with a fresh process (same settings), so its memory is measured from a clean start. */
  restartWorker(): Promise<Child>;
  stop(): Promise<void>;
}

export type Say = (message: string) => void;

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

async function admin(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export interface StackOptions {
  logLevel: string;
  temporalStore: 'file' | 'memory';
  /** TEMPORAL_MAX_CACHED_WORKFLOWS for the worker; undefined: the bench's own environment's, if any. */
  workerCache: number | undefined;
  /** --max-old-space-size for the worker process, in MiB. */
  workerHeap: number | undefined;
  say: Say;
}

export async function startStack({ logLevel, temporalStore, workerCache, workerHeap, say }: StackOptions): Promise<Stack> {
  const config = loadConfig();
  const log = createLogger('warn', { process: 'bench' });
  const runId = randomBytes(4).toString('hex');
  const dir = await mkdtemp(path.join(tmpdir(), 'cymuned-bench-'));
  // As root, PostgreSQL runs as the `postgres` user, which must be able to reach its folder.
  await chmod(dir, 0o755);
  const stops: { name: string; run: () => Promise<void> }[] = [];
  const stopAll = async () => {
    for (const step of stops.reverse()) {
      try {
        await step.run();
      } catch (error) {
        say(`stopping ${step.name} failed: ${String(error)}`);
      }
    }
    stops.length = 0;
    await rm(dir, { recursive: true, force: true });
  };

  try {
    let databaseUrl: string;
    const database = `cymuned_bench_${runId}`;
    if (config.DATABASE_URL) {
      say(`PostgreSQL: a database of its own (${database}) on DATABASE_URL's server`);
      await admin(config.DATABASE_URL, `CREATE DATABASE ${database}`);
      databaseUrl = withDatabase(config.DATABASE_URL, database);
      const serverUrl = config.DATABASE_URL;
      stops.push({ name: 'bench database', run: () => admin(serverUrl, `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`) });
    } else {
      const port = await freePort();
      say(`PostgreSQL: embedded, in ${dir}, port ${port}`);
      const postgres = await startEmbeddedPostgres({ dir: path.join(dir, 'postgres'), port, database });
      stops.push({ name: 'PostgreSQL', run: postgres.stop });
      databaseUrl = postgres.url;
    }
    await applyMigrations(databaseUrl);
    const prisma = createPrisma(databaseUrl);
    stops.push({ name: 'database connections', run: () => prisma.$disconnect() });
    await loadWimd2019(prisma);
    await prisma.$executeRawUnsafe(createBaselineTable);

    let temporalAddress = config.TEMPORAL_ADDRESS;
    if (temporalAddress) {
      say(`Temporal: ${temporalAddress} (TEMPORAL_ADDRESS), task queues of the bench's own`);
      // A reused server may already hold this year's low references: start this database's counter at a random point.
      const start = randomBytes(4).readUInt32BE() % 900_000;
      await prisma.$executeRaw`INSERT INTO reference_counter (prefix, year, last) VALUES ('CFP', ${new Date().getUTCFullYear()}, ${start})`;
    } else {
      const cli = await ensureTemporalCli(config.TEMPORAL_CLI_PATH, log);
      const port = await freePort();
      say(`Temporal: dev server, in ${dir}, port ${port}, workflows in ${temporalStore === 'file' ? 'a SQLite file (as npm start)' : 'memory (as the tests)'}`);
      const server = await startTemporalDevServer({
        cli,
        dir: path.join(dir, 'temporal'),
        persistent: temporalStore === 'file',
        port,
        namespace: config.TEMPORAL_NAMESPACE,
      });
      stops.push({ name: 'Temporal dev server', run: server.stop });
      temporalAddress = server.address;
    }
    const { connection, client } = await connectClient(temporalAddress, config.TEMPORAL_NAMESPACE);
    stops.push({ name: 'Temporal client', run: () => connection.close() });

    const taskQueue = `cymuned-bench-${runId}`;
    const baselineTaskQueue = `cymuned-bench-baseline-${runId}`;
    const apiPort = await freePort();
    await mkdir(path.join(dir, 'logs'), { recursive: true });
    const env: Record<string, string> = {
      // As deployed: production mode (a session secret of the run's own), logs as JSON lines.
      NODE_ENV: 'production',
      SESSION_SECRET: randomBytes(32).toString('base64url'),
      LOG_LEVEL: logLevel,
      DATABASE_URL: databaseUrl,
      TEMPORAL_ADDRESS: temporalAddress,
      TEMPORAL_NAMESPACE: config.TEMPORAL_NAMESPACE,
      TEMPORAL_TASK_QUEUE: taskQueue,
      DATA_DIR: dir,
      MAILBOX_DIR: path.join(dir, 'mailbox'),
      EVIDENCE_DIR: path.join(dir, 'evidence'),
      HOST: '127.0.0.1',
      PORT: String(apiPort),
    };
    const cache = workerCache ?? config.TEMPORAL_MAX_CACHED_WORKFLOWS;
    if (cache !== undefined) env.TEMPORAL_MAX_CACHED_WORKFLOWS = String(cache);
    const logs = path.join(dir, 'logs');
    let workerGeneration = 0;
    const startWorker = async (): Promise<Child> => {
      const workerEnv = workerHeap === undefined ? env : { ...env, NODE_OPTIONS: `--max-old-space-size=${workerHeap}` };
      const child = spawnChild(`worker-${++workerGeneration}`, 'src/main.ts', ['worker'], workerEnv, logs);
      await waitFor('the worker', () => hasPoller(connection, config.TEMPORAL_NAMESPACE, taskQueue, child.pid), [child]);
      return child;
    };

    let worker = await startWorker();
    stops.push({ name: 'worker', run: () => worker.stop() });
    const baseline = spawnChild('baseline-worker', 'bench/baseline-worker.ts', [], { ...env, BENCH_TASK_QUEUE: baselineTaskQueue }, logs);
    stops.push({ name: 'baseline worker', run: () => baseline.stop() });
    const api = spawnChild('api', 'src/main.ts', ['api'], env, logs);
    stops.push({ name: 'API', run: () => api.stop() });
    const apiUrl = `http://127.0.0.1:${apiPort}`;
    await waitFor('the API', async () => (await fetch(`${apiUrl}/readyz`)).status === 200, [api]);
    await waitFor('the baseline worker', () => hasPoller(connection, config.TEMPORAL_NAMESPACE, baselineTaskQueue, baseline.pid), [baseline]);
    say(`API ${apiUrl}, worker pid ${worker.pid}, baseline worker pid ${baseline.pid}; logs in ${logs}`);

    return {
      dir,
      runId,
      databaseUrl,
      temporalAddress,
      namespace: config.TEMPORAL_NAMESPACE,
      taskQueue,
      baselineTaskQueue,
      apiUrl,
      embedded: { postgres: !config.DATABASE_URL, temporal: !config.TEMPORAL_ADDRESS },
      prisma,
      temporal: client,
      get worker() {
        return worker;
      },
      processes: () => {
        const pidIn = (file: string) => Number(readFileSync(file, 'utf8').split('\n')[0]);
        const found: Record<string, number[]> = { api: [api.pid], worker: [worker.pid], 'baseline worker': [baseline.pid] };
        try {
          found.temporal = [pidIn(path.join(dir, 'temporal', 'temporal.pid'))];
        } catch {
          // not started here
        }
        try {
          const postmaster = pidIn(path.join(dir, 'postgres', 'data', 'postmaster.pid'));
          found.postgres = [postmaster, ...childrenOf(postmaster)];
        } catch {
          // not started here
        }
        return found;
      },
      restartWorker: async () => {
        await worker.stop();
        worker = await startWorker();
        return worker;
      },
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

/** Whether a worker process with this pid polls the task queue for workflow tasks. */
async function hasPoller(connection: Connection, namespace: string, taskQueue: string, pid: number): Promise<boolean> {
  const { pollers } = await connection.workflowService.describeTaskQueue({ namespace, taskQueue: { name: taskQueue }, taskQueueType: 1 });
  return (pollers ?? []).some((p) => p.identity?.startsWith(`${pid}@`));
}
