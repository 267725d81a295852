// A driver adapter with no database behind it, for schema engine commands that never touch one (diffing two
// Prisma schemas).
//
// Why: the engine connects when it starts and asks one question (does the default schema exist, which
// server version is it), even for a pure schema-to-schema diff. Authoring a migration should need neither
// a running PostgreSQL nor a network, so this adapter answers that question and refuses everything else
// with a message that says so. Prisma's own "mock" adapter refuses the startup question too, so it cannot
// serve here.
import {
  ColumnTypeEnum,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
  type SqlQuery,
  type SqlResultSet,
} from '@prisma/driver-adapter-utils';

// The version reported to the engine. It only decides SQL flavour (PostgreSQL, not CockroachDB) here.
const REPORTED_VERSION = 'PostgreSQL 16.0 (offline, no database)';
const REPORTED_VERSION_NUM = 160000;

function refuse(what: string): never {
  throw new Error(
    `The schema engine tried to use the database (${what}), but it runs offline here: ` + 'only schema-to-schema diffs are supported without a database.',
  );
}

function offlineConnection(): SqlDriverAdapter {
  return {
    provider: 'postgres',
    adapterName: 'cymuned-offline',
    async queryRaw(query: SqlQuery): Promise<SqlResultSet> {
      if (/^SELECT EXISTS\(SELECT 1 FROM pg_namespace WHERE nspname = \$1\), version\(\)/.test(query.sql)) {
        return {
          columnNames: ['exists', 'version', 'numeric_version'],
          columnTypes: [ColumnTypeEnum.Boolean, ColumnTypeEnum.Text, ColumnTypeEnum.Int32],
          rows: [[true, REPORTED_VERSION, REPORTED_VERSION_NUM]],
        };
      }
      return refuse(query.sql);
    },
    executeRaw: async (query) => refuse(query.sql),
    executeScript: async (script) => refuse(script),
    startTransaction: async () => refuse('a transaction'),
    dispose: async () => {},
  };
}

export function offlineAdapter(): SqlMigrationAwareDriverAdapterFactory {
  return {
    provider: 'postgres',
    adapterName: 'cymuned-offline',
    connect: async () => offlineConnection(),
    connectToShadowDb: async () => offlineConnection(),
  };
}
