import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { WithStartWorkflowOperation } from '@temporalio/client';
import { loadCfpPolicies } from '../src/programmes/cfp-policy.js';
import { formatCaseReference } from '../src/domain/case-reference.js';
import { CFP_APPLICATION_WORKFLOW, saveEoi, screenEoi, submitEoi, type CfpApplicationStart, type CommandActor } from '../src/workflows/cfp-application.messages.js';
import { area, eoiAnswers } from '../test/support/cfp.js';
import type { Child } from './child.js';
import { figure, type PartResult } from './figures.js';
import { client, expectStatus } from './http.js';
import { staff } from './people.js';
import type { Say, Stack } from './stack.js';
import { pool, summarise } from './stats.js';

// 4. Open cases at scale: W CFP applications invited to a full application, each workflow waiting on its
// 90-day deadline and reminders (started with the Temporal client and moved there with the same Updates
// the API sends: the EOI saved with the start, sent, screened). A fresh worker process runs them; its
// resident memory is read from /proc, and a caseworker's command (a note, an Update through the API) is
// timed against W random ones of them while the rest wait.

const startConcurrency = 16;
const groups = 200;
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
    data: Array.from({ length: groups }, (_, i) => ({ name: `Grŵp yn aros ${i + 1}`, kind: 'community_group' as const, legalForm: 'charitable incorporated organisation', orgId: `360G-CYMUNED-BENCH-${stack.runId}-W-${i + 1}` })),
    select: { id: true, name: true },
  });
  const caseworker = await staff(stack.prisma, stack.runId, 'waiting-caseworker', 'caseworker');
  const year = new Date().getUTCFullYear();
  const [reserved] = await stack.prisma.$queryRaw<{ last: number }[]>`
    INSERT INTO reference_counter (prefix, year, last) VALUES ('CFP', ${year}, ${waiting})
    ON CONFLICT (prefix, year) DO UPDATE SET last = reference_counter.last + ${waiting} RETURNING last`;
  const first = (reserved?.last ?? waiting) - waiting + 1;
  const references = Array.from({ length: waiting }, (_, i) => formatCaseReference('CFP', year, first + i));
  const policy = (await loadCfpPolicies()).effectiveAt(new Date());
  const officer: CommandActor = { personId: caseworker.personId, role: 'caseworker', organisationId: null, delegatedLimitPence: null };
  // The groups' lead, as the workflow knows senders: an id and a role (no one signs in as them).
  const leadId = randomUUID();

  say(`waiting: starting ${waiting.toLocaleString('en-GB')} applications and inviting each to a full application (${startConcurrency} at once)`);
  let done = 0;
  const started = performance.now();
  await pool(waiting, startConcurrency, async (i) => {
    const reference = references[i] as string;
    const organisation = organisations[i % organisations.length] as { id: string; name: string };
    const lead: CommandActor = { personId: leadId, role: 'applicant_lead', organisationId: organisation.id, delegatedLimitPence: null };
    const at = () => new Date().toISOString();
    const start: CfpApplicationStart = { reference, policy, organisation, language: 'cy', projectTitle: `Achos yn aros ${i + 1}`, createdBy: lead, at: at() };
    const startWorkflowOperation = new WithStartWorkflowOperation(CFP_APPLICATION_WORKFLOW, { workflowId: reference, taskQueue: stack.taskQueue, args: [start], workflowIdConflictPolicy: 'FAIL' });
    await stack.temporal.workflow.executeUpdateWithStart(saveEoi, { args: [{ answers: eoiAnswers(), area, actor: lead, at: at() }], startWorkflowOperation });
    const handle = stack.temporal.workflow.getHandle(reference);
    await handle.executeUpdate(submitEoi, { args: [{ legalForm: 'charitable incorporated organisation', recentAwards: { count: 0, totalPence: 0 }, actor: lead, at: at() }] });
    await handle.executeUpdate(screenEoi, { args: [{ outcome: 'invite', reasons: 'Yn gymwys', actor: officer, at: at() }] });
    if (++done % Math.max(1, Math.floor(waiting / 10)) === 0) say(`waiting: ${done.toLocaleString('en-GB')} invited, worker RSS ${((worker.rss() ?? 0) / MiB).toFixed(0)} MiB`);
  });
  const startSeconds = (performance.now() - started) / 1000;
  const invited = await stack.prisma.application.count({ where: { reference: { in: references }, status: 'invited' } });
  if (invited !== waiting) throw new Error(`only ${invited} of ${waiting} applications are invited in the read model`);
  const rssWaiting = await settledRss(worker);

  say(`waiting: ${samples} notes by a caseworker to random waiting cases, one at a time`);
  const call = client(stack.apiUrl, caseworker.token);
  const latencies: number[] = [];
  for (let i = -5; i < samples; i++) {
    const reference = references[Math.floor(Math.random() * references.length)] as string;
    const answer = expectStatus(await call('POST', `/api/applications/${reference}/notes`, { text: `Nodyn meincnod ${i}` }), 200, 'add a note');
    if (i >= 0) latencies.push(answer.ms);
  }
  const rssAfterCommands = await settledRss(worker);
  const command = summarise(latencies);
  const settings = await cacheSettings(worker);

  return {
    figures: [
      figure('waiting', `worker RSS with ${waiting.toLocaleString('en-GB')} cases waiting`, rssWaiting, 'bytes', { baseline: rssIdle, goal: waiting >= 10_000 ? '< 1 GiB at 10,000' : '< 1 GiB', pass: rssWaiting < 1024 * MiB }),
      figure('waiting', 'worker RSS after the commands', rssAfterCommands, 'bytes', { baseline: rssIdle }),
      figure('waiting', 'command to a waiting case: p50', command.p50, 'ms'),
      figure('waiting', 'command to a waiting case: p95', command.p95, 'ms'),
      figure('waiting', 'cases started and invited', waiting / startSeconds, '/s'),
    ],
    details: {
      waiting,
      workflow: 'cfpApplicationWorkflow in invited: timers for the 90-day full-application deadline and its reminders',
      startConcurrency,
      startSeconds,
      rssBytes: { idle: rssIdle, waiting: rssWaiting, afterCommands: rssAfterCommands },
      workflowCache: settings,
      command: { what: 'POST /api/applications/:ref/notes (the addNote Update) by a caseworker, to a random waiting case', ms: command },
    },
  };
}
