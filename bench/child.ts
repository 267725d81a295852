import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

// The API, the worker and the baseline worker run as child processes of the bench, as `npm start`'s roles
// would in production: their CPU and memory are their own (the worker's RSS is read from /proc), and the
// bench's HTTP clients do not share their event loop. Their output goes to a log file each.

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface Child {
  name: string;
  pid: number;
  logFile: string;
  /** Resident memory in bytes (VmRSS), or null where /proc is not available. */
  rss(): number | null;
  /** Rejects if the process has exited; for polls that wait for it to be ready. */
  alive(): void;
  stop(): Promise<void>;
}

/**
 * With BENCH_CPU_PROFILE=<folder>, each child writes V8 CPU profiles (one per thread) to <folder>/<child>
 * when it exits, for Chrome's DevTools: how the API and the worker spend their time.
 */
function profiling(name: string): string[] {
  const folder = process.env.BENCH_CPU_PROFILE;
  return folder ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(folder, name)}`] : [];
}

/** Runs `node --import tsx <script> [...args]` from the project root with `env` (plus PATH and HOME). */
export function spawnChild(name: string, script: string, args: string[], env: Record<string, string>, logDir: string): Child {
  const logFile = path.join(logDir, `${name}.log`);
  const out = openSync(logFile, 'a');
  const child: ChildProcess = spawn(process.execPath, [...profiling(name), '--import', 'tsx', script, ...args], {
    cwd: projectRoot,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', out, out],
  });
  closeSync(out);
  const pid = child.pid;
  if (pid === undefined) throw new Error(`Could not start ${name}`);
  let exit: { code: number | null; signal: string | null } | undefined;
  const exited = new Promise<void>((resolve) =>
    child.once('exit', (code, signal) => {
      exit = { code, signal };
      resolve();
    }),
  );
  return {
    name,
    pid,
    logFile,
    rss: () => residentBytes(pid),
    alive: () => {
      if (exit) throw new Error(`${name} exited (${exit.signal ?? exit.code}); see ${logFile}: ${tail(logFile)}`);
    },
    stop: async () => {
      if (exit) return;
      child.kill('SIGTERM');
      const stopped = await Promise.race([exited.then(() => true), sleep(40_000).then(() => false)]);
      if (!stopped) {
        child.kill('SIGKILL');
        await exited;
      }
    },
  };
}

/** VmRSS of a process, in bytes. */
export function residentBytes(pid: number): number | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /^VmRSS:\s+(\d+) kB/m.exec(status)?.[1];
    return kb === undefined ? null : Number(kb) * 1024;
  } catch {
    return null;
  }
}

function tail(file: string): string {
  try {
    return readFileSync(file, 'utf8').trim().split('\n').slice(-5).join('\n');
  } catch {
    return '';
  }
}

/** Polls `probe` until it returns true, failing when `child` exits or after `timeoutMs`. */
export async function waitFor(what: string, probe: () => Promise<boolean>, children: Child[], timeoutMs = 180_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    for (const child of children) child.alive();
    if (await probe().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`${what} not ready within ${timeoutMs / 1000} s`);
    await sleep(250);
  }
}
