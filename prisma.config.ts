import { defineConfig } from 'prisma/config';

// Used by Prisma's own CLI (`prisma generate`, and `prisma migrate deploy` on machines that can fetch the
// native engine). The application reads DATABASE_URL through src/config instead.
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://localhost:5432/cymuned' },
});
