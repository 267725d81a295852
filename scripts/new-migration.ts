// Writes the next migration for prisma/schema.prisma, offline:
//
//   npm run db:migration -- <name> [--from <previous schema.prisma>]
//
// It stands in for `prisma migrate dev --create-only`, which needs the native schema engine (a download
// these machines cannot make) and a database. The previous schema is the one the existing migrations were
// written for: empty when there are none, otherwise prisma/schema.prisma as committed in the last commit
// that touched prisma/migrations (commit each migration together with its schema change), or --from.
// Prisma's schema engine (WebAssembly) diffs it to the current schema and we write the script under
// prisma/migrations/<UTC YYYYMMDDHHMMSS>_<name>/migration.sql, as Prisma names them.
import { execFileSync } from 'node:child_process';
import { access, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { migrationsDir } from '../src/db/migrate.js';
import { LOCK_FILE, LOCK_FILE_CONTENT, MIGRATION_FILE, migrationNames } from '../src/db/migration-files.js';
import { diffSchemas, type SchemaFile } from '../src/db/schema-diff.js';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const schemaPath = path.join(projectRoot, 'prisma', 'schema.prisma');

function git(...args: string[]): string {
  return execFileSync('git', args, { cwd: projectRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

// "Add Enquiry notes" -> "add_enquiry_notes": the folder name must be a plain, sortable word.
function migrationSlug(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

// UTC, as Prisma names migration folders.
function timestamp(now: Date): string {
  return now.toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

async function previousSchema(from: string | undefined): Promise<SchemaFile | null> {
  if (from !== undefined) return { path: from, content: await readFile(from, 'utf8') };
  if ((await migrationNames(migrationsDir)).length === 0) return null;
  const relativeMigrations = path.relative(projectRoot, migrationsDir);
  // Uncommitted migrations would be missing from the committed schema's history and be written twice.
  if (git('status', '--porcelain', '--', relativeMigrations).trim() !== '') {
    throw new Error(
      `${relativeMigrations} has uncommitted changes. Commit the migrations with the schema they were ` +
        'written for, or pass --from <the schema the latest migration leads to>.',
    );
  }
  const commit = git('log', '-1', '--format=%H', '--', relativeMigrations).trim();
  if (commit === '') {
    throw new Error(`No commit touches ${relativeMigrations} yet: commit it, or pass --from <schema file>.`);
  }
  const relativeSchema = path.relative(projectRoot, schemaPath);
  return { path: `${commit}:${relativeSchema}`, content: git('show', `${commit}:./${relativeSchema}`) };
}

async function ensureLockFile(): Promise<void> {
  const lockPath = path.join(migrationsDir, LOCK_FILE);
  const exists = await access(lockPath).then(
    () => true,
    () => false,
  );
  if (!exists) await writeFile(lockPath, LOCK_FILE_CONTENT);
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { from: { type: 'string' } },
  });
  const slug = migrationSlug(positionals.join(' '));
  if (slug === '') {
    throw new Error('Usage: npm run db:migration -- <name> [--from <previous schema.prisma>]');
  }
  const previous = await previousSchema(values.from);
  const current = { path: schemaPath, content: await readFile(schemaPath, 'utf8') };
  const script = await diffSchemas(previous, current);
  if (script === null) {
    console.log(`No changes: prisma/schema.prisma matches ${previous?.path ?? 'an empty database'}; nothing written.`);
    return;
  }
  const folder = path.join(migrationsDir, `${timestamp(new Date())}_${slug}`);
  await mkdir(folder, { recursive: true });
  await writeFile(path.join(folder, MIGRATION_FILE), script, { flag: 'wx' });
  await ensureLockFile();
  console.log(`Wrote ${path.relative(projectRoot, path.join(folder, MIGRATION_FILE))} (from ${previous?.path ?? 'an empty database'})`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
