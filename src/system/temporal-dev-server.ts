import { spawn } from 'node:child_process';
import { mkdirSync, openSync, readFileSync, writeFileSync, rmSync, closeSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Connection } from '@temporalio/client';
import { StartupError } from '../primitives/startup-error.js';

export interface TemporalDevServerOptions {
  cli: string;
  /** Folder for the server's log and pid file, and its SQLite store when persistent. */
  dir: string;
  /** Keep workflows in `dir/temporal.db` across restarts; tests use a throwaway in-memory store. */
  persistent: boolean;
  port: number;
  uiPort?: number;
  namespace: string;
}

export interface TemporalDevServer {
  address: string;
  uiUrl?: string;
  stop(): Promise<void>;
  /** Ends the server as a crash would (SIGKILL), for fault tests; a persistent one starts again from its file. */
  kill(): void;
}

/** Guards against a recycled pid: only a Temporal dev server is ever stopped from the pid file. */
function isTemporalDevServer(pid: number): boolean {
  return readFileOrEmpty(`/proc/${pid}/cmdline`).includes('start-dev');
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (isAlive(pid)) {
    if (Date.now() > deadline) return false;
    await sleep(100);
  }
  return true;
}

async function terminate(pid: number): Promise<void> {
  if (!isAlive(pid)) return;
  process.kill(pid, 'SIGTERM');
  if (!(await waitForExit(pid, 15_000))) process.kill(pid, 'SIGKILL');
}

/**
 * Starts `temporal server start-dev` and waits until its frontend answers. The server runs detached from
 * our process group so that Ctrl-C reaches us first: we drain the worker and stop the server last. Its pid
 * is kept in a file so that a server left behind by a killed run is stopped before a new one starts.
 */
export async function startTemporalDevServer(options: TemporalDevServerOptions): Promise<TemporalDevServer> {
  mkdirSync(options.dir, { recursive: true });
  const pidFile = path.join(options.dir, 'temporal.pid');
  const logFile = path.join(options.dir, 'temporal.log');

  const leftover = Number(readFileOrEmpty(pidFile));
  if (leftover > 0 && isTemporalDevServer(leftover)) await terminate(leftover);

  const args = [
    'server',
    'start-dev',
    '--ip',
    '127.0.0.1',
    '--port',
    String(options.port),
    '--namespace',
    options.namespace,
    '--log-level',
    'warn',
    '--log-format',
    'json',
    // Case events are written by scheduled activities (src/workflows/case/event-chain.ts); eager execution hands
    // such an activity back to the worker with the reply to the workflow task that scheduled it, instead
    // of through the task queue, which saves a command most of a round trip through the server.
    '--dynamic-config-value',
    'system.enableActivityEagerExecution=true',
  ];
  if (options.persistent) args.push('--db-filename', path.join(options.dir, 'temporal.db'));
  if (options.uiPort === undefined) args.push('--headless');
  else args.push('--ui-port', String(options.uiPort), '--ui-ip', '127.0.0.1');

  const log = openSync(logFile, 'a');
  const child = spawn(options.cli, args, { detached: true, stdio: ['ignore', log, log] });
  closeSync(log);
  child.unref();
  const pid = child.pid;
  if (pid === undefined) throw new StartupError(`Could not run the Temporal CLI at ${options.cli}`);
  writeFileSync(pidFile, String(pid));
  let exited = false;
  child.on('exit', () => (exited = true));

  const address = `127.0.0.1:${options.port}`;
  const stop = async () => {
    await terminate(pid);
    rmSync(pidFile, { force: true });
  };

  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exited) {
      throw new StartupError(`The Temporal dev server stopped at start (port ${options.port}): ${lastLines(logFile)}`);
    }
    if (await answers(address)) break;
    if (Date.now() > deadline) {
      await stop();
      throw new StartupError(`The Temporal dev server did not answer on ${address} within 60 s: ${lastLines(logFile)}`);
    }
    await sleep(200);
  }
  return {
    address,
    uiUrl: options.uiPort === undefined ? undefined : `http://127.0.0.1:${options.uiPort}`,
    stop,
    kill: () => {
      if (isAlive(pid)) process.kill(pid, 'SIGKILL');
    },
  };
}

async function answers(address: string): Promise<boolean> {
  try {
    const connection = await Connection.connect({ address, connectTimeout: 1000 });
    try {
      await connection.workflowService.getSystemInfo({});
      return true;
    } finally {
      await connection.close();
    }
  } catch {
    return false;
  }
}

function readFileOrEmpty(file: string): string {
  try {
    return readFileSync(file, 'utf8').trim();
  } catch {
    return '';
  }
}

function lastLines(file: string): string {
  return readFileOrEmpty(file).split('\n').slice(-3).join(' | ');
}
