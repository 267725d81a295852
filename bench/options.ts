import { parseArgs } from 'node:util';

// What `npm run bench` measures and how much: --quick (the default) finishes in a few minutes, --full runs
// the sizes the README's claims are about. Any size can be set alone.

export const parts = ['submission', 'latency', 'reads', 'waiting'] as const;
export type Part = (typeof parts)[number];

export interface BenchOptions {
  profile: 'quick' | 'full';
  only: Part[];
  /** Expressions of interest submitted through the API, and the baseline workflows started. */
  submissions: number;
  /** Concurrent HTTP clients (each a group's lead), and concurrent baseline starts. */
  concurrency: number;
  /** Caseworker commands timed until the applicant sees them. */
  latencySamples: number;
  /** Applications loaded into the read model for the reads. */
  cases: number;
  /** Samples per read query (each over HTTP and straight in PostgreSQL). */
  readSamples: number;
  /** Workflows left waiting on long timers. */
  waiting: number;
  /** Commands timed while they wait. */
  waitingSamples: number;
  /** Log level of the API and worker processes (their logs go to files in the run's folder). */
  logLevel: string;
  /** Where the embedded Temporal dev server keeps workflows: a SQLite file as `npm start` does, or memory as the tests do. */
  temporalStore: 'file' | 'memory';
  /** The worker's TEMPORAL_MAX_CACHED_WORKFLOWS; undefined: whatever the environment says, else the worker's default. */
  workerCache: number | undefined;
  /** --max-old-space-size (MiB) for the worker process (and its workflow thread); undefined: Node's default. */
  workerHeap: number | undefined;
}

const profiles: Record<BenchOptions['profile'], Omit<BenchOptions, 'profile' | 'only' | 'logLevel' | 'temporalStore' | 'workerCache' | 'workerHeap'>> = {
  quick: { submissions: 200, concurrency: 8, latencySamples: 100, cases: 100_000, readSamples: 100, waiting: 1_000, waitingSamples: 100 },
  full: { submissions: 1_000, concurrency: 8, latencySamples: 500, cases: 100_000, readSamples: 300, waiting: 10_000, waitingSamples: 200 },
};

export const usage = `npm run bench -- [--quick | --full] [--only ${parts.join(',')}] [--submissions N] [--concurrency C]
  [--latency-samples N] [--cases N] [--read-samples N] [--waiting W] [--waiting-samples N] [--log-level info|warn|…]
  [--temporal-store file|memory] [--worker-cache N] [--worker-heap MiB]

Starts PostgreSQL and Temporal in a temporary folder on free ports (or uses DATABASE_URL's server, in a
database of its own, and TEMPORAL_ADDRESS, on task queues of its own), runs the API and the worker as child
processes, and measures each figure beside its baseline. Results: a table here, JSON in bench/results/.`;

function count(name: string, value: string | undefined, fallback: number, max = 10_000_000): number {
  if (value === undefined) return fallback;
  const n = Number(value.replaceAll('_', ''));
  if (!Number.isInteger(n) || n < 1 || n > max) throw new Error(`--${name} must be a whole number from 1 to ${max}, not ${value}`);
  return n;
}

export function parseOptions(argv: string[]): BenchOptions | 'help' {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      quick: { type: 'boolean' },
      full: { type: 'boolean' },
      only: { type: 'string' },
      submissions: { type: 'string' },
      concurrency: { type: 'string' },
      'latency-samples': { type: 'string' },
      cases: { type: 'string' },
      'read-samples': { type: 'string' },
      waiting: { type: 'string' },
      'waiting-samples': { type: 'string' },
      'log-level': { type: 'string' },
      'temporal-store': { type: 'string' },
      'worker-cache': { type: 'string' },
      'worker-heap': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return 'help';
  if (values.quick && values.full) throw new Error('--quick and --full cannot both be given');
  const profile = values.full ? 'full' : 'quick';
  const base = profiles[profile];
  const only = values.only === undefined ? [...parts] : values.only.split(',').map((p) => p.trim());
  for (const part of only) if (!(parts as readonly string[]).includes(part)) throw new Error(`--only takes ${parts.join(', ')}; not ${part}`);
  const logLevel = values['log-level'] ?? 'info';
  if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(logLevel)) throw new Error(`--log-level ${logLevel} is not a log level`);
  const temporalStore = values['temporal-store'] ?? 'file';
  if (temporalStore !== 'file' && temporalStore !== 'memory') throw new Error(`--temporal-store is file or memory, not ${temporalStore}`);
  return {
    profile,
    only: only as Part[],
    submissions: count('submissions', values.submissions, base.submissions),
    concurrency: count('concurrency', values.concurrency, base.concurrency, 1000),
    latencySamples: count('latency-samples', values['latency-samples'], base.latencySamples),
    cases: count('cases', values.cases, base.cases, 1_000_000),
    readSamples: count('read-samples', values['read-samples'], base.readSamples),
    waiting: count('waiting', values.waiting, base.waiting, 1_000_000),
    waitingSamples: count('waiting-samples', values['waiting-samples'], base.waitingSamples),
    logLevel,
    temporalStore,
    workerCache: values['worker-cache'] === undefined ? undefined : count('worker-cache', values['worker-cache'], 0),
    workerHeap: values['worker-heap'] === undefined ? undefined : count('worker-heap', values['worker-heap'], 0, 65_536),
  };
}
