// Computes the SQL that takes a database from one Prisma schema to another, offline: Prisma's schema engine
// (`prisma migrate diff --from-schema A --to-schema B --script`) with no database behind it.
import { offlineAdapter } from './offline-adapter.js';
import { openSchemaEngine } from './schema-engine.js';

export interface SchemaFile {
  path: string;
  content: string;
}

/**
 * The migration script from `from` (null: an empty database) to `to`, or null when nothing changes.
 */
export async function diffSchemas(from: SchemaFile | null, to: SchemaFile): Promise<string | null> {
  const session = await openSchemaEngine({ adapter: offlineAdapter() });
  try {
    const result = await session.engine.diff({
      from: from === null ? { tag: 'empty' } : { tag: 'schemaDatamodel', files: [from] },
      to: { tag: 'schemaDatamodel', files: [to] },
      script: true,
      exitCode: null,
      filters: { externalTables: [], externalEnums: [] },
    });
    const script = withoutDefaultSchemaCreation(result.stdout ?? '');
    // An empty diff is reported as a script holding only the comment "-- This is an empty migration.".
    const statements = script.split('\n').filter((line) => line.trim() !== '' && !line.startsWith('--'));
    return statements.length === 0 ? null : script;
  } catch (thrown) {
    throw session.error('Diffing the Prisma schemas failed', thrown);
  } finally {
    session.free();
  }
}

// Diffing from an empty database makes the engine create the default schema too. `prisma migrate dev`
// (which diffs from a shadow database that already has it) writes no such statement, and PostgreSQL
// checks the CREATE privilege on the database before "IF NOT EXISTS", so the statement would make
// `migrate deploy` fail for an application role that may only use the existing "public" schema.
function withoutDefaultSchemaCreation(script: string): string {
  return script.replace(/^-- CreateSchema\nCREATE SCHEMA IF NOT EXISTS "public";\n\n?/m, '');
}
