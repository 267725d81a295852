// The list requests the reads benchmark times, and the same query as SQL for PostgreSQL alone: the SQL
// src/operations/applications/list-applications.ts sends, written out (its columns unaliased).

export interface ReadQuery {
  name: string;
  who: 'caseworker' | 'applicant';
  /** GET /api/applications query parameters, besides the cursor. */
  params: Record<string, string>;
  /** A page from the middle of the matching cases (through a cursor), rather than the first. */
  deep?: boolean;
}

export interface Reader {
  personId: string;
  /** The groups an applicant reads for; null for programme staff (every case). */
  groupIds: string[] | null;
}

export type CursorKey = { sort: 'reference'; reference: string } | { sort: 'updated'; updatedAt: string; reference: string };

/** The list's cursor format (base64url JSON of the last row's key). */
export const encodeCursor = (key: CursorKey) => Buffer.from(JSON.stringify(key)).toString('base64url');

export function readQueries({ cardiff, group }: { cardiff: string; group: string }): ReadQuery[] {
  return [
    { name: 'every case', who: 'caseworker', params: {} },
    { name: 'every case, deep page', who: 'caseworker', params: {}, deep: true },
    { name: 'every case, latest changed', who: 'caseworker', params: { sort: 'updated' } },
    { name: 'every case, latest changed, deep page', who: 'caseworker', params: { sort: 'updated' }, deep: true },
    { name: 'status=assessment', who: 'caseworker', params: { status: 'assessment' } },
    { name: 'status=invited, deep page', who: 'caseworker', params: { status: 'invited' }, deep: true },
    { name: 'status=assessment,moderation', who: 'caseworker', params: { status: 'assessment,moderation' } },
    { name: 'status=accepted, deep page', who: 'caseworker', params: { status: 'accepted' }, deep: true },
    { name: 'stage=decision', who: 'caseworker', params: { stage: 'decision' } },
    { name: 'caseOfficer=me', who: 'caseworker', params: { caseOfficer: 'me' } },
    { name: 'caseOfficer=me, deep page', who: 'caseworker', params: { caseOfficer: 'me' }, deep: true },
    { name: 'caseOfficer=me, latest changed', who: 'caseworker', params: { caseOfficer: 'me', sort: 'updated' } },
    { name: `localAuthority=${cardiff}`, who: 'caseworker', params: { localAuthority: cardiff } },
    { name: `localAuthority=${cardiff}, deep page`, who: 'caseworker', params: { localAuthority: cardiff }, deep: true },
    { name: 'wimdDecile=1', who: 'caseworker', params: { wimdDecile: '1' } },
    { name: 'wimdDecileMax=2, deep page', who: 'caseworker', params: { wimdDecileMax: '2' }, deep: true },
    { name: 'tier=small', who: 'caseworker', params: { tier: 'small' } },
    { name: 'overdue=true', who: 'caseworker', params: { overdue: 'true' } },
    { name: 'overdue=true, deep page', who: 'caseworker', params: { overdue: 'true' }, deep: true },
    { name: 'overdue=false', who: 'caseworker', params: { overdue: 'false' } },
    { name: 'organisation=<a group>', who: 'caseworker', params: { organisation: group } },
    { name: 'stage=assessment, LA, wimdDecileMax=3, latest changed', who: 'caseworker', params: { stage: 'assessment', localAuthority: cardiff, wimdDecileMax: '3', sort: 'updated' } },
    { name: 'own group', who: 'applicant', params: {} },
    { name: 'own group, page 2', who: 'applicant', params: {}, deep: true },
    { name: 'own group, latest changed', who: 'applicant', params: { sort: 'updated' } },
    { name: 'own group, status=accepted', who: 'applicant', params: { status: 'accepted' } },
    { name: 'own group, overdue=true', who: 'applicant', params: { overdue: 'true' } },
  ];
}

/** The columns a list line needs. */
export const listColumns = `reference, programme, organisation_id, organisation_name, project_title, status, stage, case_officer_id, fast_track, tier,
  requested_pence, awarded_pence, local_authority_code, local_authority_name, wimd_decile, stage_due_at, clock_paused, sla_breached,
  applicant_action, applicant_due_at, updated_at`;

export const pageSize = 25;

/**
 * The SQL of one page: `columns`, the reader's cases matching `params`, after `cursor`, in the list's order.
 * As the list does, several statuses (or stages) in reference order are one `ORDER BY reference LIMIT n`
 * per status, merged; `offset` and `count` (the bench's own look-ups, not timed) take the plain form.
 */
export function pageSql(
  params: Record<string, string>,
  reader: Reader,
  now: Date,
  cursor: CursorKey | null,
  { columns = listColumns, limit = pageSize + 1, offset = 0, count = false } = {},
): { text: string; values: unknown[] } {
  const values: unknown[] = [];
  const arg = (value: unknown) => `$${values.push(value)}`;
  // One value as `=`, several as IN ($1, $2, …), as the list writes them.
  const isIn = (column: string, items: string[]) => (items.length === 1 ? `${column} = ${arg(items[0])}` : `${column} IN (${items.map(arg).join(', ')})`);
  const statuses = params.status ? [...new Set(params.status.split(','))] : [];
  const stages = params.stage ? [...new Set(params.stage.split(','))] : [];
  const updated = params.sort === 'updated';
  const split = updated || count || offset > 0 ? null : statuses.length > 1 ? 'status' : stages.length > 1 ? 'stage' : null;

  const where: string[] = [];
  if (reader.groupIds) where.push(`organisation_id IN (${reader.groupIds.map((id) => `${arg(id)}::uuid`).join(', ')})`);
  if (params.caseOfficer) where.push(`case_officer_id = ${arg(params.caseOfficer === 'me' ? reader.personId : params.caseOfficer)}::uuid`);
  if (params.localAuthority) where.push(`local_authority_code = ${arg(params.localAuthority)}`);
  if (params.wimdDecile) where.push(`wimd_decile = ${arg(Number(params.wimdDecile))}::int`);
  if (params.wimdDecileMax) where.push(`wimd_decile <= ${arg(Number(params.wimdDecileMax))}::int`);
  if (params.tier) where.push(`tier = ${arg(params.tier)}`);
  if (params.organisation) where.push(`organisation_id = ${arg(params.organisation)}::uuid`);
  if (params.overdue === 'true') {
    where.push(`((stage_due_at < ${arg(now)}::timestamptz AND clock_paused = false) OR applicant_due_at < ${arg(now)}::timestamptz)`);
  } else if (params.overdue === 'false') {
    where.push(`(stage_due_at IS NULL OR stage_due_at >= ${arg(now)}::timestamptz OR clock_paused = true)`, `(applicant_due_at IS NULL OR applicant_due_at >= ${arg(now)}::timestamptz)`);
  }
  if (cursor?.sort === 'reference') where.push(`reference > ${arg(cursor.reference)}`);
  if (cursor?.sort === 'updated') {
    const at = new Date(cursor.updatedAt);
    where.push(`updated_at <= ${arg(at)}::timestamptz AND (updated_at < ${arg(at)}::timestamptz OR reference < ${arg(cursor.reference)})`);
  }
  if (statuses.length > 0 && split !== 'status') where.push(isIn('status', statuses));
  if (stages.length > 0 && split !== 'stage') where.push(isIn('stage', stages));

  const from = (and: string[]) => `FROM application${and.length > 0 ? ` WHERE ${and.join(' AND ')}` : ''}`;
  if (count) return { text: `SELECT count(*)::int AS n ${from(where)}`, values };
  const order = updated ? 'updated_at DESC, reference DESC' : 'reference';
  if (split === null) return { text: `SELECT ${columns} ${from(where)} ORDER BY ${order} LIMIT ${arg(limit)}${offset ? ` OFFSET ${offset}` : ''}`, values };
  // The branches share the filters' parameters where Prisma.sql repeats them: the same values, so the same plan.
  const branches = (split === 'status' ? statuses : stages).map((value) => `(SELECT ${columns} ${from([isIn(split, [value]), ...where])} ORDER BY reference LIMIT ${arg(limit)})`);
  return { text: `SELECT * FROM (${branches.join(' UNION ALL ')}) AS page ORDER BY reference LIMIT ${arg(limit)}`, values };
}
