import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Connection, WorkflowClient } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { eventually } from '../support/http.js';
import { sessionHeaders, signInOverHttp } from '../support/people.js';
import { freePort } from '../support/ports.js';
import { runCymuned, type CymunedProcess } from '../support/process.js';

// What `npm start` does on a machine with no configuration: embedded PostgreSQL, a Temporal dev server
// with its file store, migrations, the worker and the API; Ctrl-C stops it all in order, and a second
// start finds the cases the first one left.
describe('npm start', () => {
  let dataDir: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'cymuned-start-'));
    await chmod(dataDir, 0o755); // reachable by the `postgres` user the embedded server runs as under root
    env = {
      DATA_DIR: dataDir,
      PORT: String(await freePort()),
      EMBEDDED_POSTGRES_PORT: String(await freePort()),
      TEMPORAL_DEV_PORT: String(await freePort()),
      TEMPORAL_UI_PORT: String(await freePort()),
      TEMPORAL_CLI_PATH: inject('temporalCliPath'),
      LOG_LEVEL: 'info',
    };
  });

  const started: CymunedProcess[] = [];
  afterAll(async () => {
    // A failed assertion must not leave a system running behind the test run.
    for (const run of started) if (run.child.exitCode === null) run.child.kill('SIGTERM');
    await Promise.all(started.map((run) => run.exited));
    await rm(dataDir, { recursive: true, force: true });
  });

  async function start(): Promise<{ run: CymunedProcess; api: string; temporal: string }> {
    const run = runCymuned('all', env);
    started.push(run);
    const running = await run.waitForLog((line) => line.msg === 'Cymuned is running; Ctrl-C stops it');
    return { run, api: String(running.api), temporal: String(running.temporal) };
  }

  async function stop(run: CymunedProcess, signal: NodeJS.Signals): Promise<void> {
    run.child.kill(signal);
    expect(await run.exited).toBe(0);
    const stopped = run.logs.map((line) => line.msg).filter((msg) => String(msg).startsWith('Stopped '));
    expect(stopped).toEqual([
      'Stopped HTTP API',
      'Stopped session sweep',
      'Stopped case event signals',
      'Stopped worker',
      'Stopped worker connection',
      'Stopped Temporal client',
      'Stopped Temporal dev server',
      'Stopped database connections',
      'Stopped PostgreSQL',
    ]);
  }

  it('starts everything, stops in order on Ctrl-C, and keeps cases across a restart', async () => {
    const first = await start();
    expect((await fetch(`${first.api}/readyz`)).status).toBe(200);
    // The first start creates the development people (README); sign in as a group's lead.
    expect(first.run.logs.some((line) => line.msg === 'Created development people to sign in as (see README)')).toBe(true);
    const lead = await signInOverHttp(first.api, { email: 'arweinydd@neuadd.example', password: 'neuadd-arweinydd-2026' });
    const accepted = await fetch(`${first.api}/api/enquiries`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...sessionHeaders(lead) },
      body: JSON.stringify({ organisationName: 'Cyfeillion Parc y Dref', contactEmail: 'parc@example.cymru', message: 'Helo', language: 'cy' }),
    });
    const { reference } = (await accepted.json()) as { reference: string };
    await eventually(async () => ((await fetch(`${first.api}/api/enquiries/${reference}`, { headers: sessionHeaders(lead) })).ok ? true : undefined));
    await stop(first.run, 'SIGINT');

    const second = await start();
    expect((await fetch(`${second.api}/readyz`)).status).toBe(200);
    // Sessions live in PostgreSQL, so the lead is still signed in after the restart.
    expect(await (await fetch(`${second.api}/api/enquiries/${reference}`, { headers: sessionHeaders(lead) })).json()).toMatchObject({
      reference,
      status: 'received',
    });
    expect(second.run.logs.some((line) => line.msg === 'Created development people to sign in as (see README)')).toBe(false);
    // Temporal kept the workflow in its file store too; if the first stop came between the activity and
    // the workflow's last task, the second start's worker finishes it.
    const connection = await Connection.connect({ address: second.temporal });
    try {
      const handle = new WorkflowClient({ connection }).getHandle(reference);
      await eventually(async () => ((await handle.describe()).status.name === 'COMPLETED' ? true : undefined));
    } finally {
      await connection.close();
    }
    expect(second.run.logs.some((line) => line.msg === 'Migrations are current')).toBe(true);
    await stop(second.run, 'SIGTERM');
  });
});
