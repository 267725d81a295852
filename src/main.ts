import { ConfigError, loadConfig } from './config/index.js';
import { applyMigrations } from './db/migrate.js';
import { createPrisma } from './db/prisma.js';
import { loadWimd2019 } from './wimd/load-wimd.js';
import { createLogger } from './log.js';
import { startSystem, type Role } from './start-system.js';
import { StartupError, describeError } from './primitives/startup-error.js';
import { ensureTemporalCli } from './system/temporal-cli.js';

// One entry point for every way Cymuned runs:
//   all               npm start: embedded PostgreSQL and Temporal unless configured, worker and API
//   api | worker      one service each, as docker-compose.yml runs them
//   migrate           apply database migrations to DATABASE_URL, load reference data (WIMD) and exit
//   temporal-install  build the Temporal CLI if it is not found, and exit
const commands = ['all', 'api', 'worker', 'migrate', 'temporal-install'] as const;
type Command = (typeof commands)[number];

function fail(message: string): never {
  process.stderr.write(`cymuned: ${message}\n`);
  process.exit(1);
}

async function main(): Promise<void> {
  const command = (process.argv[2] ?? 'all') as Command;
  if (!commands.includes(command)) fail(`unknown command '${command}'; use one of ${commands.join(', ')}`);

  const config = loadConfig();
  const log = createLogger(config.LOG_LEVEL, { process: command });

  if (command === 'temporal-install') {
    log.info({ cli: await ensureTemporalCli(config.TEMPORAL_CLI_PATH, log) }, 'Temporal CLI ready');
    return;
  }
  if (command === 'migrate') {
    if (!config.DATABASE_URL) fail('migrate needs DATABASE_URL (npm start migrates the embedded database itself)');
    const { applied } = await applyMigrations(config.DATABASE_URL, (message) => log.info(message));
    log.info({ applied }, applied.length ? 'Applied migrations' : 'Migrations are current');
    // Reference data the migrations' tables need (docker-compose runs this before the api and worker).
    const prisma = createPrisma(config.DATABASE_URL);
    try {
      const { loaded } = await loadWimd2019(prisma);
      log.info({ loaded }, loaded ? 'Loaded WIMD 2019 small areas' : 'WIMD 2019 small areas are current');
    } finally {
      await prisma.$disconnect();
    }
    return;
  }

  let stopping: Promise<void> | undefined;
  const system = await startSystem(config, command satisfies Role, log, {
    onFatal: () => void stopAndExit(1),
  });
  const stopAndExit = (code: number) => {
    if (!stopping) {
      // A stop ends within SHUTDOWN_GRACE_SECONDS whatever is still running (an activity stuck on a lock,
      // a connection that never closes): the steps below are each bounded inside it, and this is the floor.
      setTimeout(() => {
        log.error({ graceSeconds: config.SHUTDOWN_GRACE_SECONDS }, 'Stopping took longer than SHUTDOWN_GRACE_SECONDS; exiting now');
        process.exit(code === 0 ? 1 : code);
      }, config.SHUTDOWN_GRACE_SECONDS * 1000).unref();
      stopping = system.stop().finally(() => process.exit(code));
    }
    return stopping;
  };
  process.on('SIGINT', () => void stopAndExit(0));
  process.on('SIGTERM', () => void stopAndExit(0));

  log.info(
    {
      pages: system.apiUrl && `${system.apiUrl}/`,
      api: system.apiUrl,
      temporal: system.temporalAddress,
      temporalUi: system.temporalUiUrl,
      database: system.databaseUrl.replace(/\/\/[^@]*@/, '//'),
    },
    'Cymuned is running; Ctrl-C stops it',
  );
}

main().catch((error: unknown) => {
  if (error instanceof StartupError || error instanceof ConfigError) fail(error.message);
  fail(`could not start: ${describeError(error)}`);
});
