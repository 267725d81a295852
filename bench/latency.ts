import { eoiAnswers } from '../test/support/cfp.js';
import type { baselineWorkflow } from './baseline-workflow.js';
import { figure, type PartResult } from './figures.js';
import { breakdown, medianBreakdown } from './history.js';
import { cpuSnapshot, cpuUse } from './cpu.js';
import { client, expectStatus, type Call } from './http.js';
import { groupLeads, staff } from './people.js';
import type { Say, Stack } from './stack.js';
import { pool, summarise } from './stats.js';

// 2. Action-to-visible latency: a caseworker screens an EOI (POST …/screening, invite) and the group's lead
// reads GET /api/applications/:ref until it shows the invitation. One at a time, on an otherwise idle
// system. Baseline: the Temporal client running the one-activity workflow until its row is there, one at a
// time: the least any recorded change can take.

const groups = 4;

export async function latencyBench(stack: Stack, { samples }: { samples: number }, say: Say): Promise<PartResult> {
  const leads = await groupLeads(stack.prisma, stack.runId, 'latency', groups);
  const caseworker = client(stack.apiUrl, (await staff(stack.prisma, stack.runId, 'latency-caseworker', 'caseworker')).token);
  const leadCalls = leads.map((lead) => client(stack.apiUrl, lead.token));

  say(`latency: sending ${samples + 5} EOIs to screen`);
  const cases: { reference: string; lead: Call }[] = [];
  await pool(samples + 5, groups, async (i, lane) => {
    const lead = leadCalls[lane] as Call;
    const created = expectStatus(
      await lead('POST', '/api/applications', { projectTitle: `Latency ${i}`, language: 'en', answers: eoiAnswers() }),
      201,
      'start an application',
    );
    const reference = String(created.json?.reference);
    expectStatus(await lead('POST', `/api/applications/${reference}/eoi/submission`, {}), 200, 'send the EOI');
    cases.push({ reference, lead });
  });

  say(`latency: ${samples} screenings, one at a time (5 more first, not counted)`);
  const visible: number[] = [];
  const sampled: string[] = [];
  const commands: number[] = [];
  const reads: number[] = [];
  let extraReads = 0;
  const cpuBefore = cpuSnapshot(stack.processes());
  for (const [i, { reference, lead }] of cases.entries()) {
    const started = performance.now();
    const screened = expectStatus(
      await caseworker('POST', `/api/applications/${reference}/screening`, { outcome: 'invite', reasons: 'Yn gymwys: meincnod' }),
      200,
      'screen the EOI',
    );
    let read = await lead('GET', `/api/applications/${reference}`);
    let polls = 0;
    while (read.json?.status !== 'invited') {
      if (++polls > 400) throw new Error(`${reference} never showed as invited to its group`);
      await new Promise((resolve) => setTimeout(resolve, 5));
      read = await lead('GET', `/api/applications/${reference}`);
    }
    if (i < 5) continue;
    extraReads += polls;
    sampled.push(reference);
    visible.push(performance.now() - started);
    commands.push(screened.ms);
    reads.push(read.ms);
  }

  const cpu = cpuUse(cpuBefore, cpuSnapshot(stack.processes()));
  say(`latency: ${samples} baseline workflows, one at a time`);
  const baseline: number[] = [];
  const baselineIds: string[] = [];
  for (let i = -5; i < samples; i++) {
    const id = `bench-latency-baseline-${stack.runId}-${i}`;
    if (i >= 0) baselineIds.push(id);
    const started = performance.now();
    await stack.temporal.workflow.execute<typeof baselineWorkflow>('baselineWorkflow', { taskQueue: stack.baselineTaskQueue, workflowId: id, args: [id] });
    await stack.prisma.$queryRaw`SELECT id FROM bench_baseline_row WHERE id = ${id}`;
    if (i >= 0) baseline.push(performance.now() - started);
  }

  const total = summarise(visible);
  const floor = summarise(baseline);
  // Where the time went inside Temporal, from each case's and each baseline workflow's history.
  const inTemporal = medianBreakdown(await Promise.all(sampled.map((reference) => breakdown(stack.temporal, reference, { lastUpdate: true }))));
  const baselineInTemporal = medianBreakdown(await Promise.all(baselineIds.map((id) => breakdown(stack.temporal, id, { lastUpdate: false }))));
  return {
    figures: [
      figure('latency', 'screening to visible to the group: p50', total.p50, 'ms', { baseline: floor.p50 }),
      figure('latency', 'screening to visible to the group: p95', total.p95, 'ms', { baseline: floor.p95, goal: 'p95 < 200 ms', pass: total.p95 < 200 }),
      figure('latency', 'screening to visible to the group: p99', total.p99, 'ms', { baseline: floor.p99 }),
      figure('latency', 'of which in the workflow history (median)', inTemporal.totalMs, 'ms', { baseline: baselineInTemporal.totalMs }),
      figure('latency', 'of which tasks waiting for the worker (median)', inTemporal.dispatchMs, 'ms', { baseline: baselineInTemporal.dispatchMs }),
    ],
    details: {
      samples,
      actionToVisibleMs: total,
      commandMs: summarise(commands),
      readMs: summarise(reads),
      // The API answers a command once the read model has it, so the first read should always show it.
      readsThatDidNotShowItYet: extraReads,
      baselineOneActivityWorkflowMs: floor,
      // Medians over the samples: the screening Update from its workflow task to its completion, and the
      // baseline workflow's whole run.
      historyBreakdownMs: { screening: inTemporal, baseline: baselineInTemporal },
      cpuDuringScreenings: cpu,
    },
  };
}
