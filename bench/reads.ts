import pg from 'pg';
import type { Actor } from '../src/access/actor.js';
import { createApiToken } from '../src/auth/api-tokens.js';
import { loadActor } from '../src/auth/load-actor.js';
import { Prisma } from '../generated/prisma/client.js';
import { applicationPageQuery, listApplicationsQuery } from '../src/operations/applications/list-applications.js';
import { encodePageCursor } from '../src/operations/page-cursor.js';
import { loadCaseload } from './caseload.js';
import { cpuSnapshot, cpuUse, type CpuUse } from './cpu.js';
import { figure, type Figure, type PartResult } from './figures.js';
import { client, expectStatus, type Call } from './http.js';
import { leadOf } from './people.js';
import { pageSize, readQueries, type ReadQuery } from './read-queries.js';
import type { Say, Stack } from './stack.js';
import { summarise, type Summary } from './stats.js';

// 3. Reads at scale: a council's caseload loaded into the read model, then lists and searches over HTTP
// (keyset pages, the common filters) as a case officer and as a group's lead, one request at a time. Baseline:
// the same query straight to PostgreSQL (pg, one connection), and its EXPLAIN ANALYZE.

const groups = 2_000;
const officers = 25;
const cardiff = 'W06000015';
const warmUp = 10;

interface PlanSummary {
  executionMs: number;
  planningMs: number;
  nodes: string[];
}

/** The plan's nodes, outermost first, as "Node Type (index or table)". */
function planNodes(plan: Record<string, unknown>): string[] {
  const name = String(plan['Node Type']);
  const on = (plan['Index Name'] ?? plan['Relation Name']) as string | undefined;
  const children = (plan.Plans as Record<string, unknown>[] | undefined) ?? [];
  return [on ? `${name} (${on})` : name, ...children.flatMap(planNodes)];
}

async function explain(db: pg.Client, sql: { text: string; values: unknown[] }): Promise<PlanSummary> {
  const { rows } = await db.query<{ 'QUERY PLAN': [{ Plan: Record<string, unknown>; 'Execution Time': number; 'Planning Time': number }] }>(
    `EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${sql.text}`,
    sql.values,
  );
  const [result] = rows[0]?.['QUERY PLAN'] ?? [];
  if (!result) throw new Error('EXPLAIN gave no plan');
  return { executionMs: result['Execution Time'], planningMs: result['Planning Time'], nodes: planNodes(result.Plan) };
}

interface Timed {
  query: ReadQuery;
  matching: number;
  http: Summary;
  sql: Summary;
  plan: PlanSummary;
}

/** `sql` as pg takes it: the same text and parameters Prisma sends. */
const forPg = (sql: Prisma.Sql) => ({ text: sql.text, values: sql.values });

/** The list's own SQL for `actor` and `params`, as the API builds it for the same request. */
function listSql(actor: Actor, params: Record<string, string>, now: Date, change: { cursor?: string; limit?: number } = {}): Prisma.Sql {
  const query = { ...listApplicationsQuery.parse({ ...params, limit: String(pageSize) }), ...change };
  const sql = applicationPageQuery(actor, query, now);
  if (!sql) throw new Error(`${actor.name} may read no applications`);
  return sql;
}

async function timeQuery(query: ReadQuery, call: Call, actor: Actor, db: pg.Client, samples: number): Promise<Timed> {
  const now = new Date();
  // Look-ups, not timed: every match, and the row before a page in the middle, through the list's own SQL.
  const everyMatch = listSql(actor, query.params, now, { limit: 1_000_000 });
  const matching = (await db.query<{ n: number }>(forPg(Prisma.sql`SELECT count(*)::int AS n FROM (${everyMatch}) AS matches`))).rows[0]?.n ?? 0;
  const updated = query.params.sort === 'updated';
  let cursor: string | undefined;
  if (query.deep) {
    // The row before the page: the middle of the matches (for a group's few cases, the last of page 1).
    const offset = query.who === 'applicant' ? pageSize - 1 : Math.floor(matching / 2);
    const order = updated ? Prisma.sql`"updatedAt" DESC, reference DESC` : Prisma.sql`reference`;
    const { rows } = await db.query<{ reference: string; updatedAt: Date }>(
      forPg(Prisma.sql`SELECT reference, "updatedAt" FROM (${everyMatch}) AS matches ORDER BY ${order} OFFSET ${offset} LIMIT 1`),
    );
    const row = rows[0];
    if (!row) throw new Error(`${query.name}: no row at ${offset} of ${matching}`);
    cursor = encodePageCursor(
      updated ? { sort: 'updated', updatedAt: row.updatedAt.toISOString(), reference: row.reference } : { sort: 'reference', reference: row.reference },
    );
  }
  const search = new URLSearchParams({ ...query.params, limit: String(pageSize), ...(cursor ? { cursor } : {}) });
  const path = `/api/applications?${search.toString()}`;
  const sql = forPg(listSql(actor, query.params, now, cursor ? { cursor } : {}));

  // The API and the SQL must agree on the page, or the baseline is not the same query.
  const first = expectStatus(await call('GET', path), 200, query.name);
  const apiPage = (first.json?.items as { reference: string }[]).map((item) => item.reference);
  const sqlPage = (await db.query<{ reference: string }>(sql)).rows.map((r) => r.reference).slice(0, pageSize);
  if (apiPage.join() !== sqlPage.join())
    throw new Error(
      `${query.name}: the API listed ${apiPage.slice(0, 3).join(', ')}… (${apiPage.length}), the SQL ${sqlPage.slice(0, 3).join(', ')}… (${sqlPage.length})`,
    );

  const http: number[] = [];
  for (let i = 0; i < samples + warmUp; i++) {
    const answer = expectStatus(await call('GET', path), 200, query.name);
    if (i >= warmUp) http.push(answer.ms);
  }
  const direct: number[] = [];
  for (let i = 0; i < samples + warmUp; i++) {
    const started = performance.now();
    await db.query(sql);
    if (i >= warmUp) direct.push(performance.now() - started);
  }
  return { query, matching, http: summarise(http), sql: summarise(direct), plan: await explain(db, sql) };
}

export async function readsBench(stack: Stack, { cases, samples }: { cases: number; samples: number }, say: Say): Promise<PartResult> {
  say(`reads: loading ${cases.toLocaleString('en-GB')} applications, ${groups} groups, ${officers} case officers into the read model`);
  const caseload = await loadCaseload(stack.databaseUrl, { cases, groups, officers, runId: stack.runId });
  say(`reads: loaded in ${caseload.seconds.toFixed(1)} s`);
  const total = await stack.prisma.application.count();

  const officerId = caseload.officerIds[0] as string;
  const group = caseload.groupIds[0] as string;
  const { token: officerToken } = await createApiToken({
    prisma: stack.prisma,
    personId: officerId,
    input: { name: 'bench' },
    now: new Date(),
    maxLifetimeDays: 90,
  });
  const lead = await leadOf(stack.prisma, stack.runId, 'reads-lead', group);
  // The readers as the API sees them: the person and the roles they hold.
  const actorOf = async (personId: string) => (await loadActor(stack.prisma, personId)) ?? Promise.reject(new Error(`no person ${personId}`));
  const callers: Record<ReadQuery['who'], { call: Call; actor: Actor }> = {
    caseworker: { call: client(stack.apiUrl, officerToken), actor: await actorOf(officerId) },
    applicant: { call: client(stack.apiUrl, lead.token), actor: await actorOf(lead.personId) },
  };

  const db = new pg.Client({ connectionString: stack.databaseUrl });
  await db.connect();
  const timed: Timed[] = [];
  let floor: Summary | undefined;
  let plannerSettings: Record<string, string> = {};
  let cpu: CpuUse | undefined;
  try {
    const cpuBefore = cpuSnapshot(stack.processes());
    // What any request costs before it reads anything: the token and the person looked up (GET /api/me).
    const me: number[] = [];
    for (let i = 0; i < samples + warmUp; i++) {
      const answer = expectStatus(await callers.caseworker.call('GET', '/api/me'), 200, 'GET /api/me');
      if (i >= warmUp) me.push(answer.ms);
    }
    floor = summarise(me);
    const settings = await db.query<{ name: string; setting: string }>(
      `SELECT name, setting FROM pg_settings WHERE name IN ('random_page_cost', 'seq_page_cost', 'effective_cache_size', 'shared_buffers', 'work_mem')`,
    );
    plannerSettings = Object.fromEntries(settings.rows.map((r) => [r.name, r.setting]));
    for (const query of readQueries({ cardiff, group })) {
      const { call, actor } = callers[query.who];
      const result = await timeQuery(query, call, actor, db, samples);
      say(
        `reads: ${query.who} ${query.name}: HTTP p50 ${result.http.p50.toFixed(1)} p99 ${result.http.p99.toFixed(1)} ms; SQL p50 ${result.sql.p50.toFixed(1)} p99 ${result.sql.p99.toFixed(1)} ms; ${result.plan.nodes.slice(0, 3).join(' > ')}`,
      );
      timed.push(result);
    }
    cpu = cpuUse(cpuBefore, cpuSnapshot(stack.processes()));
  } finally {
    await db.end();
  }

  const figures: Figure[] = timed.flatMap(({ query, http, sql }) => [
    figure('reads', `${query.who}: ${query.name}: p50`, http.p50, 'ms', { baseline: sql.p50 }),
    figure('reads', `${query.who}: ${query.name}: p99`, http.p99, 'ms', { baseline: sql.p99, goal: 'p99 < 20 ms', pass: http.p99 < 20 }),
  ]);
  if (floor) figures.unshift(figure('reads', 'any request, before it reads (GET /api/me): p50', floor.p50, 'ms'));
  return {
    figures,
    details: {
      postgresSettings: plannerSettings,
      authenticatedRequestFloorMs: floor,
      cpu,
      cases: total,
      loaded: cases,
      loadSeconds: caseload.seconds,
      groups,
      caseOfficers: officers,
      samplesPerQuery: samples,
      pageSize,
      queries: timed.map(({ query, matching, http, sql, plan }) => ({
        who: query.who,
        name: query.name,
        params: query.params,
        deep: query.deep ?? false,
        matching,
        httpMs: http,
        sqlMs: sql,
        explain: plan,
      })),
    },
  };
}
