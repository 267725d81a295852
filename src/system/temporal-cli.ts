import { spawn } from 'node:child_process';
import { accessSync, constants, existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Logger } from '../log.js';
import { StartupError } from '../primitives/startup-error.js';
import { toolsBinDir } from '../primitives/paths.js';

// v1.5.1 (server 1.29.1) is the last release whose go.mod has no `replace` directives, which
// `go install pkg@version` refuses; see ../shared/ENVIRONMENT.md.
export const TEMPORAL_CLI_MODULE = 'github.com/temporalio/cli/cmd/temporal@v1.5.1';

const binaryName = process.platform === 'win32' ? 'temporal.exe' : 'temporal';

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function findOnPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, name);
    if (isExecutable(candidate)) return candidate;
  }
  return undefined;
}

/** TEMPORAL_CLI_PATH, then PATH, then the project's tools folder. */
export function findTemporalCli(configuredPath: string | undefined): string | undefined {
  if (configuredPath) {
    if (!isExecutable(configuredPath)) {
      throw new StartupError(`TEMPORAL_CLI_PATH=${configuredPath} is not an executable file`);
    }
    return configuredPath;
  }
  const local = path.join(toolsBinDir, binaryName);
  return findOnPath(binaryName) ?? (isExecutable(local) ? local : undefined);
}

/** Finds the Temporal CLI, building it with Go into the tools folder the first time. */
export async function ensureTemporalCli(configuredPath: string | undefined, log: Logger): Promise<string> {
  const found = findTemporalCli(configuredPath);
  if (found) return found;

  const go = findOnPath('go');
  if (!go) {
    throw new StartupError(
      'The Temporal CLI was not found (TEMPORAL_CLI_PATH, PATH, .tools/bin) and Go is not installed to build it; ' +
        'install the Temporal CLI or set TEMPORAL_ADDRESS to an existing Temporal server',
    );
  }
  await buildTemporalCli(go, log);
  return path.join(toolsBinDir, binaryName);
}

async function buildTemporalCli(go: string, log: Logger): Promise<void> {
  mkdirSync(toolsBinDir, { recursive: true });
  log.info({ module: TEMPORAL_CLI_MODULE, into: toolsBinDir }, 'Building the Temporal CLI once with Go (several minutes on 2 cores)');
  const started = Date.now();
  const child = spawn(go, ['install', TEMPORAL_CLI_MODULE], {
    env: { ...process.env, GOBIN: toolsBinDir },
    stdio: ['ignore', 'inherit', 'pipe'],
  });

  // Go prints one line per module it downloads and then compiles silently for minutes: relay the
  // downloads and say every 30 s that it is still working, so nobody kills a healthy build.
  let lastLines: string[] = [];
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => {
    for (const line of chunk.split('\n').filter(Boolean)) {
      lastLines = [...lastLines.slice(-9), line];
      log.info({ go: line }, 'Building the Temporal CLI');
    }
  });
  const heartbeat = setInterval(() => {
    log.info({ elapsedSeconds: Math.round((Date.now() - started) / 1000) }, 'Still building the Temporal CLI');
  }, 30_000);

  const exitCode = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', resolve);
  }).finally(() => clearInterval(heartbeat));

  if (exitCode !== 0 || !existsSync(path.join(toolsBinDir, binaryName))) {
    throw new StartupError(`Building the Temporal CLI failed (go install exited ${exitCode}): ${lastLines.join(' | ')}`);
  }
  log.info({ elapsedSeconds: Math.round((Date.now() - started) / 1000) }, 'Built the Temporal CLI');
}
