import { z } from 'zod';
import { Prisma } from '../../../generated/prisma/client.js';
import type { Actor } from '../../access/actor.js';
import { enforce, rules } from '../../access/policy.js';
import { applicationScope, isStaff, readerOf, readsAnyAsStaff } from '../../access/reader.js';
import type { PrismaClient } from '../../db/prisma.js';
import type { Language } from '../../domain/bilingual.js';
import { AppError } from '../../domain/app-error.js';
import { groupActions, groupActionWording, stages, statuses, statusWording, type GroupAction, type CfpStage, type CfpStatus } from '../../domain/cfp/status.js';
import { applicantRoles, type RoleName } from '../../domain/roles.js';
import { staffGroupActionWording, staffStatusWording } from '../../domain/cfp/staff-wording.js';
import { caseListCursorAfter, caseListSort, caseOfficerFilter, decodeCaseListCursor, type CaseListCursor } from '../case-list-query.js';
import { message } from '../../domain/validation-messages.js';
import { commaSeparated, known } from '../../domain/input-schemas.js';

export const maxApplicationPageSize = 100;

const decile = () => z.coerce.number().int().min(1).max(10);

export const listApplicationsQuery = z.strictObject({
  status: commaSeparated(statuses, { cy: 'statws', en: 'statuses' })
    .optional()
    .meta({ description: 'One or more statuses, comma-separated', example: 'assessment,moderation' }),
  stage: commaSeparated(stages, { cy: 'cam', en: 'stages' }).optional().meta({ description: 'One or more stages, comma-separated', example: 'assessment' }),
  caseOfficerId: caseOfficerFilter('Programme staff only: applicants do not see who the officer is'),
  localAuthorityCode: z
    .string()
    .regex(/^W06\d{6}$/, message('localAuthorityCode'))
    .optional()
    .meta({ description: 'Local authority (ONS code) of the facility', example: 'W06000015' }),
  wimdDecile: decile().optional().meta({ description: 'WIMD decile of the facility’s area (1 is the most deprived tenth)' }),
  wimdDecileMax: decile().optional().meta({ description: 'Areas in this WIMD decile or a more deprived one' }),
  tier: z.enum(['small', 'large']).optional(),
  overdue: z
    .enum(['true', 'false'])
    .transform((value) => value === 'true')
    .optional()
    .meta({ description: '`true`: the stage’s service level has passed (clock running) or the group’s deadline has; `false`: neither' }),
  organisationId: z.uuid().optional().meta({ description: 'The community group; a group’s members only ever see their own groups’ applications anyway' }),
  sort: caseListSort,
  limit: z.coerce.number().int().min(1).max(maxApplicationPageSize).default(25),
  cursor: z.string().min(1).max(500).optional().meta({ description: 'The `nextCursor` of the page before, unchanged' }),
});

export type ListApplicationsQuery = z.output<typeof listApplicationsQuery>;

/** One line of a list of applications, as its reader may see it. */
export interface ApplicationSummary {
  reference: string;
  organisationId: string;
  organisationName: string;
  projectTitle: string;
  status: CfpStatus;
  /** The status in plain words, in the reader's language: staff read it in their own words. */
  statusText: string;
  stage: CfpStage;
  tier: 'small' | 'large' | null;
  requestedPence: number | null;
  awardedPence: number | null;
  localAuthorityCode: string | null;
  localAuthorityName: string | null;
  wimdDecile: number | null;
  /** Present for programme staff only. */
  caseOfficerId?: string | null;
  fastTrack: boolean;
  stageDueAt: string | null;
  /** The stage's clock is stopped while the group answers a request for information. */
  clockPaused: boolean;
  slaBreached: boolean;
  /** What the group must do next (the read model's applicant_action), as a transfer's list line says it. */
  groupAction: GroupAction | null;
  groupActionText: string | null;
  groupDueAt: string | null;
  updatedAt: string;
}

export interface ApplicationPage {
  items: ApplicationSummary[];
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

export interface ListApplicationsOptions {
  prisma: PrismaClient;
  actor: Actor | undefined;
  query: ListApplicationsQuery;
  /** What `overdue` is reckoned against. */
  now: Date;
  /** The language to answer in (src/api/reader-language.ts decides it). */
  language: Language;
}

// The roles that may read any case are the policy's, not repeated here: for the database condition; who
// each listed case's reader is, is the policy's answer (readerOf).
const readRule = rules['application.read'];
const staffRoles: readonly RoleName[] = readRule.kind === 'case' ? readRule.staff : [];

/**
 * Which applications `actor` may read, as SQL conditions (none: every case), or null for none: programme
 * staff every case of the programmes their grants cover, applicant members and leads their own groups' cases.
 * Advisers see nothing yet: groups cannot invite an adviser onto a case until invitations exist, and the
 * policy lets an adviser read only where invited.
 */
function visibleTo(actor: Actor, { staffOnly }: { staffOnly: boolean }): Prisma.Sql[] | null {
  const staffGrants = actor.grants.filter((g) => staffRoles.includes(g.role));
  const groups = actor.grants.filter((g) => applicantRoles.includes(g.role) && g.organisationId !== null).map((g) => g.organisationId as string);
  if (staffGrants.some((g) => g.programme === null)) return [];
  const clauses: Prisma.Sql[] = [];
  if (staffGrants.length > 0) clauses.push(Prisma.sql`programme IN (${Prisma.join([...new Set(staffGrants.map((g) => g.programme as string))])})`);
  if (!staffOnly && groups.length > 0) clauses.push(Prisma.sql`organisation_id IN (${Prisma.join([...new Set(groups)].map((id) => Prisma.sql`${id}::uuid`))})`);
  if (clauses.length === 0) return null;
  return [clauses.length === 1 ? (clauses[0] as Prisma.Sql) : Prisma.sql`(${Prisma.join(clauses, ' OR ')})`];
}

/** The query's filters, each an SQL condition; `status` and `stage` apart, as the list may split on them. */
function filters(query: ListApplicationsQuery, actor: Actor, now: Date): Prisma.Sql[] {
  const where: Prisma.Sql[] = [];
  if (query.caseOfficerId === 'none') where.push(Prisma.sql`case_officer_id IS NULL`);
  else if (query.caseOfficerId) where.push(Prisma.sql`case_officer_id = ${query.caseOfficerId === 'me' ? actor.personId : query.caseOfficerId}::uuid`);
  if (query.localAuthorityCode) where.push(Prisma.sql`local_authority_code = ${query.localAuthorityCode}`);
  if (query.wimdDecile !== undefined) where.push(Prisma.sql`wimd_decile = ${query.wimdDecile}::int`);
  if (query.wimdDecileMax !== undefined) where.push(Prisma.sql`wimd_decile <= ${query.wimdDecileMax}::int`);
  if (query.tier) where.push(Prisma.sql`tier = ${query.tier}`);
  if (query.organisationId) where.push(Prisma.sql`organisation_id = ${query.organisationId}::uuid`);
  if (query.overdue === true) {
    // Implies a due date is set, so PostgreSQL can walk application_with_deadline_reference_idx (open
    // cases only) rather than every case.
    where.push(Prisma.sql`((stage_due_at < ${now}::timestamptz AND clock_paused = false) OR applicant_due_at < ${now}::timestamptz)`);
  } else if (query.overdue === false) {
    // Written out rather than NOT(overdue): in SQL, NOT of a comparison with NULL is NULL, which would drop
    // every case without a due date.
    where.push(
      Prisma.sql`(stage_due_at IS NULL OR stage_due_at >= ${now}::timestamptz OR clock_paused = true)`,
      Prisma.sql`(applicant_due_at IS NULL OR applicant_due_at >= ${now}::timestamptz)`,
    );
  }
  return where;
}

function after(cursor: CaseListCursor): Prisma.Sql {
  if (cursor.sort === 'reference') return Prisma.sql`reference > ${cursor.reference}`;
  const updatedAt = new Date(cursor.updatedAt);
  // (updated_at, reference) < (cursor): the first condition alone bounds an index scan on updated_at, so a
  // page deep in the list starts at the cursor instead of reading every newer case to skip them.
  return Prisma.sql`updated_at <= ${updatedAt}::timestamptz AND (updated_at < ${updatedAt}::timestamptz OR reference < ${cursor.reference})`;
}

const splitColumns = { status: Prisma.sql`status`, stage: Prisma.sql`stage` };

/** `column` is one of `values`. */
function isIn(column: keyof typeof splitColumns, values: readonly string[]): Prisma.Sql {
  const name = splitColumns[column];
  return values.length === 1 ? Prisma.sql`${name} = ${values[0]}` : Prisma.sql`${name} IN (${Prisma.join(values)})`;
}

// The columns a line of the list shows, and the ones the access policy asks about; never the snapshot, the
// whole case (kilobytes a row), which only the case page reads.
const summaryColumns = Prisma.sql`reference, programme, organisation_id AS "organisationId", organisation_name AS "organisationName",
  project_title AS "projectTitle", status, stage, case_officer_id AS "caseOfficerId", fast_track AS "fastTrack", tier,
  requested_pence AS "requestedPence", awarded_pence AS "awardedPence", local_authority_code AS "localAuthorityCode",
  local_authority_name AS "localAuthorityName", wimd_decile AS "wimdDecile", stage_due_at AS "stageDueAt", clock_paused AS "clockPaused",
  sla_breached AS "slaBreached", applicant_action AS "applicantAction", applicant_due_at AS "applicantDueAt", updated_at AS "updatedAt"`;

interface ApplicationRow {
  reference: string;
  programme: string;
  organisationId: string;
  organisationName: string;
  projectTitle: string;
  status: string;
  stage: string;
  caseOfficerId: string | null;
  fastTrack: boolean;
  tier: string | null;
  requestedPence: bigint | null;
  awardedPence: bigint | null;
  localAuthorityCode: string | null;
  localAuthorityName: string | null;
  wimdDecile: number | null;
  stageDueAt: Date | null;
  clockPaused: boolean;
  slaBreached: boolean;
  applicantAction: string | null;
  applicantDueAt: Date | null;
  updatedAt: Date;
}

/**
 * The SQL of one page: `take` rows matching `where` (and `status`/`stage`), after the cursor, in the
 * list's order. Several statuses in reference order are read one status at a time, each from its own
 * (status, reference) index range, and merged (a Merge Append): no index gives reference order across an
 * IN list, so as one condition PostgreSQL would walk the primary key past every closed case. Several
 * stages likewise, through (stage, reference).
 */
function pageSql(query: ListApplicationsQuery, where: Prisma.Sql[], take: number): Prisma.Sql {
  const statuses = query.status ?? [];
  const stages = query.stage ?? [];
  const split = query.sort !== 'reference' ? null : statuses.length > 1 ? 'status' : stages.length > 1 ? 'stage' : null;
  const conditions = [...where];
  if (statuses.length > 0 && split !== 'status') conditions.push(isIn('status', statuses));
  if (stages.length > 0 && split !== 'stage') conditions.push(isIn('stage', stages));
  const select = (and: Prisma.Sql[], order: Prisma.Sql) =>
    Prisma.sql`SELECT ${summaryColumns} FROM application ${and.length > 0 ? Prisma.sql`WHERE ${Prisma.join(and, ' AND ')}` : Prisma.empty} ORDER BY ${order} LIMIT ${take}`;

  if (query.sort === 'updated') return select(conditions, Prisma.sql`updated_at DESC, reference DESC`);
  if (split === null) return select(conditions, Prisma.sql`reference`);
  const branches = (split === 'status' ? statuses : stages).map(
    (value) => Prisma.sql`(${select([isIn(split, [value]), ...conditions], Prisma.sql`reference`)})`,
  );
  return Prisma.sql`SELECT * FROM (${Prisma.join(branches, ' UNION ALL ')}) AS page ORDER BY reference LIMIT ${take}`;
}

/**
 * The SQL of one page of the applications `actor` may read that match `query`, with one row more than the
 * page (which says whether there is a next); null when they may read none. What listApplications runs, and
 * what the benchmark runs alone as its baseline.
 */
export function applicationPageQuery(actor: Actor, query: ListApplicationsQuery, now: Date): Prisma.Sql | null {
  const cursor = query.cursor === undefined ? undefined : decodeCaseListCursor(query.cursor, query.sort);
  // Filtering by officer would tell someone who sees a case only as its applicant who the officer is.
  const visible = visibleTo(actor, { staffOnly: query.caseOfficerId !== undefined });
  if (!visible) return null;
  return pageSql(query, [...visible, ...filters(query, actor, now), ...(cursor ? [after(cursor)] : [])], query.limit + 1);
}

/**
 * The applications `actor` may read that match `query`, a page at a time, by reference or by most recent
 * change; from the read model, never from the workflows. Keyset pagination: a page is the same however
 * many cases were added or changed before it.
 */
export async function listApplications({ prisma, actor, query, now, language }: ListApplicationsOptions): Promise<ApplicationPage> {
  enforce(actor, 'application.list');
  if (!actor) throw new Error('application.list is allowed only to the signed in');
  if (query.caseOfficerId && !readsAnyAsStaff(actor, 'application.read')) {
    throw new AppError('forbidden', {
      cy: 'Dim ond staff y rhaglen all hidlo yn ôl swyddog achos',
      en: 'Only programme staff can filter by case officer',
    });
  }
  const sql = applicationPageQuery(actor, query, now);
  if (!sql) return { items: [], nextCursor: null };
  const rows = await prisma.$queryRaw<ApplicationRow[]>(sql);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  const nextCursor = rows.length > query.limit && last ? caseListCursorAfter(last, query.sort) : null;

  const items: ApplicationSummary[] = [];
  for (const row of page) {
    // The database condition above decides what is listed; asking the policy again per row keeps the list
    // from ever showing what reading the case would refuse, and says in which role the actor sees it.
    const reader = readerOf(actor, 'application.read', applicationScope(row));
    if (reader) items.push(summary(row, language, isStaff(reader)));
  }
  return { items, nextCursor };
}

function summary(row: ApplicationRow, language: Language, asStaff: boolean): ApplicationSummary {
  const status = known(statuses, row.status, 'status');
  const action = row.applicantAction === null ? null : known(groupActions, row.applicantAction, 'applicant action');
  return {
    reference: row.reference,
    organisationId: row.organisationId,
    organisationName: row.organisationName,
    projectTitle: row.projectTitle,
    status,
    statusText: (asStaff ? staffStatusWording : statusWording)[status][language],
    stage: known(stages, row.stage, 'stage'),
    tier: row.tier === null ? null : known(['small', 'large'] as const, row.tier, 'tier'),
    requestedPence: row.requestedPence === null ? null : Number(row.requestedPence),
    awardedPence: row.awardedPence === null ? null : Number(row.awardedPence),
    localAuthorityCode: row.localAuthorityCode,
    localAuthorityName: row.localAuthorityName,
    wimdDecile: row.wimdDecile,
    ...(asStaff ? { caseOfficerId: row.caseOfficerId } : {}),
    fastTrack: row.fastTrack,
    stageDueAt: row.stageDueAt?.toISOString() ?? null,
    clockPaused: row.clockPaused,
    slaBreached: row.slaBreached,
    groupAction: action,
    groupActionText: action === null ? null : (asStaff ? staffGroupActionWording : groupActionWording)[action][language],
    groupDueAt: row.applicantDueAt?.toISOString() ?? null,
    updatedAt: row.updatedAt.toISOString(),
  };
}
