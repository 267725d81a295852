// Verifies the audit trail's hash chains in DATABASE_URL and says where the first break is:
//
//   npm run audit:verify [-- --stream ENQ-2026-000001]
//
// Exits 0 when every chain is whole, 1 when one is broken or the check could not be made.
import { parseArgs } from 'node:util';
import { verifyAuditChain } from '../src/audit/verify-audit-chain.js';
import { loadConfig } from '../src/config/index.js';
import { createPrisma, describeDatabase } from '../src/db/prisma.js';

const count = (n: number, thing: string) => `${n} ${thing}${n === 1 ? '' : 's'}`;

// Prisma's messages open with the call that failed over several lines; the cause is on the last one.
function lastLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.trim().split('\n').at(-1)?.trim() ?? text;
}

function fail(message: string): never {
  process.stderr.write(`audit:verify: ${message}\n`);
  process.exit(1);
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { stream: { type: 'string' } } });
  const config = loadConfig();
  if (!config.DATABASE_URL) {
    fail(
      'DATABASE_URL is not set: name the PostgreSQL whose audit trail to verify, e.g. ' +
        `DATABASE_URL=postgresql://postgres:postgres@127.0.0.1:${config.EMBEDDED_POSTGRES_PORT}/cymuned while npm start runs`,
    );
  }

  const prisma = createPrisma(config.DATABASE_URL);
  try {
    const result = await verifyAuditChain(prisma, { stream: values.stream });
    if (result.ok) {
      process.stdout.write(`Audit trail verified: ${count(result.records, 'record')} in ${count(result.streams, 'stream')}\n`);
    } else {
      process.stdout.write(`Audit trail broken at ${result.stream} #${result.sequence} (record ${result.id}): ${result.reason}\n`);
      process.exitCode = 1;
    }
  } catch (error) {
    fail(`could not read the audit trail in ${describeDatabase(config.DATABASE_URL)}: ${lastLine(error)}`);
  } finally {
    await prisma.$disconnect();
  }
}

// A bad --option or variable (ConfigError names it) ends here.
main().catch((error: unknown) => fail(error instanceof Error ? error.message : String(error)));
