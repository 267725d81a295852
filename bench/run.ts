import { execFileSync } from 'node:child_process';
import { projectRoot } from './child.js';
import type { Figure, PartResult } from './figures.js';
import { latencyBench } from './latency.js';
import { parseOptions, usage, type Part } from './options.js';
import { readsBench } from './reads.js';
import { machine, table, writeResults } from './report.js';
import { startStack, type Stack } from './stack.js';
import { submissionBench } from './submission.js';
import { waitingBench } from './waiting.js';

// `npm run bench`: starts (or reuses) the real stack, measures each figure beside its baseline in one run
// on one machine, prints the table and writes bench/results/. See bench/options.ts for the sizes.

const say = (message: string) => process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);

function gitCommit(): string | null {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: projectRoot, encoding: 'utf8' }).trim();
  } catch {
    return null;
  }
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const options = parseOptions(argv);
  if (options === 'help') {
    process.stdout.write(`${usage}\n`);
    return;
  }
  const startedAt = new Date();
  say(`${options.profile}: ${options.only.join(', ')}`);
  const stack = await startStack({
    logLevel: options.logLevel,
    temporalStore: options.temporalStore,
    workerCache: options.workerCache,
    workerHeap: options.workerHeap,
    say,
  });
  let stopping: Promise<void> | undefined;
  const stop = () => (stopping ??= stack.stop());
  process.once('SIGINT', () => void stop().finally(() => process.exit(130)));
  process.once('SIGTERM', () => void stop().finally(() => process.exit(143)));

  const results: Partial<Record<Part, PartResult>> = {};
  const runs: Record<Part, (stack: Stack) => Promise<PartResult>> = {
    submission: (s) => submissionBench(s, options, say),
    latency: (s) => latencyBench(s, { samples: options.latencySamples }, say),
    reads: (s) => readsBench(s, { cases: options.cases, samples: options.readSamples }, say),
    waiting: (s) => waitingBench(s, { waiting: options.waiting, samples: options.waitingSamples }, say),
  };
  let postgres = '';
  try {
    postgres = (await stack.prisma.$queryRaw<{ version: string }[]>`SELECT version()`)[0]?.version ?? '';
    for (const part of options.only) {
      const started = performance.now();
      results[part] = await runs[part](stack);
      say(`${part}: done in ${((performance.now() - started) / 1000).toFixed(0)} s`);
    }
  } finally {
    await stop();
  }

  const figures: Figure[] = Object.values(results).flatMap((r) => r.figures);
  const file = await writeResults(
    {
      startedAt: startedAt.toISOString(),
      finishedAt: new Date().toISOString(),
      command: ['npm', 'run', 'bench', ...(argv.length > 0 ? ['--', ...argv] : [])].join(' '),
      commit: gitCommit(),
      machine: machine(),
      options,
      stack: {
        postgres,
        postgresEmbedded: stack.embedded.postgres,
        temporalEmbedded: stack.embedded.temporal,
        temporalAddress: stack.embedded.temporal ? `dev server (workflows in ${options.temporalStore})` : stack.temporalAddress,
      },
      figures,
      details: Object.fromEntries(Object.entries(results).map(([part, r]) => [part, r.details])),
    },
    startedAt,
  );
  process.stdout.write(`\n${table(figures)}\n\nResults: ${file}\n`);
}

main().catch((error: unknown) => {
  say(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
