import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { bundleWorkflowCode } from '@temporalio/worker';
import type { TestProject } from 'vitest/node';
import { applyMigrations } from '../src/db/migrate.js';
import { createPrisma } from '../src/db/prisma.js';
import { createLogger } from '../src/log.js';
import { startEmbeddedPostgres } from '../src/system/embedded-postgres.js';
import { ensureTemporalCli } from '../src/system/temporal-cli.js';
import { startTemporalDevServer } from '../src/system/temporal-dev-server.js';
import { workflowInterceptorsPath, workflowsPath } from '../src/create-worker.js';
import { loadWimd2019 } from '../src/wimd/load-wimd.js';
import { freePort } from './support/ports.js';

// One real PostgreSQL and one real Temporal dev server for the whole run (or the ones named by
// DATABASE_URL / TEMPORAL_ADDRESS). Test files get isolation by cloning a migrated template database and by
// using their own task queues, so they can run in parallel.

declare module 'vitest' {
  export interface ProvidedContext {
    databaseAdminUrl: string;
    templateDatabase: string;
    temporalAddress: string;
    temporalCliPath: string;
    workflowBundlePath: string;
  }
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

export default async function setup(project: TestProject) {
  const log = createLogger(process.env.LOG_LEVEL ?? 'warn', { process: 'test-setup' });
  const workDir = await mkdtemp(path.join(tmpdir(), 'cymuned-test-'));
  // As root, PostgreSQL runs as the `postgres` user, which must be able to reach its folder.
  await chmod(workDir, 0o755);
  const stops: (() => Promise<void>)[] = [];

  let adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    const postgres = await startEmbeddedPostgres({ dir: path.join(workDir, 'postgres'), port: await freePort(), database: 'postgres' });
    stops.push(postgres.stop);
    adminUrl = postgres.adminUrl;
  }

  const templateDatabase = `cymuned_template_${process.pid}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${templateDatabase}`);
  await admin.query(`CREATE DATABASE ${templateDatabase}`);
  await admin.end();
  await applyMigrations(withDatabase(adminUrl, templateDatabase));
  // Every test database is cloned from the template, so each starts with the WIMD areas as a started system has.
  const templatePrisma = createPrisma(withDatabase(adminUrl, templateDatabase));
  try {
    await loadWimd2019(templatePrisma);
  } finally {
    await templatePrisma.$disconnect();
  }

  const cli = await ensureTemporalCli(process.env.TEMPORAL_CLI_PATH, log);
  let temporalAddress = process.env.TEMPORAL_ADDRESS;
  if (!temporalAddress) {
    const server = await startTemporalDevServer({ cli, dir: path.join(workDir, 'temporal'), persistent: false, port: await freePort(), namespace: 'default' });
    stops.push(server.stop);
    temporalAddress = server.address;
  }

  const bundle = await bundleWorkflowCode({ workflowsPath, workflowInterceptorModules: [workflowInterceptorsPath], logger: undefined });
  const workflowBundlePath = path.join(workDir, 'workflow-bundle.js');
  await writeFile(workflowBundlePath, bundle.code);

  project.provide('databaseAdminUrl', adminUrl);
  project.provide('templateDatabase', templateDatabase);
  project.provide('temporalAddress', temporalAddress);
  project.provide('temporalCliPath', cli);
  project.provide('workflowBundlePath', workflowBundlePath);

  return async () => {
    for (const stop of stops.reverse()) await stop();
    await rm(workDir, { recursive: true, force: true });
  };
}
