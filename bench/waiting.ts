import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { WithStartWorkflowOperation } from '@temporalio/client';
import { nextCaseReferences } from '../src/db/next-case-reference.js';
import { durationMs } from '../src/domain/duration.js';
import { loadCfpPolicies } from '../src/programmes/cfp-policy.js';
import { AWARD_MONITORING_WORKFLOW, monitoringWorkflowId, type AwardMonitoringStart } from '../src/workflows/award-monitoring.messages.js';
import { CFP_APPLICATION_WORKFLOW, saveEoi, screenEoi, submitEoi, type CfpApplicationStart } from '../src/workflows/cfp-application.messages.js';
import type { CommandActor } from '../src/workflows/case/case.messages.js';
import { area, eoiAnswers } from '../test/support/cfp.js';
import type { Child } from './child.js';
import { cpuSnapshot, cpuUse } from './cpu.js';
import { figure, type PartResult } from './figures.js';
import { client, expectStatus } from './http.js';
import { staff } from './people.js';
import type { Say, Stack } from './stack.js';
import { pool, summarise } from './stats.js';

// 4. Open cases at scale. A fresh worker process, then:
//  - a few CFP applications invited to a full application (started with the Temporal client and moved there
//    with the Updates the API sends), each waiting on its 90-day deadline and reminders: the commands' targets;
//  - W awards in their years of monitoring, each workflow waiting (a durable timer of about 11 months) for its
//    second annual return to open, as the monitoring workflow does after continuing from the first return.
// Then the worker's resident memory (/proc VmRSS), its workflow cache settings, and a caseworker's command (a
// note: an Update through the API) to random invited cases while everything else waits. The targets start
// first and the W pass through the worker's cache after them, so once W exceeds the cache they are evicted
// and a command replays the case's history.

const startConcurrency = 32;
const targets = 50;
const groups = 100;
const MiB = 1024 * 1024;

/** The worker's workflow cache settings, from its "Worker running" log line. */
async function cacheSettings(worker: Child): Promise<Record<string, unknown> | null> {
  const text = await readFile(worker.logFile, 'utf8').catch(() => '');
  for (const line of text.split('\n')) {
    try {
      const parsed = JSON.parse(line) as Record<string, unknown>;
      if (parsed.msg === 'Worker running' && parsed.workflowCache) return parsed.workflowCache as Record<string, unknown>;
    } catch {
      // not a JSON line
    }
  }
  return null;
}

/** RSS after a few seconds' quiet, so what was allocated for the work just done has had a chance to settle. */
async function settledRss(worker: Child): Promise<number> {
  await sleep(5000);
  return worker.rss() ?? Number.NaN;
}

export async function waitingBench(stack: Stack, { waiting, samples }: { waiting: number; samples: number }, say: Say): Promise<PartResult> {
  say('waiting: a fresh worker process');
  const worker = await stack.restartWorker();
  const rssIdle = await settledRss(worker);

  const organisations = await stack.prisma.organisation.createManyAndReturn({
    data: Array.from({ length: groups }, (_, i) => ({
      name: `Grŵp yn aros ${i + 1}`,
      kind: 'community_group' as const,
      legalForm: 'charitable incorporated organisation',
      orgId: `360G-CYMUNED-BENCH-${stack.runId}-W-${i + 1}`,
    })),
    select: { id: true, name: true },
  });
  const organisation = (i: number) => organisations[i % organisations.length] as { id: string; name: string };
  const caseworker = await staff(stack.prisma, stack.runId, 'waiting-caseworker', 'caseworker');
  const policy = (await loadCfpPolicies()).effectiveAt(new Date());
  const officer: CommandActor = { personId: caseworker.personId, role: 'caseworker', organisationId: null, delegatedLimitPence: null };
  // The groups' lead, as the workflow knows senders: an id and a role (no one signs in as them).
  const leadId = randomUUID();

  say(`waiting: ${targets} applications started and invited to a full application`);
  const invited = await nextCaseReferences(stack.prisma, 'CFP', new Date().getUTCFullYear(), targets);
  await pool(targets, 8, async (i) => {
    const reference = invited[i] as string;
    const group = organisation(i);
    const lead: CommandActor = { personId: leadId, role: 'applicant_lead', organisationId: group.id, delegatedLimitPence: null };
    const at = () => new Date().toISOString();
    const start: CfpApplicationStart = {
      reference,
      policy,
      organisation: group,
      language: 'cy',
      projectTitle: `Achos yn aros ${i + 1}`,
      createdBy: lead,
      at: at(),
    };
    const startWorkflowOperation = new WithStartWorkflowOperation(CFP_APPLICATION_WORKFLOW, {
      workflowId: reference,
      taskQueue: stack.taskQueue,
      args: [start],
      workflowIdConflictPolicy: 'FAIL',
    });
    await stack.temporal.workflow.executeUpdateWithStart(saveEoi, { args: [{ answers: eoiAnswers(), area, actor: lead, at: at() }], startWorkflowOperation });
    const handle = stack.temporal.workflow.getHandle(reference);
    await handle.executeUpdate(submitEoi, {
      args: [{ legalForm: 'charitable incorporated organisation', recentAwards: { count: 0, totalPence: 0 }, actor: lead, at: at() }],
    });
    await handle.executeUpdate(screenEoi, { args: [{ outcome: 'invite', reasons: 'Yn gymwys', actor: officer, at: at() }] });
  });
  const inReadModel = await stack.prisma.application.count({ where: { reference: { in: invited }, status: 'invited' } });
  if (inReadModel !== targets) throw new Error(`only ${inReadModel} of ${targets} applications are invited in the read model`);

  // Awards completed a month ago whose first return is settled: the next opens in about eleven months.
  const rules = policy.awards.monitoring;
  const completedAt = new Date(Date.now() - 30 * 86_400_000).toISOString();
  const firstDue = new Date(Date.parse(completedAt) + durationMs(rules.returnInterval)).toISOString();
  const awards = await nextCaseReferences(stack.prisma, 'CFP', new Date().getUTCFullYear(), waiting);
  say(`waiting: starting ${waiting.toLocaleString('en-GB')} award monitoring workflows (${startConcurrency} at once)`);
  let done = 0;
  const cpuBefore = cpuSnapshot(stack.processes());
  const started = performance.now();
  await pool(waiting, startConcurrency, async (i) => {
    const awardReference = awards[i] as string;
    const start: AwardMonitoringStart = {
      awardReference,
      organisationId: organisation(i).id,
      policy: { version: policy.version, awards: { monitoring: rules } },
      completedAt,
      periodIndex: 2,
      carried: { returns: [{ period: 1, dueAt: firstDue, status: 'submitted', submittedAt: completedAt, late: false, escalated: false }] },
    };
    const handle = await stack.temporal.workflow.start(AWARD_MONITORING_WORKFLOW, {
      workflowId: monitoringWorkflowId(awardReference),
      taskQueue: stack.taskQueue,
      args: [start],
    });
    // Waiting means its first workflow task has run and set the timer, not merely that it was started.
    for (let tries = 0; (await handle.describe()).raw.pendingWorkflowTask; tries++) {
      if (tries > 400) throw new Error(`${handle.workflowId} never ran its first workflow task`);
      await sleep(50);
    }
    if (++done % Math.max(1, Math.floor(waiting / 10)) === 0)
      say(`waiting: ${done.toLocaleString('en-GB')} waiting, worker RSS ${((worker.rss() ?? 0) / MiB).toFixed(0)} MiB`);
  });
  const startSeconds = (performance.now() - started) / 1000;
  const cpu = cpuUse(cpuBefore, cpuSnapshot(stack.processes()));
  const rssWaiting = await settledRss(worker);

  say(`waiting: ${samples} notes by a caseworker to random invited cases, one at a time`);
  const call = client(stack.apiUrl, caseworker.token);
  const latencies: number[] = [];
  for (let i = -5; i < samples; i++) {
    const reference = invited[Math.floor(Math.random() * invited.length)] as string;
    const answer = expectStatus(await call('POST', `/api/applications/${reference}/notes`, { text: `Nodyn meincnod ${i}` }), 200, 'add a note');
    if (i >= 0) latencies.push(answer.ms);
  }
  const rssAfterCommands = await settledRss(worker);
  const command = summarise(latencies);
  const settings = await cacheSettings(worker);
  const open = waiting + targets;

  return {
    figures: [
      figure('waiting', `worker RSS, ${open.toLocaleString('en-GB')} workflows waiting`, rssWaiting, 'bytes', {
        baseline: rssIdle,
        goal: '< 1 GiB at 10,000',
        pass: waiting >= 10_000 ? rssWaiting < 1024 * MiB : null,
      }),
      figure('waiting', 'worker RSS after the commands', rssAfterCommands, 'bytes', { baseline: rssIdle }),
      figure('waiting', 'command to a waiting case: p50', command.p50, 'ms'),
      figure('waiting', 'command to a waiting case: p95', command.p95, 'ms'),
      figure('waiting', 'monitoring workflows started, each at its timer', waiting / startSeconds, '/s'),
    ],
    details: {
      waiting,
      workflows: {
        monitoring: `${waiting} awardMonitoringWorkflow runs for return 2, waiting on a timer until it opens (${rules.returnInterval} after completion)`,
        invited: `${targets} cfpApplicationWorkflow cases in invited, with timers for the ${policy.durations.fullApplicationWindow} full-application deadline and its reminders`,
      },
      startConcurrency,
      startSeconds,
      cpuWhileStarting: cpu,
      rssBytes: { idle: rssIdle, waiting: rssWaiting, afterCommands: rssAfterCommands },
      workflowCache: settings,
      command: {
        what: `POST /api/applications/:ref/notes (the addNote Update) by a caseworker, to one of the ${targets} invited cases at random`,
        ms: command,
      },
    },
  };
}
