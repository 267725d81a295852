import type { Server } from 'node:http';
import path from 'node:path';
import type { Worker } from '@temporalio/worker';
import pg from 'pg';
import { createApp } from './api/app.js';
import { deleteEndedSessions } from './auth/sessions.js';
import { authSettings } from './auth/settings.js';
import type { Config } from './config/index.js';
import { createWorker } from './create-worker.js';
import { CaseEventSignals } from './db/case-event-signals.js';
import { applyMigrations, pendingMigrations } from './db/migrate.js';
import { createPrisma, describeDatabase, type PrismaClient } from './db/prisma.js';
import type { Logger } from './log.js';
import { fileMailbox } from './notifications/file-mailbox.js';
import type { Mailer } from './notifications/mailer.js';
import { resolveDataDir, resolveEvidenceDir, resolveMailboxDir } from './primitives/paths.js';
import { StartupError, describeError } from './primitives/startup-error.js';
import { defaultCfpPolicyPath, loadCfpPolicies } from './programmes/cfp-policy.js';
import { defaultTransferProcessPath, loadTransferProcesses } from './programmes/transfer-processes.js';
import { seedDevelopment } from './seed/development.js';
import { startEmbeddedPostgres } from './system/embedded-postgres.js';
import { readinessCheck } from './system/readiness.js';
import { ensureTemporalCli } from './system/temporal-cli.js';
import { startTemporalDevServer } from './system/temporal-dev-server.js';
import { connectClient, connectWorker } from './temporal/connect.js';
import { installTemporalRuntime } from './temporal/runtime.js';
import { loadWimd2019 } from './wimd/load-wimd.js';

/** Which processes this start runs: everything (`npm start`), or one service of docker-compose.yml. */
export type Role = 'all' | 'api' | 'worker';

export interface RunningSystem {
  apiUrl?: string;
  databaseUrl: string;
  temporalAddress: string;
  temporalUiUrl?: string;
  /** Stops in order: the API stops accepting, the worker drains, connections close, servers stop. */
  stop(): Promise<void>;
}

/** Stop steps, run last-registered first, each attempted even when an earlier one fails. */
class ShutdownSequence {
  private steps: { name: string; run: () => Promise<void> }[] = [];
  constructor(private readonly log: Logger) {}

  add(name: string, run: () => Promise<void>): void {
    this.steps.unshift({ name, run });
  }

  async run(): Promise<void> {
    for (const step of this.steps) {
      try {
        await step.run();
        this.log.info(`Stopped ${step.name}`);
      } catch (error) {
        this.log.error({ err: error }, `Stopping ${step.name} failed`);
      }
    }
    this.steps = [];
  }
}

/** Checks the database answers before anything else starts; pg's own message is the clearest reason. */
async function connectDatabase(databaseUrl: string): Promise<PrismaClient> {
  const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (error) {
    throw new StartupError(`Cannot connect to PostgreSQL at ${describeDatabase(databaseUrl)} (DATABASE_URL): ${describeError(error)}`);
  } finally {
    await client.end().catch(() => undefined);
  }
  return createPrisma(databaseUrl);
}

export interface StartOptions {
  /** Called if the worker stops by itself (a fatal error), so the caller can shut the rest down. */
  onFatal?: (error: unknown) => void;
}

export async function startSystem(config: Config, role: Role, log: Logger, options: StartOptions = {}): Promise<RunningSystem> {
  const shutdown = new ShutdownSequence(log);
  try {
    return await start(config, role, log, shutdown, options);
  } catch (error) {
    await shutdown.run();
    throw error;
  }
}

async function start(config: Config, role: Role, log: Logger, shutdown: ShutdownSequence, options: StartOptions): Promise<RunningSystem> {
  const dataDir = resolveDataDir(config.DATA_DIR);
  const embedded = role === 'all';
  if (!embedded && (!config.DATABASE_URL || !config.TEMPORAL_ADDRESS)) {
    throw new StartupError(`Starting only the ${role} needs DATABASE_URL and TEMPORAL_ADDRESS`);
  }
  if (config.NODE_ENV === 'production' && (!config.DATABASE_URL || !config.TEMPORAL_ADDRESS)) {
    // The embedded servers are for trying Cymuned out: a postgres:postgres database and a Temporal dev
    // server with no authentication. Production names its own.
    throw new StartupError(
      'In production DATABASE_URL and TEMPORAL_ADDRESS must both be set: the embedded PostgreSQL and Temporal dev server are for development only',
    );
  }

  let databaseUrl = config.DATABASE_URL;
  if (!databaseUrl) {
    log.info({ dir: path.join(dataDir, 'postgres') }, 'Starting the embedded PostgreSQL');
    const postgres = await startEmbeddedPostgres({ dir: path.join(dataDir, 'postgres'), port: config.EMBEDDED_POSTGRES_PORT, database: 'cymuned' });
    shutdown.add('PostgreSQL', postgres.stop);
    databaseUrl = postgres.url;
  }
  const prisma = await connectDatabase(databaseUrl);
  shutdown.add('database connections', () => prisma.$disconnect());
  const cfpPolicies = await loadCfpPolicies(config.CFP_POLICY_FILE ?? defaultCfpPolicyPath).catch((error: unknown) => {
    throw new StartupError(`Cannot load the CFP policy (CFP_POLICY_FILE): ${describeError(error)}`);
  });
  const transferProcesses = await loadTransferProcesses(config.TRANSFER_PROCESS_FILE ?? defaultTransferProcessPath).catch((error: unknown) => {
    throw new StartupError(`Cannot load the asset transfer processes (TRANSFER_PROCESS_FILE): ${describeError(error)}`);
  });

  if (!embedded) {
    // The api and worker never migrate (docker-compose's migrate service does, once): against a database
    // that is behind, every request would fail one by one. Refuse to start instead.
    const pending = await pendingMigrations(databaseUrl);
    if (pending.length > 0) {
      throw new StartupError(
        `The database at ${describeDatabase(databaseUrl)} (DATABASE_URL) lacks ${pending.length} migration(s), the latest ${pending.at(-1)}: run \`npm run db:migrate\` first`,
      );
    }
  }
  if (embedded) {
    const { applied } = await applyMigrations(databaseUrl, (message) => log.info(message));
    log.info({ applied }, applied.length ? 'Applied migrations' : 'Migrations are current');
    const { loaded } = await loadWimd2019(prisma);
    log.info({ loaded }, loaded ? 'Loaded WIMD 2019 small areas' : 'WIMD 2019 small areas are current');
    if (config.NODE_ENV !== 'production') {
      // Known people for trying the system out; their passwords are in the README and the source.
      const seeded = await seedDevelopment(prisma, { nodeEnv: config.NODE_ENV });
      if (seeded.created) log.info({ logins: seeded.logins }, 'Created development people to sign in as (see README)');
    }
  }

  let temporalAddress = config.TEMPORAL_ADDRESS;
  let temporalUiUrl: string | undefined;
  if (!temporalAddress) {
    const cli = await ensureTemporalCli(config.TEMPORAL_CLI_PATH, log);
    log.info({ cli }, 'Starting the Temporal dev server');
    const server = await startTemporalDevServer({
      cli,
      dir: path.join(dataDir, 'temporal'),
      persistent: true,
      port: config.TEMPORAL_DEV_PORT,
      uiPort: config.TEMPORAL_UI_PORT,
      namespace: config.TEMPORAL_NAMESPACE,
    });
    shutdown.add('Temporal dev server', server.stop);
    temporalAddress = server.address;
    temporalUiUrl = server.uiUrl;
  }

  installTemporalRuntime(log);
  const { connection, client } = await connectClient(temporalAddress, config.TEMPORAL_NAMESPACE);
  shutdown.add('Temporal client', () => connection.close());

  if (role !== 'api') {
    const mailboxDir = resolveMailboxDir(config.MAILBOX_DIR, config.DATA_DIR);
    // No real sender is built yet, so production mail goes to the mailbox on disk too, and reaches no one.
    const mail = { mailbox: mailboxDir, from: config.MAIL_FROM };
    if (config.NODE_ENV === 'production') log.warn(mail, 'No mail sender is built yet: mail goes to the mailbox on disk only');
    else log.info(mail, 'Mail goes to the mailbox on disk (.eml files)');
    const mailer = fileMailbox(mailboxDir, config.MAIL_FROM);
    const worker = await startWorker(config, temporalAddress, prisma, mailer, shutdown, (error) => {
      log.fatal({ err: error }, 'The worker stopped');
      options.onFatal?.(error);
    });
    // How many cases the worker keeps in memory between their tasks (the rest are replayed from history).
    const { maxCachedWorkflows, reuseV8Context, workflowThreadPoolSize } = worker.options;
    log.info(
      { taskQueue: config.TEMPORAL_TASK_QUEUE, workerState: worker.getState(), workflowCache: { maxCachedWorkflows, reuseV8Context, workflowThreadPoolSize } },
      'Worker running',
    );
  }

  let apiUrl: string | undefined;
  if (role !== 'worker') {
    const caseEventSignals = new CaseEventSignals(databaseUrl, log);
    await caseEventSignals.start();
    shutdown.add('case event signals', () => caseEventSignals.stop());
    const app = createApp({
      prisma,
      temporal: client,
      taskQueue: config.TEMPORAL_TASK_QUEUE,
      cfpPolicies,
      transferProcesses,
      evidenceDir: resolveEvidenceDir(config.EVIDENCE_DIR, config.DATA_DIR),
      logger: log,
      auth: authSettings(config, log),
      checkReadiness: readinessCheck({ prisma, connection, databaseUrl }),
      ...(config.TRUST_PROXY === undefined ? {} : { trustProxy: config.TRUST_PROXY }),
      idempotencyLeaseSeconds: config.IDEMPOTENCY_LEASE_SECONDS,
      caseEventSignals,
    });
    sweepEndedSessions(prisma, config, log, shutdown);
    const server = await listen(app, config.HOST, config.PORT);
    shutdown.add('HTTP API', () => close(server));
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.PORT;
    apiUrl = `http://${config.HOST}:${port}`;
  }

  return { apiUrl, databaseUrl, temporalAddress, temporalUiUrl, stop: () => shutdown.run() };
}

/** Ended sessions are deleted at start and hourly, so people who never come back leave nothing behind. */
function sweepEndedSessions(prisma: PrismaClient, config: Config, log: Logger, shutdown: ShutdownSequence): void {
  const lifetime = { idleMinutes: config.SESSION_IDLE_MINUTES, maxHours: config.SESSION_MAX_HOURS };
  const sweep = () => {
    deleteEndedSessions({ prisma, now: new Date(), lifetime }).then(
      (deleted) => log.debug({ deleted }, 'Deleted ended sessions'),
      (error: unknown) => log.warn({ err: error }, 'Deleting ended sessions failed; trying again in an hour'),
    );
  };
  sweep();
  const timer = setInterval(sweep, 60 * 60_000);
  timer.unref();
  shutdown.add('session sweep', () => Promise.resolve(clearInterval(timer)));
}

async function startWorker(
  config: Config,
  address: string,
  prisma: PrismaClient,
  mailer: Mailer,
  shutdown: ShutdownSequence,
  onFailure: (error: unknown) => void,
): Promise<Worker> {
  const nativeConnection = await connectWorker(address);
  shutdown.add('worker connection', () => nativeConnection.close());
  const worker = await createWorker({
    connection: nativeConnection,
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    prisma,
    mailer,
    shutdownGraceSeconds: config.SHUTDOWN_GRACE_SECONDS,
    maxCachedWorkflows: config.TEMPORAL_MAX_CACHED_WORKFLOWS,
  });
  const running = worker.run();
  running.catch(onFailure);
  shutdown.add('worker', async () => {
    // shutdown() stops polling and lets activities in flight finish (up to the grace time) before run() resolves.
    if (worker.getState() === 'RUNNING') worker.shutdown();
    await running;
  });
  return worker;
}

function listen(app: ReturnType<typeof createApp>, host: string, port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = app.listen(port, host);
    server.once('listening', () => resolve(server));
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(error.code === 'EADDRINUSE' ? new StartupError(`Port ${port} is already in use (PORT)`) : error);
    });
  });
}

/**
 * Stops accepting, lets requests in flight finish for a few seconds, then closes what is left: live event
 * feeds (server-sent events) never finish by themselves, and their browsers reconnect elsewhere.
 */
function close(server: Server, graceMs = 5000): Promise<void> {
  return new Promise((resolve, reject) => {
    const force = setTimeout(() => server.closeAllConnections(), graceMs);
    force.unref();
    server.close((error) => {
      clearTimeout(force);
      if (error) reject(error);
      else resolve();
    });
    server.closeIdleConnections();
  });
}
