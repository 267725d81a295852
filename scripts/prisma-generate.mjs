// Generates the Prisma client during `npm install`.
//
// Prisma's CLI tries to download its native schema engine before every command, and this project must
// install on machines that reach only the npm registry. `prisma generate` never runs that engine, so any
// existing file satisfies the check: we point it at Node itself unless the caller named a real engine.
// Migrations do not use the native engine at all (see src/db/migrate.ts).
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const prismaCli = require.resolve('prisma/build/index.js');

const result = spawnSync(process.execPath, [prismaCli, 'generate'], {
  stdio: 'inherit',
  env: {
    ...process.env,
    PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? process.execPath,
    PRISMA_HIDE_UPDATE_MESSAGE: '1',
  },
});
process.exit(result.status ?? 1);
