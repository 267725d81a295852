import { z } from 'zod';
import { Prisma } from '../../../generated/prisma/client.js';
import type { Actor } from '../../access/actor.js';
import { authorise, enforce, rules } from '../../access/policy.js';
import type { PrismaClient } from '../../db/prisma.js';
import type { Language } from '../../domain/bilingual.js';
import { AppError } from '../../domain/app-error.js';
import {
  applicantActions,
  applicantActionWording,
  stages,
  statuses,
  statusWording,
  type ApplicantAction,
  type CfpStage,
  type CfpStatus,
} from '../../domain/cfp/status.js';
import { applicantRoles, type RoleName } from '../../domain/roles.js';
import { staffApplicantActionWording, staffStatusWording } from '../../domain/cfp/staff-wording.js';
import { decodePageCursor, encodePageCursor } from '../page-cursor.js';
import { builtMessage, message } from '../../domain/validation-messages.js';

export const maxApplicationPageSize = 100;

/** `a` or `a,b,c`, each one of `values`: checked as one string (so the document shows the pattern), then split. */
function commaSeparated<const T extends readonly string[]>(values: T, what: { cy: 'statws' | 'cam'; en: 'statuses' | 'stages' }) {
  const one = `(?:${values.join('|')})`;
  return z
    .string()
    .regex(
      new RegExp(`^${one}(?:,${one})*$`),
      builtMessage({
        cy: `rhaid iddo fod yn un ${what.cy} neu fwy, wedi’u gwahanu gan atalnodau: ${values.join(', ')}`,
        en: `must be one or more ${what.en}, separated by commas: ${values.join(', ')}`,
      }),
    )
    .transform((value) => [...new Set(value.split(','))] as T[number][]);
}

const decile = () => z.coerce.number().int().min(1).max(10);

export const listApplicationsQuery = z.strictObject({
  status: commaSeparated(statuses, { cy: 'statws', en: 'statuses' })
    .optional()
    .meta({ description: 'One or more statuses, comma-separated', example: 'assessment,moderation' }),
  stage: commaSeparated(stages, { cy: 'cam', en: 'stages' }).optional().meta({ description: 'One or more stages, comma-separated', example: 'assessment' }),
  caseOfficer: z
    .union([z.literal('me'), z.literal('none'), z.uuid()])
    .optional()
    .meta({
      description:
        'The case officer’s person id, `me`, or `none` for the cases nobody has been assigned yet. Programme staff only: applicants do not see who the officer is',
    }),
  localAuthority: z
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
  organisation: z.uuid().optional().meta({ description: 'The applicant group (organisation id); applicants only ever see their own groups anyway' }),
  sort: z.enum(['reference', 'updated']).default('reference').meta({ description: '`reference` (ascending) or `updated` (most recently changed first)' }),
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
  applicantAction: ApplicantAction | null;
  applicantActionText: string | null;
  applicantDueAt: string | null;
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

// The roles that may read any case are the policy's, not repeated here.
const readRule = rules['application.read'];
const staffRoles: readonly RoleName[] = readRule.kind === 'case' ? readRule.staff : [];

const cursorKey = z.discriminatedUnion('sort', [
  z.strictObject({ sort: z.literal('reference'), reference: z.string().min(1).max(100) }),
  z.strictObject({ sort: z.literal('updated'), updatedAt: z.iso.datetime({ offset: true }), reference: z.string().min(1).max(100) }),
]);
type CursorKey = z.infer<typeof cursorKey>;

function decodeCursor(cursor: string, sort: ListApplicationsQuery['sort']): CursorKey {
  const key = decodePageCursor(cursor, cursorKey);
  if (key.sort !== sort) {
    throw new AppError('invalid_input', {
      cy: 'Daw’r cyrchwr o restr wedi ei threfnu’n wahanol: gofynnwch am yr un drefn (sort)',
      en: 'The cursor comes from a list in another order: ask for the same sort',
    });
  }
  return key;
}

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
  if (query.caseOfficer === 'none') where.push(Prisma.sql`case_officer_id IS NULL`);
  else if (query.caseOfficer) where.push(Prisma.sql`case_officer_id = ${query.caseOfficer === 'me' ? actor.personId : query.caseOfficer}::uuid`);
  if (query.localAuthority) where.push(Prisma.sql`local_authority_code = ${query.localAuthority}`);
  if (query.wimdDecile !== undefined) where.push(Prisma.sql`wimd_decile = ${query.wimdDecile}::int`);
  if (query.wimdDecileMax !== undefined) where.push(Prisma.sql`wimd_decile <= ${query.wimdDecileMax}::int`);
  if (query.tier) where.push(Prisma.sql`tier = ${query.tier}`);
  if (query.organisation) where.push(Prisma.sql`organisation_id = ${query.organisation}::uuid`);
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

function after(cursor: CursorKey): Prisma.Sql {
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

function known<T extends string>(values: readonly T[], value: string, what: string): T {
  if ((values as readonly string[]).includes(value)) return value as T;
  throw new Error(`The read model holds an unknown ${what} ${JSON.stringify(value)}`);
}

/**
 * The SQL of one page of the applications `actor` may read that match `query`, with one row more than the
 * page (which says whether there is a next); null when they may read none. What listApplications runs, and
 * what the benchmark runs alone as its baseline.
 */
export function applicationPageQuery(actor: Actor, query: ListApplicationsQuery, now: Date): Prisma.Sql | null {
  const cursor = query.cursor === undefined ? undefined : decodeCursor(query.cursor, query.sort);
  // Filtering by officer would tell someone who sees a case only as its applicant who the officer is.
  const visible = visibleTo(actor, { staffOnly: query.caseOfficer !== undefined });
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
  const isStaff = actor.grants.some((g) => staffRoles.includes(g.role));
  if (query.caseOfficer && !isStaff) {
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
  const nextCursor =
    rows.length > query.limit && last
      ? encodePageCursor(
          query.sort === 'reference'
            ? { sort: 'reference', reference: last.reference }
            : { sort: 'updated', updatedAt: last.updatedAt.toISOString(), reference: last.reference },
        )
      : null;

  const items: ApplicationSummary[] = [];
  for (const row of page) {
    // The database condition above decides what is listed; asking the policy again per row keeps the list
    // from ever showing what reading the case would refuse, and says in which role the actor sees it.
    const decision = authorise(actor, 'application.read', { organisationId: row.organisationId, programme: row.programme });
    if (!decision.allowed) continue;
    const asStaff = decision.actingAs !== null && staffRoles.includes(decision.actingAs.role);
    items.push(summary(row, language, asStaff));
  }
  return { items, nextCursor };
}

function summary(row: ApplicationRow, language: Language, asStaff: boolean): ApplicationSummary {
  const status = known(statuses, row.status, 'status');
  const action = row.applicantAction === null ? null : known(applicantActions, row.applicantAction, 'applicant action');
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
    applicantAction: action,
    applicantActionText: action === null ? null : (asStaff ? staffApplicantActionWording : applicantActionWording)[action][language],
    applicantDueAt: row.applicantDueAt?.toISOString() ?? null,
    updatedAt: row.updatedAt.toISOString(),
  };
}
