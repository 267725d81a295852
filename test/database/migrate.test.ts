// Migrations through Prisma's WebAssembly schema engine, against real PostgreSQL databases.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { PrismaPg } from '@prisma/adapter-pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PrismaClient } from '../../generated/prisma/client.js';
import { applyMigrations, migrationsDir, pendingMigrations } from '../../src/db/migrate.js';
import { MIGRATION_FILE, migrationNames } from '../../src/db/migration-files.js';
import { diffSchemas } from '../../src/db/schema-diff.js';
import { freshDatabase, type TestDatabase } from '../support/database.js';

interface MigrationRow {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
  logs: string | null;
  applied_steps_count: number;
}

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

// Other sessions on the database; the server drops a closed backend shortly after the client leaves.
async function otherSessions(url: string): Promise<number> {
  for (let attempt = 0; ; attempt++) {
    const [row] = await query<{ count: number }>(
      url,
      'SELECT count(*)::int AS count FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()',
    );
    if (row?.count === 0 || attempt === 20) return row?.count ?? 0;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

describe('applying prisma/migrations to a fresh database', () => {
  let database: TestDatabase;
  let folders: string[];

  beforeAll(async () => {
    database = await freshDatabase();
    folders = await migrationNames(migrationsDir);
  });

  afterAll(async () => {
    await database?.drop();
  });

  it('lists every migration folder as pending before anything ran', async () => {
    expect(folders.length).toBeGreaterThan(0);
    expect(await pendingMigrations(database.url)).toEqual(folders);
  });

  it('applies them all in order, then closes its connections', async () => {
    const messages: string[] = [];
    const { applied } = await applyMigrations(database.url, (message) => messages.push(message));
    expect(applied).toEqual(folders);
    for (const folder of folders) expect(messages).toContain(`Applying migration ${folder}`);
    expect(await otherSessions(database.url)).toBe(0);
  });

  it('applies nothing the second time, and nothing is pending', async () => {
    expect(await applyMigrations(database.url)).toEqual({ applied: [] });
    expect(await pendingMigrations(database.url)).toEqual([]);
  });

  it('answers pendingMigrations on a borrowed pool without closing it', async () => {
    const pool = new pg.Pool({ connectionString: database.url });
    try {
      expect(await pendingMigrations(pool)).toEqual([]);
      expect((await pool.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
    } finally {
      await pool.end();
    }
  });

  it('records them in _prisma_migrations as Prisma does: one finished row each, checksum = sha256 of the script', async () => {
    const rows = await query<MigrationRow>(
      database.url,
      'SELECT migration_name, checksum, finished_at, rolled_back_at, logs, applied_steps_count FROM _prisma_migrations ORDER BY started_at',
    );
    expect(rows.map((row) => row.migration_name)).toEqual(folders);
    for (const row of rows) {
      const script = await readFile(path.join(migrationsDir, row.migration_name, MIGRATION_FILE), 'utf8');
      expect(row.checksum).toMatch(/^[0-9a-f]{64}$/);
      expect(row.checksum).toBe(sha256(script));
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.rolled_back_at).toBeNull();
      expect(row.logs).toBeNull();
      expect(row.applied_steps_count).toBe(1);
    }
  });

  it('leaves a schema the Prisma client can write and read', async () => {
    const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: database.url }) });
    try {
      const receivedAt = new Date('2026-01-15T10:30:00.123Z');
      await prisma.enquiry.create({
        data: {
          reference: 'ENQ-2026-000001',
          organisationName: 'Neuadd Bentref Llan',
          contactEmail: 'ysgrifennydd@example.org',
          message: 'Hoffem drafod trosglwyddo ased cymunedol.',
          language: 'cy',
          status: 'received',
          receivedAt,
        },
      });
      const found = await prisma.enquiry.findUnique({ where: { reference: 'ENQ-2026-000001' } });
      expect(found).toMatchObject({ organisationName: 'Neuadd Bentref Llan', language: 'cy', receivedAt, requestId: null });
    } finally {
      await prisma.$disconnect();
    }
  });
});

describe('migrations that are not plain', () => {
  let database: TestDatabase;
  let dir: string;
  const broken = '99999999999998_broken';

  beforeAll(async () => {
    database = await freshDatabase();
    dir = await mkdtemp(path.join(tmpdir(), 'cymuned-migrations-'));
    await cp(migrationsDir, dir, { recursive: true });
  });

  afterAll(async () => {
    await database?.drop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  async function addMigration(name: string, sql: string): Promise<void> {
    await mkdir(path.join(dir, name));
    await writeFile(path.join(dir, name, MIGRATION_FILE), sql);
  }

  // adapter-pg alone would split this script on every ";" and fail; the native engine runs it whole.
  it('runs a script with semicolons inside literals and function bodies as one script', async () => {
    await addMigration(
      '99999999999997_semicolons',
      `CREATE TABLE "note" ("id" INTEGER PRIMARY KEY, "text" TEXT NOT NULL DEFAULT 'a; b');\n` +
        `CREATE FUNCTION "note_count"() RETURNS BIGINT AS $$ BEGIN RETURN (SELECT count(*) FROM "note"); END; $$ LANGUAGE plpgsql;\n` +
        `DO $$ BEGIN INSERT INTO "note" ("id") VALUES (1); END $$;\n`,
    );
    const { applied } = await applyMigrations(database.url, undefined, { migrationsDir: dir });
    expect(applied.at(-1)).toBe('99999999999997_semicolons');
    expect(await query(database.url, 'SELECT "note_count"() AS n, "text" FROM "note"')).toEqual([{ n: '1', text: 'a; b' }]);
  });

  it('fails a broken migration with its name and the database message, applying none of it', async () => {
    await addMigration(broken, 'CREATE TABLE "half_done" ("id" INTEGER);\nSELEC 1;\n');
    const failure = applyMigrations(database.url, undefined, { migrationsDir: dir });
    await expect(failure).rejects.toThrow(Error);
    await expect(failure).rejects.toThrow(`Migration ${broken} failed`);
    await expect(failure).rejects.toThrow('syntax error at or near "SELEC"');
    // PostgreSQL ran the script as one implicit transaction, as with Prisma's native engine.
    expect(await query(database.url, `SELECT to_regclass('half_done') AS half_done`)).toEqual([{ half_done: null }]);
    expect(await otherSessions(database.url)).toBe(0);
  });

  it('then refuses to go on, as prisma migrate deploy does, and reports it pending', async () => {
    await expect(applyMigrations(database.url, undefined, { migrationsDir: dir })).rejects.toThrow(new RegExp(`found failed migrations[\\s\\S]*${broken}`));
    expect(await pendingMigrations(database.url, dir)).toEqual([broken]);
  });

  it('reports an unreachable database readably', async () => {
    const url = new URL(database.url);
    url.port = '1';
    await expect(applyMigrations(url.toString())).rejects.toThrow(/Can't reach database server/);
  });
});

describe('two applyMigrations at once', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await freshDatabase();
  });

  afterAll(async () => {
    await database?.drop();
  });

  // As when the API and the worker start together: Prisma's advisory lock makes the second wait.
  it('applies each migration once', async () => {
    const results = await Promise.all([applyMigrations(database.url), applyMigrations(database.url)]);
    const folders = await migrationNames(migrationsDir);
    expect(results.map((result) => result.applied).sort((a, b) => a.length - b.length)).toEqual([[], folders]);
    const [row] = await query<{ count: number }>(database.url, 'SELECT count(*)::int AS count FROM _prisma_migrations');
    expect(row?.count).toBe(folders.length);
  });
});

describe('applyMigrations in its own process', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await freshDatabase();
  });

  afterAll(async () => {
    await database?.drop();
  });

  // Nothing (pool, engine, the engine's own timers) may keep the event loop alive once the promise settles.
  it('lets the process exit as soon as it is done', async () => {
    const script = `import { applyMigrations } from ${JSON.stringify(new URL('../../src/db/migrate.ts', import.meta.url).href)};
const { applied } = await applyMigrations(process.env.URL);
const done = performance.now();
process.on('exit', () => console.log(JSON.stringify({ applied: applied.length, lingeredMs: performance.now() - done })));`;
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      env: { ...process.env, URL: database.url },
      timeout: 30_000,
    });
    const result = JSON.parse(stdout.trim()) as { applied: number; lingeredMs: number };
    expect(result.applied).toBe((await migrationNames(migrationsDir)).length);
    expect(result.lingeredMs).toBeLessThan(2_000);
  });
});

describe('authoring migrations offline', () => {
  it('diffs an unchanged schema to nothing and an empty database to tables, without a database', async () => {
    const schema = { path: 'schema.prisma', content: await readFile(path.join(migrationsDir, '..', 'schema.prisma'), 'utf8') };
    expect(await diffSchemas(schema, schema)).toBeNull();
    const script = await diffSchemas(null, schema);
    expect(script).toContain('CREATE TABLE "enquiry"');
    expect(script).toContain('"received_at" TIMESTAMPTZ(3) NOT NULL');
    expect(script).not.toContain('CREATE SCHEMA');
  });
});
