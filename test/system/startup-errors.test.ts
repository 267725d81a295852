import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, migratedDatabase, type TestDatabase } from '../support/database.js';
import { freePort } from '../support/ports.js';
import { runCymuned } from '../support/process.js';

// Someone starting Cymuned with a wrong setting gets one line saying what is wrong, and a failing exit.
describe('starting with a wrong setting', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await migratedDatabase();
  });
  afterAll(() => database?.drop());

  async function startAndFail(env: Record<string, string>) {
    const run = runCymuned('all', { LOG_LEVEL: 'silent', PORT: '0', ...env });
    const code = await run.exited;
    return { code, stderr: run.stderr() };
  }

  it('an unreachable DATABASE_URL', async () => {
    const port = await freePort();
    const { code, stderr } = await startAndFail({ DATABASE_URL: `postgresql://cymuned:secret@127.0.0.1:${port}/cymuned`, TEMPORAL_ADDRESS: '127.0.0.1:1' });
    expect(code).toBe(1);
    expect(stderr).toMatch(new RegExp(`^cymuned: Cannot connect to PostgreSQL at 127\\.0\\.0\\.1:${port}/cymuned \\(DATABASE_URL\\): .+\\n$`));
    expect(stderr).not.toContain('secret');
  });

  it('a DATABASE_URL with the wrong password', async () => {
    const url = new URL(database.url);
    url.password = 'wrong';
    const { code, stderr } = await startAndFail({ DATABASE_URL: url.toString(), TEMPORAL_ADDRESS: '127.0.0.1:1' });
    expect(code).toBe(1);
    expect(stderr).toMatch(/^cymuned: Cannot connect to PostgreSQL at .* \(DATABASE_URL\): .*password.*\n$/);
  });

  it('an unreachable TEMPORAL_ADDRESS', async () => {
    const port = await freePort();
    const { code, stderr } = await startAndFail({ DATABASE_URL: database.url, TEMPORAL_ADDRESS: `127.0.0.1:${port}` });
    expect(code).toBe(1);
    expect(stderr).toMatch(new RegExp(`^cymuned: Cannot reach Temporal at 127\\.0\\.0\\.1:${port} \\(TEMPORAL_ADDRESS\\): .+\\n$`));
  });

  it('an invalid variable', async () => {
    const { code, stderr } = await startAndFail({ PORT: 'eighty' });
    expect(code).toBe(1);
    expect(stderr).toMatch(/^cymuned: Invalid configuration: PORT .+\n$/);
  });

  it('a CFP policy file that is not there, naming CFP_POLICY_FILE', async () => {
    const { code, stderr } = await startAndFail({ DATABASE_URL: database.url, TEMPORAL_ADDRESS: '127.0.0.1:1', CFP_POLICY_FILE: '/nowhere/cfp.json' });
    expect(code).toBe(1);
    expect(stderr).toMatch(/^cymuned: Cannot load the CFP policy \(CFP_POLICY_FILE\): .*\/nowhere\/cfp\.json.*\n$/);
  });

  it('the api against a database without its migrations, before it serves anything', async () => {
    const unmigrated = await freshDatabase();
    try {
      const run = runCymuned('api', { LOG_LEVEL: 'silent', PORT: '0', DATABASE_URL: unmigrated.url, TEMPORAL_ADDRESS: '127.0.0.1:1' });
      expect(await run.exited).toBe(1);
      expect(run.stderr()).toMatch(
        /^cymuned: The database at .* \(DATABASE_URL\) lacks \d+ migration\(s\), the latest \d{14}_\w+: run `npm run db:migrate` first\n$/,
      );
    } finally {
      await unmigrated.drop();
    }
  });

  it('production without its own database and Temporal, rather than the embedded ones', async () => {
    const { code, stderr } = await startAndFail({ NODE_ENV: 'production', TEMPORAL_ADDRESS: '127.0.0.1:1' });
    expect(code).toBe(1);
    expect(stderr).toBe(
      'cymuned: In production DATABASE_URL and TEMPORAL_ADDRESS must both be set: the embedded PostgreSQL and Temporal dev server are for development only\n',
    );
  });

  it('an unknown command', async () => {
    const run = runCymuned('serve', {});
    expect(await run.exited).toBe(1);
    expect(run.stderr()).toBe("cymuned: unknown command 'serve'; use one of all, api, worker, migrate, temporal-install\n");
  });
});
