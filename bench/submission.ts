import type { PrismaClient } from '../src/db/prisma.js';
import { eoiAnswers } from '../test/support/cfp.js';
import type { baselineWorkflow } from './baseline-workflow.js';
import { figure, type PartResult } from './figures.js';
import { breakdown, medianBreakdown } from './history.js';
import { cpuSnapshot, cpuUse } from './cpu.js';
import { client, expectStatus, type Call } from './http.js';
import { groupLeads } from './people.js';
import type { Say, Stack } from './stack.js';
import { pool, summarise } from './stats.js';

// 1. Submission throughput: C group leads, each with their own group, start and send expressions of
// interest through the HTTP API until each is in the read model as eoi_screening. Baseline: the Temporal
// client running a workflow of one activity that inserts one row, at the same concurrency, until the row
// is there.

export interface SubmissionSettings {
  submissions: number;
  concurrency: number;
}

/** One EOI from start to sent: POST /api/applications with every answer, then POST …/eoi/submission. */
async function submit(call: Call, prisma: PrismaClient, n: number, references: string[]): Promise<{ ms: number; visible: boolean }> {
  const started = performance.now();
  const created = expectStatus(
    await call('POST', '/api/applications', { projectTitle: `Neuadd newydd ${n}`, language: 'cy', answers: eoiAnswers() }),
    201,
    'start an application',
  );
  const reference = String(created.json?.reference);
  references.push(reference);
  const sent = expectStatus(await call('POST', `/api/applications/${reference}/eoi/submission`, {}), 200, 'send the EOI');
  if (sent.json?.status !== 'eoi_screening') throw new Error(`send the EOI: answered ${JSON.stringify(sent.json)}`);
  // The API answers once the workflow has recorded the event, so the read model must show it already.
  const row = await prisma.application.findUnique({ where: { reference }, select: { status: true } });
  return { ms: performance.now() - started, visible: row?.status === 'eoi_screening' };
}

async function runBaseline(stack: Stack, id: string): Promise<{ ms: number; visible: boolean }> {
  const started = performance.now();
  await stack.temporal.workflow.execute<typeof baselineWorkflow>('baselineWorkflow', { taskQueue: stack.baselineTaskQueue, workflowId: id, args: [id] });
  const rows = await stack.prisma.$queryRaw<{ id: string }[]>`SELECT id FROM bench_baseline_row WHERE id = ${id}`;
  return { ms: performance.now() - started, visible: rows.length === 1 };
}

async function timed(count: number, concurrency: number, one: (i: number, lane: number) => Promise<{ ms: number; visible: boolean }>) {
  const latencies: number[] = [];
  let invisible = 0;
  const started = performance.now();
  await pool(count, concurrency, async (i, lane) => {
    const { ms, visible } = await one(i, lane);
    latencies.push(ms);
    if (!visible) invisible++;
  });
  const seconds = (performance.now() - started) / 1000;
  return { count, seconds, perSecond: count / seconds, latencyMs: summarise(latencies), notVisibleOnReturn: invisible };
}

export async function submissionBench(stack: Stack, { submissions, concurrency }: SubmissionSettings, say: Say): Promise<PartResult> {
  const leads = await groupLeads(stack.prisma, stack.runId, 'submit', concurrency);
  const calls = leads.map((lead) => client(stack.apiUrl, lead.token));
  const lane = (l: number) => calls[l] as Call;

  // Warm-up, not counted: connections, JIT, the worker's first workflow tasks.
  say(`submission: warming up (${concurrency} of each)`);
  await pool(concurrency, concurrency, (i, l) => submit(lane(l), stack.prisma, -i, []).then(() => undefined));
  await pool(concurrency, concurrency, (i) => runBaseline(stack, `bench-baseline-${stack.runId}-warm-${i}`).then(() => undefined));

  say(`submission: ${submissions} EOIs through the API, ${concurrency} clients`);
  const references: string[] = [];
  const apiCpu = cpuSnapshot(stack.processes());
  const api = await timed(submissions, concurrency, (i, l) => submit(lane(l), stack.prisma, i, references));
  const apiCpuUse = cpuUse(apiCpu, cpuSnapshot(stack.processes()));
  say(`submission: ${submissions} baseline workflows, ${concurrency} at once`);
  const baselineCpu = cpuSnapshot(stack.processes());
  const baseline = await timed(submissions, concurrency, (i) => runBaseline(stack, `bench-baseline-${stack.runId}-${i}`));
  const baselineCpuUse = cpuUse(baselineCpu, cpuSnapshot(stack.processes()));

  // What one EOI asks of Temporal, from the histories (each case's whole history is its start and its sending).
  const perCase = medianBreakdown(await Promise.all(references.slice(0, 50).map((reference) => breakdown(stack.temporal, reference, { lastUpdate: false }))));
  const perBaseline = medianBreakdown(
    await Promise.all(
      Array.from({ length: Math.min(50, submissions) }, (_, i) => breakdown(stack.temporal, `bench-baseline-${stack.runId}-${i}`, { lastUpdate: false })),
    ),
  );
  const inReadModel = await stack.prisma.application.count({
    where: { status: 'eoi_screening', organisationId: { in: leads.map((l) => l.organisationId as string) } },
  });
  const ratio = api.perSecond / baseline.perSecond;
  return {
    figures: [
      figure('submission', 'EOIs submitted, visible in the read model', api.perSecond, '/s', {
        baseline: baseline.perSecond,
        goal: '≥ 0.7× baseline',
        pass: ratio >= 0.7,
      }),
      figure('submission', 'one EOI, start to visible: p50', api.latencyMs.p50, 'ms', { baseline: baseline.latencyMs.p50 }),
      figure('submission', 'one EOI, start to visible: p95', api.latencyMs.p95, 'ms', { baseline: baseline.latencyMs.p95 }),
    ],
    details: {
      submissions,
      concurrency,
      api: { ...api, requestsPerSubmission: 2, note: 'POST /api/applications (update-with-start) + POST /eoi/submission (update), then the row read' },
      baseline: { ...baseline, note: 'client.workflow.execute of a one-activity workflow inserting one row, then the row read' },
      ratio,
      historyBreakdownMs: { submission: perCase, baseline: perBaseline },
      cpu: { submission: apiCpuUse, baseline: baselineCpuUse },
      // Every warm-up and counted EOI, in the read model as eoi_screening.
      inReadModelAfter: inReadModel,
      expectedInReadModel: submissions + concurrency,
    },
  };
}
