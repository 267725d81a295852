// Checks that the database says what each case's workflow history says (src/operations/consistency/check-case.ts):
//
//   npm run check:consistency [-- --reference CFP-2026-000001]
//
// Reads DATABASE_URL and TEMPORAL_ADDRESS (and TEMPORAL_NAMESPACE). Prints each difference; exits 0 when
// there is none, 1 when there is one or the check could not be made.
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config/index.js';
import { createPrisma } from '../src/db/prisma.js';
import { caseReferences, checkCase } from '../src/operations/consistency/check-case.js';
import { connectClient } from '../src/temporal/connect.js';

function fail(message: string): never {
  process.stderr.write(`check:consistency: ${message}\n`);
  process.exit(1);
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { reference: { type: 'string' } } });
  const config = loadConfig();
  if (!config.DATABASE_URL || !config.TEMPORAL_ADDRESS) {
    fail(
      'DATABASE_URL and TEMPORAL_ADDRESS must name the system to check, e.g. while npm start runs: ' +
        `DATABASE_URL=postgresql://postgres:postgres@127.0.0.1:${config.EMBEDDED_POSTGRES_PORT}/cymuned TEMPORAL_ADDRESS=127.0.0.1:${config.TEMPORAL_DEV_PORT}`,
    );
  }
  const prisma = createPrisma(config.DATABASE_URL);
  const { connection, client } = await connectClient(config.TEMPORAL_ADDRESS, config.TEMPORAL_NAMESPACE);
  try {
    const references = values.reference ? [values.reference] : await caseReferences(prisma);
    let differing = 0;
    let pending = 0;
    let uncheckable = 0;
    for (const reference of references) {
      const result = await checkCase({ prisma, temporal: client, reference });
      if (result.pendingWrites > 0) pending += 1;
      if (result.uncheckable) uncheckable += 1;
      if (result.differences.length > 0) differing += 1;
      for (const difference of result.differences) {
        process.stdout.write(`${reference}${difference.sequence === null ? '' : ` #${difference.sequence}`}: ${difference.what}\n`);
      }
    }
    const notes = [
      pending && `${pending} with writes still running (check again)`,
      uncheckable && `${uncheckable} begun when events were written inside workflow tasks (partly checked)`,
    ].filter(Boolean);
    process.stdout.write(`${references.length} case(s) checked, ${differing} with differences${notes.length ? `; ${notes.join('; ')}` : ''}\n`);
    if (differing > 0) process.exitCode = 1;
  } finally {
    await prisma.$disconnect();
    await connection.close();
  }
}

main().catch((error: unknown) => fail(error instanceof Error ? error.message : String(error)));
