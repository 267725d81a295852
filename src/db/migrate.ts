// Applies prisma/migrations to a PostgreSQL database and reports which are still pending.
//
// Applying goes through Prisma's own schema engine (WebAssembly build, see schema-engine.ts), so the
// database ends up exactly as after `prisma migrate deploy`: same advisory lock, same `_prisma_migrations`
// rows and checksums, same refusal to continue past a failed migration. A machine with the native engine
// can therefore run `npx prisma migrate deploy` against the same database and find nothing to do.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { migrationNames, readMigrationList } from './migration-files.js';
import { openMigrationConnection } from './migration-adapter.js';
import { openSchemaEngine } from './schema-engine.js';

/** Absolute path of prisma/migrations, independent of the working directory. */
export const migrationsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../prisma/migrations');

export interface ApplyMigrationsOptions {
  /** Another migrations folder (tests use a copy). Defaults to `migrationsDir`. */
  migrationsDir?: string;
}

/**
 * Applies every migration folder not yet applied, in name order, and returns the names it applied.
 * Rejects with an Error naming the failing migration and carrying the database's message; a failed
 * migration stays recorded as failed and blocks later runs, as with `prisma migrate deploy`.
 */
export async function applyMigrations(
  databaseUrl: string,
  log: (message: string) => void = () => {},
  options: ApplyMigrationsOptions = {},
): Promise<{ applied: string[] }> {
  const dir = options.migrationsDir ?? migrationsDir;
  const migrationsList = await readMigrationList(dir);
  let current: string | undefined;
  const connection = openMigrationConnection(databaseUrl);
  try {
    const session = await openSchemaEngine({
      adapter: connection.adapter,
      log: (line) => {
        const name = migrationBeingApplied(line);
        if (name !== undefined && name !== current) {
          current = name;
          log(`Applying migration ${name}`);
        }
      },
    });
    try {
      const { appliedMigrationNames } = await session.engine.applyMigrations({
        migrationsList,
        filters: { externalTables: [], externalEnums: [] },
      });
      log(appliedMigrationNames.length === 0 ? 'No pending migrations to apply' : `Applied ${appliedMigrationNames.length} migration(s)`);
      return { applied: appliedMigrationNames };
    } catch (thrown) {
      throw session.error(current === undefined ? 'Applying migrations failed' : `Migration ${current} failed`, thrown);
    } finally {
      session.free();
    }
  } finally {
    await connection.close();
  }
}

// The engine logs JSON lines; the ones inside the "Applying migration" span name the migration.
function migrationBeingApplied(line: string): string | undefined {
  try {
    const entry = JSON.parse(line) as { span?: { migration_name?: unknown } };
    const name = entry.span?.migration_name;
    return typeof name === 'string' ? name : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Names of migration folders not recorded as finished (finished and not rolled back) in
 * `_prisma_migrations`; all of them if that table does not exist yet. Two cheap queries at most, so a
 * readiness probe can call it. Given a URL it opens and closes its own connection; given a pool or a
 * client it borrows that.
 */
export async function pendingMigrations(database: string | pg.Pool | pg.Client, dir: string = migrationsDir): Promise<string[]> {
  const names = await migrationNames(dir);
  if (typeof database !== 'string') return pendingFrom(database, names);
  const client = new pg.Client({ connectionString: database });
  client.on('error', () => {});
  try {
    await client.connect();
    return await pendingFrom(client, names);
  } finally {
    await client.end();
  }
}

async function pendingFrom(db: pg.Pool | pg.Client, names: string[]): Promise<string[]> {
  let finished: Set<string>;
  try {
    const result = await db.query<{ migration_name: string }>(
      'SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL',
    );
    finished = new Set(result.rows.map((row) => row.migration_name));
  } catch (error) {
    // 42P01 undefined_table: nothing was ever migrated here.
    if ((error as { code?: unknown }).code === '42P01') return names;
    throw error;
  }
  return names.filter((name) => !finished.has(name));
}
