import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, inject } from 'vitest';
import { createPrisma, type PrismaClient } from '../../src/db/prisma.js';

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

function urlFor(database: string): string {
  const url = new URL(inject('databaseAdminUrl'));
  url.pathname = `/${database}`;
  return url.toString();
}

async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: inject('databaseAdminUrl') });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

async function createDatabase(template?: string): Promise<TestDatabase> {
  const name = `cymuned_test_${randomBytes(6).toString('hex')}`;
  await admin((client) => client.query(`CREATE DATABASE ${name}${template ? ` TEMPLATE ${template}` : ''}`));
  return {
    url: urlFor(name),
    drop: () => admin((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}

/** An empty database with no migrations applied, on the test run's real PostgreSQL. */
export function freshDatabase(): Promise<TestDatabase> {
  return createDatabase();
}

/**
 * A database with every migration applied, cloned from the run's template in a few milliseconds.
 *
 * Every test file shares one Temporal server, where a case's reference is its workflow id, so each database
 * hands out references from its own random starting point: two files' first applications must not both
 * be CFP-2026-000001 (a running workflow's id cannot be taken again).
 */
export async function migratedDatabase(): Promise<TestDatabase> {
  const database = await createDatabase(inject('templateDatabase'));
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    const start = randomBytes(4).readUInt32BE() % 900_000;
    const year = new Date().getUTCFullYear();
    await client.query(
      `INSERT INTO reference_counter (prefix, year, last) SELECT prefix, y, $1 FROM unnest(ARRAY['CFP', 'ENQ', 'CAT']) AS prefix, unnest(ARRAY[$2::int, $2::int + 1]) AS y`,
      [start, year],
    );
  } finally {
    await client.end();
  }
  return database;
}

/**
 * A migrated database and a Prisma client on it for the enclosing test file (or describe block), closed
 * and dropped after it. `onReady` receives the client before the first test runs.
 */
export function useMigratedDatabase(onReady: (prisma: PrismaClient) => void): void {
  let database: TestDatabase | undefined;
  let prisma: PrismaClient | undefined;
  beforeAll(async () => {
    database = await migratedDatabase();
    prisma = createPrisma(database.url);
    onReady(prisma);
  });
  afterAll(async () => {
    await prisma?.$disconnect();
    await database?.drop();
  });
}
