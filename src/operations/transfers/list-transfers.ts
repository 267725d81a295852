import { z } from 'zod';
import type { Prisma } from '../../../generated/prisma/client.js';
import type { Actor } from '../../access/actor.js';
import { enforce, rules } from '../../access/policy.js';
import { isStaff, readerOf, readsAnyAsStaff, transferScope } from '../../access/reader.js';
import type { PrismaClient } from '../../db/prisma.js';
import type { Language } from '../../domain/bilingual.js';
import { AppError } from '../../domain/app-error.js';
import { transferStages } from '../../domain/cat/process.js';
import { staffGroupActionWording, staffTransferStatusWording } from '../../domain/cat/staff-wording.js';
import { groupActions, groupActionWording, transferStatuses, transferStatusWording, type GroupAction, type TransferStatus } from '../../domain/cat/status.js';
import type { TransferTenure } from '../../domain/cat/tenure.js';
import { applicantRoles, type RoleName } from '../../domain/roles.js';
import { commaSeparated, known } from '../../domain/input-schemas.js';
import { message } from '../../domain/validation-messages.js';
import { caseListCursorAfter, caseListSort, caseOfficerFilter, decodeCaseListCursor, type CaseListCursor } from '../case-list-query.js';

export const maxTransferPageSize = 200;

/** What a list can filter on as a stage: each stage of the process, and where cases end up. */
export const transferListStages = [...transferStages, 'closed', 'transferred'] as const;
export type TransferListStage = (typeof transferListStages)[number];

const yesOrNo = () => z.enum(['true', 'false']).transform((value) => value === 'true');

export const listTransfersQuery = z.strictObject({
  status: commaSeparated(transferStatuses, { cy: 'statws', en: 'statuses' })
    .optional()
    .meta({ description: 'One or more statuses, comma-separated', example: 'enquiry,business_plan' }),
  stage: commaSeparated(transferListStages, { cy: 'cam', en: 'stages' })
    .optional()
    .meta({ description: 'One or more stages, comma-separated (`closed`: declined, withdrawn or lapsed)', example: 'evaluation' }),
  ownerOrganisationId: z.uuid().optional().meta({ description: 'The public body that owns the asset' }),
  organisationId: z.uuid().optional().meta({ description: 'The community group; a group’s members only ever see their own groups’ transfers anyway' }),
  assetId: z.uuid().optional().meta({ description: 'The asset' }),
  caseOfficerId: caseOfficerFilter('Staff only: a group does not see who the officer is'),
  localAuthorityCode: z
    .string()
    .regex(/^W06\d{6}$/, message('localAuthorityCode'))
    .optional()
    .meta({ description: 'Local authority (ONS code) of the asset', example: 'W06000015' }),
  openSpace: yesOrNo().optional().meta({ description: '`true`: open space (a disposal notice and objections are needed); `false`: not' }),
  overdue: yesOrNo().optional().meta({ description: '`true`: the body’s current stage has run past its service level; `false`: it has not, or has none' }),
  sort: caseListSort,
  limit: z.coerce.number().int().min(1).max(maxTransferPageSize).default(50),
  cursor: z.string().min(1).max(500).optional().meta({ description: 'The `nextCursor` of the page before, unchanged' }),
});

export type ListTransfersQuery = z.output<typeof listTransfersQuery>;

/** One line of a list of transfers, as its reader may see it. */
export interface TransferSummary {
  reference: string;
  processVersion: string;
  ownerOrganisationId: string;
  ownerName: string;
  organisationId: string;
  organisationName: string;
  assetId: string;
  assetName: string;
  openSpace: boolean;
  localAuthorityCode: string | null;
  wimdDecile: number | null;
  language: 'cy' | 'en';
  status: TransferStatus;
  /** The status in plain words, in the reader's language: staff read it in their own words. */
  statusText: string;
  stage: TransferListStage;
  /** Present for staff only. */
  caseOfficerId?: string | null;
  undervaluePence: number | null;
  needsConsent: boolean;
  /** As evaluated, then as completed. */
  tenure: TransferTenure | null;
  stageDueAt: string | null;
  slaBreached: boolean;
  groupAction: GroupAction | null;
  groupActionText: string | null;
  groupDueAt: string | null;
  linkedApplications: string[];
  completedAt: string | null;
  updatedAt: string;
}

export interface TransferPage {
  items: TransferSummary[];
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

export interface ListTransfersOptions {
  prisma: PrismaClient;
  actor: Actor | undefined;
  query: ListTransfersQuery;
  /** What `overdue` is reckoned against. */
  now: Date;
  /** The language to answer in (src/api/reader-language.ts decides it). */
  language: Language;
}

// Who may read which transfers is the policy's, not repeated here: staff every one, the owning body's
// staff their body's, a group's members their group's.
const readRule = rules['transfer.read'];
const staffRoles: readonly RoleName[] = readRule.kind === 'case' ? readRule.staff : [];
const ownerStaffRoles: readonly RoleName[] = readRule.kind === 'case' ? (readRule.ownerStaff ?? []) : [];

const organisationsOf = (actor: Actor, roles: readonly RoleName[]) => [
  ...new Set(actor.grants.filter((g) => roles.includes(g.role) && g.organisationId !== null).map((g) => g.organisationId as string)),
];

/**
 * Which transfers `actor` may read, as a database condition, or null for none. `staffOnly` leaves out what
 * they see only as a group's member.
 */
function visibleTo(actor: Actor, { staffOnly }: { staffOnly: boolean }): Prisma.TransferWhereInput | null {
  if (actor.grants.some((g) => staffRoles.includes(g.role))) return {};
  const clauses: Prisma.TransferWhereInput[] = [];
  const bodies = organisationsOf(actor, ownerStaffRoles);
  if (bodies.length > 0) clauses.push({ ownerOrganisationId: { in: bodies } });
  const groups = organisationsOf(actor, applicantRoles);
  if (!staffOnly && groups.length > 0) clauses.push({ organisationId: { in: groups } });
  if (clauses.length === 0) return null;
  return clauses.length === 1 ? (clauses[0] ?? null) : { OR: clauses };
}

function filters(query: ListTransfersQuery, actor: Actor, now: Date): Prisma.TransferWhereInput[] {
  const where: Prisma.TransferWhereInput[] = [];
  if (query.status) where.push({ status: { in: query.status } });
  if (query.stage) where.push({ stage: { in: query.stage } });
  if (query.ownerOrganisationId) where.push({ ownerOrganisationId: query.ownerOrganisationId });
  if (query.organisationId) where.push({ organisationId: query.organisationId });
  if (query.assetId) where.push({ assetId: query.assetId });
  if (query.caseOfficerId === 'none') where.push({ caseOfficerId: null });
  else if (query.caseOfficerId) where.push({ caseOfficerId: query.caseOfficerId === 'me' ? actor.personId : query.caseOfficerId });
  if (query.localAuthorityCode) where.push({ localAuthorityCode: query.localAuthorityCode });
  if (query.openSpace !== undefined) where.push({ openSpace: query.openSpace });
  if (query.overdue === true) where.push({ stageDueAt: { lt: now } });
  // Written out rather than NOT(overdue): NOT of a comparison with NULL is NULL in SQL, which would drop
  // every case without a clock.
  else if (query.overdue === false) where.push({ OR: [{ stageDueAt: null }, { stageDueAt: { gte: now } }] });
  return where;
}

/** The lines after `cursor`, in the list's order (most recently changed first: the same time, by reference). */
function after(cursor: CaseListCursor): Prisma.TransferWhereInput {
  if (cursor.sort === 'reference') return { reference: { gt: cursor.reference } };
  const updatedAt = new Date(cursor.updatedAt);
  return { OR: [{ updatedAt: { lt: updatedAt } }, { updatedAt, reference: { lt: cursor.reference } }] };
}

// A list line never needs the snapshot, the whole case (kilobytes a row), which only the case page reads.
const listed = { omit: { snapshot: true } } satisfies Prisma.TransferFindManyArgs;
type TransferRow = Prisma.TransferGetPayload<typeof listed>;

/**
 * The transfers `actor` may read that match `query`, a page at a time, by reference or by most recent
 * change; from the read model, never from the workflows. Keyset pagination: a page is the same however
 * many cases were added or changed before it.
 */
export async function listTransfers({ prisma, actor, query, now, language }: ListTransfersOptions): Promise<TransferPage> {
  enforce(actor, 'transfer.list');
  if (!actor) throw new Error('transfer.list is allowed only to the signed in');
  if (query.caseOfficerId && !readsAnyAsStaff(actor, 'transfer.read')) {
    throw new AppError('forbidden', { cy: 'Dim ond staff all hidlo yn ôl swyddog achos', en: 'Only staff can filter by case officer' });
  }
  const cursor = query.cursor === undefined ? undefined : decodeCaseListCursor(query.cursor, query.sort);
  // Filtering by officer would tell someone who sees a case only as its group's member who the officer is.
  const visible = visibleTo(actor, { staffOnly: query.caseOfficerId !== undefined });
  if (!visible) return { items: [], nextCursor: null };

  const rows = await prisma.transfer.findMany({
    where: { AND: [visible, ...filters(query, actor, now), ...(cursor ? [after(cursor)] : [])] },
    orderBy: query.sort === 'reference' ? [{ reference: 'asc' }] : [{ updatedAt: 'desc' }, { reference: 'desc' }],
    // One more than asked for says whether there is a next page.
    take: query.limit + 1,
    ...listed,
  });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  const nextCursor = rows.length > query.limit && last ? caseListCursorAfter(last, query.sort) : null;

  const items: TransferSummary[] = [];
  for (const row of page) {
    // The database condition above decides what is listed; asking the policy again per row keeps the list
    // from ever showing what reading the case would refuse, and says in which role the actor sees it.
    const reader = readerOf(actor, 'transfer.read', transferScope(row));
    if (reader) items.push(summary(row, language, isStaff(reader)));
  }
  return { items, nextCursor };
}

function summary(row: TransferRow, language: Language, asStaff: boolean): TransferSummary {
  const status = known(transferStatuses, row.status, 'transfer status');
  const action = row.groupAction === null ? null : known(groupActions, row.groupAction, 'group action');
  return {
    reference: row.reference,
    processVersion: row.processVersion,
    ownerOrganisationId: row.ownerOrganisationId,
    ownerName: row.ownerName,
    organisationId: row.organisationId,
    organisationName: row.organisationName,
    assetId: row.assetId,
    assetName: row.assetName,
    openSpace: row.openSpace,
    localAuthorityCode: row.localAuthorityCode,
    wimdDecile: row.wimdDecile,
    language: known(['cy', 'en'] as const, row.language, 'language'),
    status,
    statusText: (asStaff ? staffTransferStatusWording : transferStatusWording)[status][language],
    stage: known(transferListStages, row.stage, 'transfer stage'),
    ...(asStaff ? { caseOfficerId: row.caseOfficerId } : {}),
    undervaluePence: row.undervaluePence === null ? null : Number(row.undervaluePence),
    needsConsent: row.needsConsent,
    tenure: row.tenureKind === null ? null : { kind: known(['licence', 'lease', 'freehold'] as const, row.tenureKind, 'tenure'), termYears: row.tenureYears },
    stageDueAt: row.stageDueAt?.toISOString() ?? null,
    slaBreached: row.slaBreached,
    groupAction: action,
    groupActionText: action === null ? null : (asStaff ? staffGroupActionWording : groupActionWording)[action][language],
    groupDueAt: row.groupDueAt?.toISOString() ?? null,
    linkedApplications: row.linkedApplications,
    completedAt: row.completedAt?.toISOString() ?? null,
    updatedAt: row.updatedAt.toISOString(),
  };
}
