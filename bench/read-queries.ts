// The list requests the reads benchmark times. Its baseline is the SQL the list itself builds
// (applicationPageQuery in src/operations/applications/list-applications.ts), sent to PostgreSQL alone.

export interface ReadQuery {
  name: string;
  who: 'caseworker' | 'applicant';
  /** GET /api/applications query parameters, besides the cursor. */
  params: Record<string, string>;
  /** A page from the middle of the matching cases (through a cursor), rather than the first. */
  deep?: boolean;
}

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
    { name: 'caseOfficerId=me', who: 'caseworker', params: { caseOfficerId: 'me' } },
    { name: 'caseOfficerId=me, deep page', who: 'caseworker', params: { caseOfficerId: 'me' }, deep: true },
    { name: 'caseOfficerId=me, latest changed', who: 'caseworker', params: { caseOfficerId: 'me', sort: 'updated' } },
    { name: `localAuthorityCode=${cardiff}`, who: 'caseworker', params: { localAuthorityCode: cardiff } },
    { name: `localAuthorityCode=${cardiff}, deep page`, who: 'caseworker', params: { localAuthorityCode: cardiff }, deep: true },
    { name: 'wimdDecile=1', who: 'caseworker', params: { wimdDecile: '1' } },
    { name: 'wimdDecileMax=2, deep page', who: 'caseworker', params: { wimdDecileMax: '2' }, deep: true },
    { name: 'tier=small', who: 'caseworker', params: { tier: 'small' } },
    { name: 'overdue=true', who: 'caseworker', params: { overdue: 'true' } },
    { name: 'overdue=true, deep page', who: 'caseworker', params: { overdue: 'true' }, deep: true },
    { name: 'overdue=false', who: 'caseworker', params: { overdue: 'false' } },
    { name: 'organisationId=<a group>', who: 'caseworker', params: { organisationId: group } },
    {
      name: 'stage=assessment, LA, wimdDecileMax=3, latest changed',
      who: 'caseworker',
      params: { stage: 'assessment', localAuthorityCode: cardiff, wimdDecileMax: '3', sort: 'updated' },
    },
    { name: 'own group', who: 'applicant', params: {} },
    { name: 'own group, page 2', who: 'applicant', params: {}, deep: true },
    { name: 'own group, latest changed', who: 'applicant', params: { sort: 'updated' } },
    { name: 'own group, status=accepted', who: 'applicant', params: { status: 'accepted' } },
    { name: 'own group, overdue=true', who: 'applicant', params: { overdue: 'true' } },
  ];
}

export const pageSize = 25;
