// Adds the development organisations and people to a database, and prints their sign-ins:
//
//   npm run db:seed
//
// against DATABASE_URL, or, when that is unset, the embedded PostgreSQL that `npm start` runs. `npm start`
// seeds its embedded database by itself on the first start; this is for other development databases.
// It refuses when NODE_ENV=production.
import { ConfigError, loadConfig } from '../src/config/index.js';
import { createPrisma, describeDatabase } from '../src/db/prisma.js';
import { seedDevelopment, SeedRefusedError } from '../src/seed/development.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const databaseUrl = config.DATABASE_URL ?? `postgresql://postgres:postgres@127.0.0.1:${config.EMBEDDED_POSTGRES_PORT}/cymuned`;
  const prisma = createPrisma(databaseUrl);
  try {
    const { created, logins } = await seedDevelopment(prisma, { nodeEnv: config.NODE_ENV });
    process.stdout.write(`${created ? 'Seeded' : 'Already seeded'} ${describeDatabase(databaseUrl)}. Sign in as:\n\n`);
    for (const login of logins) {
      process.stdout.write(`  ${login.email.padEnd(32)} ${login.password.padEnd(26)} ${login.role.padEnd(17)} ${login.organisation}\n`);
    }
  } finally {
    await prisma.$disconnect();
  }
}

main().catch((error: unknown) => {
  const known = error instanceof ConfigError || error instanceof SeedRefusedError;
  process.stderr.write(`cymuned seed: ${known ? error.message : String(error)}\n`);
  process.exit(1);
});
