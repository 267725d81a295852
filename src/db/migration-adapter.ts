// The PostgreSQL connection the schema engine migrates through: @prisma/adapter-pg over a pg pool of
// exactly one connection, with two corrections so that it behaves like Prisma's native engine.
//
// - One connection: the engine takes the session-level advisory lock `pg_advisory_lock(72707369)` (the one
//   `prisma migrate deploy` takes) and never releases it; it expects the lock to live as long as its single
//   connection. With a larger pool nothing would guarantee that its later statements run in the session
//   holding the lock. Closing the pool ends the session and releases the lock. (The engine runs one
//   statement at a time and opens no transaction here, so one connection cannot deadlock it.)
// - Whole-script execution: adapter-pg's `executeScript` splits a migration on every ";" (breaking string
//   literals, function bodies and DO blocks) and runs the pieces one by one, so a failing migration leaves
//   its first statements applied. The native engine sends the script as one simple-protocol query, which
//   PostgreSQL runs as one implicit transaction. A query with no parameters takes the same path in pg, and
//   going through `executeRaw` keeps adapter-pg's mapping of PostgreSQL errors.
import pg from 'pg';
import { PrismaPg } from '@prisma/adapter-pg';
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';

export interface MigrationConnection {
  adapter: SqlMigrationAwareDriverAdapterFactory;
  /** Ends the pool (and with it the engine's advisory lock). Safe to call more than once. */
  close(): Promise<void>;
}

function runScriptsWhole(connection: SqlDriverAdapter): SqlDriverAdapter {
  connection.executeScript = async (script: string) => {
    await connection.executeRaw({ sql: script, args: [], argTypes: [] });
  };
  return connection;
}

export function openMigrationConnection(databaseUrl: string): MigrationConnection {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 1 });
  // An idle connection dropped by the server must not crash the process; the next query reports it.
  pool.on('error', () => {});
  const factory = new PrismaPg(pool);
  let closed: Promise<void> | undefined;
  return {
    adapter: {
      provider: factory.provider,
      adapterName: factory.adapterName,
      connect: async () => runScriptsWhole(await factory.connect()),
      // A shadow database is only needed to author migrations against a live database, which this project
      // does not do (see scripts/new-migration.ts); refuse clearly rather than half-work.
      connectToShadowDb: async () => {
        throw new Error('No shadow database is configured for migrations in this project.');
      },
    },
    close: () => (closed ??= pool.end()),
  };
}
