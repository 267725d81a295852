import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authenticate } from '../../src/api/authenticate.js';
import { problemHandler } from '../../src/api/problem.js';
import { registerRoutes } from '../../src/api/route-table.js';
import { applicationFeedRoutes } from '../../src/api/routes/application-feeds.js';
import type { PrismaClient } from '../../src/db/prisma.js';
import { eventWording, type CfpEventType } from '../../src/domain/cfp/events.js';
import { staffGroupActionWording, staffEventWording, staffStatusWording } from '../../src/domain/cfp/staff-wording.js';
import { groupActionWording, stageFor, statusWording, type GroupAction, type CfpStatus } from '../../src/domain/cfp/status.js';
import { CaseEventFeeds } from '../../src/operations/case-event-feeds.js';
import { startTestSystem, type TestSystem } from '../support/app.js';
import { eventStream } from '../support/event-stream.js';
import { eventually, listen, type TestServer } from '../support/http.js';
import { createOrganisation, createPerson, mintApiToken, testAuthSettings, type TestOrganisation } from '../support/people.js';

// Lists, timelines and the live event feed of applications, over the real app. Rows are written straight
// into the read model (application, case_event), as the workflow's event activity would write them, so each
// shape of case is one insert rather than a workflow driven through its stages.

const day = 24 * 60 * 60 * 1000;
const now = Date.now();
const past = new Date(now - day);
const future = new Date(now + day);

interface Row {
  reference: string;
  group: 'A' | 'B' | 'C' | 'D';
  status: CfpStatus;
  programme?: string;
  decile: number | null;
  authority: [string, string] | null;
  tier: 'small' | 'large' | null;
  officer: 'officer1' | 'officer2' | null;
  stageDueAt?: Date;
  clockPaused?: boolean;
  applicantAction?: GroupAction;
  applicantDueAt?: Date;
  awardedPence?: number;
  /** Minutes before the fixture's base time. */
  updatedMinutesAgo: number;
}

const anglesey: [string, string] = ['W06000001', 'Isle of Anglesey'];
const gwynedd: [string, string] = ['W06000002', 'Gwynedd'];
const cardiff: [string, string] = ['W06000015', 'Cardiff'];
const newport: [string, string] = ['W06000022', 'Newport'];

const rows: Row[] = [
  {
    reference: 'CFP-2026-100001',
    group: 'A',
    status: 'eoi_draft',
    decile: 1,
    authority: anglesey,
    tier: null,
    officer: null,
    applicantAction: 'send_eoi',
    updatedMinutesAgo: 80,
  },
  {
    reference: 'CFP-2026-100002',
    group: 'A',
    status: 'assessment',
    decile: 2,
    authority: cardiff,
    tier: 'small',
    officer: 'officer1',
    stageDueAt: past,
    updatedMinutesAgo: 70,
  },
  {
    reference: 'CFP-2026-100003',
    group: 'A',
    status: 'assessment',
    decile: 5,
    authority: cardiff,
    tier: 'large',
    officer: 'officer2',
    stageDueAt: past,
    clockPaused: true,
    applicantAction: 'answer_information_request',
    applicantDueAt: future,
    updatedMinutesAgo: 30,
  },
  {
    reference: 'CFP-2026-100004',
    group: 'B',
    status: 'offered',
    decile: 9,
    authority: anglesey,
    tier: 'small',
    officer: 'officer1',
    applicantAction: 'respond_to_offer',
    applicantDueAt: past,
    awardedPence: 1_500_000,
    // The same moment as 100003: the reference decides between them.
    updatedMinutesAgo: 30,
  },
  { reference: 'CFP-2026-100005', group: 'B', status: 'withdrawn', decile: 10, authority: gwynedd, tier: 'small', officer: 'officer1', updatedMinutesAgo: 60 },
  {
    reference: 'CFP-2026-100006',
    group: 'B',
    status: 'decision',
    decile: 3,
    authority: cardiff,
    tier: 'large',
    officer: 'officer2',
    stageDueAt: future,
    updatedMinutesAgo: 10,
  },
  {
    reference: 'CFP-2026-100007',
    group: 'C',
    status: 'eoi_screening',
    decile: 4,
    authority: anglesey,
    tier: null,
    officer: 'officer1',
    stageDueAt: future,
    updatedMinutesAgo: 50,
  },
  {
    reference: 'CFP-2026-100008',
    group: 'C',
    status: 'accepted',
    decile: 7,
    authority: newport,
    tier: 'small',
    officer: 'officer2',
    awardedPence: 1_800_000,
    updatedMinutesAgo: 40,
  },
  // Another programme's case, to show programme-scoped staff do not see it.
  {
    reference: 'CAT-2026-000001',
    group: 'C',
    status: 'assessment',
    programme: 'CAT',
    decile: 6,
    authority: cardiff,
    tier: 'large',
    officer: 'officer1',
    stageDueAt: past,
    updatedMinutesAgo: 20,
  },
];

const everyReference = rows.map((row) => row.reference).sort();
const eventuallyTrue = (probe: () => boolean) => eventually(() => Promise.resolve(probe() ? true : undefined), 5_000);
const baseTime = new Date('2026-06-01T12:00:00.000Z').getTime();

describe('application lists, timelines and live events', () => {
  let system: TestSystem;
  let prisma: PrismaClient;
  const groups: Record<Row['group'], TestOrganisation> = {} as Record<Row['group'], TestOrganisation>;
  const tokens: Record<string, string> = {};
  const people: Record<string, string> = {};

  async function insertApplication(row: Row, organisation: TestOrganisation): Promise<void> {
    const officerId = row.officer ? people[row.officer] : null;
    await prisma.application.create({
      data: {
        reference: row.reference,
        programme: row.programme ?? 'CFP',
        policyVersion: 'CFP-2026',
        organisationId: organisation.id,
        organisationName: organisation.name,
        language: 'cy',
        projectTitle: `Prosiect ${row.reference}`,
        status: row.status,
        stage: stageFor(row.status),
        caseOfficerId: officerId ?? null,
        tier: row.tier,
        requestedPence: 2_000_000n,
        awardedPence: row.awardedPence === undefined ? null : BigInt(row.awardedPence),
        localAuthorityCode: row.authority?.[0] ?? null,
        localAuthorityName: row.authority?.[1] ?? null,
        wimdEdition: row.decile === null ? null : 'WIMD2019',
        wimdDecile: row.decile,
        stageDueAt: row.stageDueAt ?? null,
        clockPaused: row.clockPaused ?? false,
        applicantAction: row.applicantAction ?? null,
        applicantDueAt: row.applicantDueAt ?? null,
        // The workflow's whole state lives here; the lists never read it.
        snapshot: { reference: row.reference, status: row.status },
        lastEventSequence: 0,
        createdAt: new Date(baseTime - 24 * 60 * 60 * 1000),
        updatedAt: new Date(baseTime - row.updatedMinutesAgo * 60 * 1000),
      },
    });
  }

  async function addEvent(reference: string, sequence: number, type: CfpEventType, { status }: { status?: CfpStatus } = {}): Promise<void> {
    await prisma.$transaction(async (tx) => {
      await tx.caseEvent.create({
        data: {
          reference,
          sequence,
          type,
          occurredAt: new Date(baseTime + sequence * 60_000),
          payload: {},
          summaryCy: eventWording[type].cy,
          summaryEn: eventWording[type].en,
        },
      });
      await tx.application.update({
        where: { reference },
        data: { lastEventSequence: sequence, ...(status ? { status, stage: stageFor(status) } : {}) },
      });
    });
  }

  /** A case of its own for a test that changes it, removed afterwards so other tests' lists stay as written. */
  async function withOwnCase(row: Omit<Row, 'group'>, events: CfpEventType[], test: () => Promise<void>): Promise<void> {
    await insertApplication({ ...row, group: 'D' }, groups.D);
    try {
      for (const [index, type] of events.entries()) await addEvent(row.reference, index + 1, type);
      await test();
    } finally {
      await prisma.caseEvent.deleteMany({ where: { reference: row.reference } });
      await prisma.application.delete({ where: { reference: row.reference } });
    }
  }

  beforeAll(async () => {
    system = await startTestSystem();
    prisma = system.prisma;
    for (const name of ['A', 'B', 'C', 'D'] as const) groups[name] = await createOrganisation(prisma, { name: `Grŵp ${name}` });
    const adviceBody = await createOrganisation(prisma, { kind: 'adviser' });
    const persons: [string, Parameters<typeof createPerson>[1]][] = [
      ['administrator', { grants: [{ role: 'administrator' }] }],
      ['officer1', { grants: [{ role: 'caseworker' }] }],
      ['officer2', { grants: [{ role: 'caseworker' }] }],
      ['cfpAssessor', { grants: [{ role: 'assessor', programme: 'CFP' }] }],
      ['leadA', { language: 'cy', grants: [{ role: 'applicant_lead', organisationId: groups.A.id }] }],
      ['memberB', { grants: [{ role: 'applicant_member', organisationId: groups.B.id }] }],
      [
        'memberAC',
        {
          grants: [
            { role: 'applicant_member', organisationId: groups.A.id },
            { role: 'applicant_member', organisationId: groups.C.id },
          ],
        },
      ],
      ['leadD', { grants: [{ role: 'applicant_lead', organisationId: groups.D.id }] }],
      ['adviser', { grants: [{ role: 'adviser', organisationId: adviceBody.id }] }],
      ['financeOfficer', { grants: [{ role: 'finance_officer' }] }],
    ];
    for (const [name, options] of persons) {
      const person = await createPerson(prisma, options);
      people[name] = person.id;
      tokens[name] = await mintApiToken(prisma, person.id);
    }
    for (const row of rows) await insertApplication(row, groups[row.group]);
    await addEvent('CFP-2026-100001', 1, 'application.started');
    await addEvent('CFP-2026-100001', 2, 'eoi.saved');
    await addEvent('CFP-2026-100001', 3, 'eoi.saved');
    await addEvent('CFP-2026-100005', 1, 'application.started');
    await addEvent('CFP-2026-100005', 2, 'application.withdrawn');
  });

  afterAll(() => system?.stop());

  function get(who: string | undefined, path: string, headers: Record<string, string> = {}, signal?: AbortSignal): Promise<Response> {
    const token = who === undefined ? undefined : tokens[who];
    if (who !== undefined && !token) throw new Error(`no token for ${who}`);
    return fetch(`${system.url}${path}`, { headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers }, signal });
  }

  async function list(who: string, query = ''): Promise<{ items: Record<string, unknown>[]; nextCursor: string | null }> {
    const response = await get(who, `/api/applications${query ? `?${query}` : ''}`);
    if (response.status !== 200) throw new Error(`${query} as ${who}: ${response.status} ${await response.text()}`);
    return (await response.json()) as { items: Record<string, unknown>[]; nextCursor: string | null };
  }

  const references = async (who: string, query = '') => (await list(who, query)).items.map((item) => item.reference);

  describe('GET /api/applications', () => {
    it('lists every case to unscoped staff, in reference order, with the case officer', async () => {
      const page = await list('administrator', 'limit=100');
      expect(page.items.map((item) => item.reference)).toEqual(everyReference);
      expect(page.nextCursor).toBeNull();
      const offered = page.items.find((item) => item.reference === 'CFP-2026-100004');
      expect(offered).toEqual({
        reference: 'CFP-2026-100004',
        organisationId: groups.B.id,
        organisationName: 'Grŵp B',
        projectTitle: 'Prosiect CFP-2026-100004',
        status: 'offered',
        // Staff read the status and the group's next step in their own words.
        statusText: staffStatusWording.offered.en,
        stage: 'offer',
        tier: 'small',
        requestedPence: 2_000_000,
        awardedPence: 1_500_000,
        localAuthorityCode: 'W06000001',
        localAuthorityName: 'Isle of Anglesey',
        wimdDecile: 9,
        caseOfficerId: people.officer1,
        fastTrack: false,
        stageDueAt: null,
        clockPaused: false,
        slaBreached: false,
        groupAction: 'respond_to_offer',
        groupActionText: staffGroupActionWording.respond_to_offer.en,
        groupDueAt: past.toISOString(),
        updatedAt: new Date(baseTime - 30 * 60 * 1000).toISOString(),
      });
    });

    it('lists to programme-scoped staff only the cases of their programme', async () => {
      expect(await references('cfpAssessor', 'limit=100')).toEqual(everyReference.filter((reference) => reference.startsWith('CFP-')));
    });

    it.each([
      ['status=assessment', ['CAT-2026-000001', 'CFP-2026-100002', 'CFP-2026-100003']],
      ['status=offered,accepted', ['CFP-2026-100004', 'CFP-2026-100008']],
      ['stage=closed', ['CFP-2026-100005', 'CFP-2026-100008']],
      ['stage=eoi,decision', ['CFP-2026-100001', 'CFP-2026-100006', 'CFP-2026-100007']],
      ['localAuthorityCode=W06000015', ['CAT-2026-000001', 'CFP-2026-100002', 'CFP-2026-100003', 'CFP-2026-100006']],
      ['wimdDecile=5', ['CFP-2026-100003']],
      ['wimdDecileMax=3', ['CFP-2026-100001', 'CFP-2026-100002', 'CFP-2026-100006']],
      ['tier=large', ['CAT-2026-000001', 'CFP-2026-100003', 'CFP-2026-100006']],
      // Past its service level with the clock running, or past the group's own deadline; 100003's clock is paused.
      ['overdue=true', ['CAT-2026-000001', 'CFP-2026-100002', 'CFP-2026-100004']],
      ['overdue=false', ['CFP-2026-100001', 'CFP-2026-100003', 'CFP-2026-100005', 'CFP-2026-100006', 'CFP-2026-100007', 'CFP-2026-100008']],
      ['status=assessment&localAuthorityCode=W06000015&wimdDecileMax=5', ['CFP-2026-100002', 'CFP-2026-100003']],
    ])('narrows the list by %s', async (query, expected) => {
      expect(await references('administrator', query)).toEqual(expected);
    });

    it('narrows the list by group and by case officer (by id, or `me`)', async () => {
      expect(await references('administrator', `organisationId=${groups.B.id}`)).toEqual(['CFP-2026-100004', 'CFP-2026-100005', 'CFP-2026-100006']);
      expect(await references('administrator', `caseOfficerId=${people.officer2}`)).toEqual(['CFP-2026-100003', 'CFP-2026-100006', 'CFP-2026-100008']);
      expect(await references('officer1', 'caseOfficerId=me')).toEqual([
        'CAT-2026-000001',
        'CFP-2026-100002',
        'CFP-2026-100004',
        'CFP-2026-100005',
        'CFP-2026-100007',
      ]);
      expect(await references('administrator', 'caseOfficerId=me')).toEqual([]);
    });

    it('lists the cases nobody has been assigned yet (caseOfficerId=none)', async () => {
      const unassigned = [
        ...(await prisma.application.findMany({ where: { caseOfficerId: null }, select: { reference: true } })),
        ...(await prisma.transfer.findMany({ where: { caseOfficerId: null }, select: { reference: true } })),
      ].map((row) => row.reference);
      const expected = everyReference.filter((reference) => unassigned.includes(reference));
      expect(expected.length).toBeGreaterThan(0);
      expect(await references('administrator', 'caseOfficerId=none&limit=100')).toEqual(expected);
      expect((await get('leadA', '/api/applications?caseOfficerId=none')).status).toBe(403);
    });

    it('walks every case exactly once, two at a time, in reference order', async () => {
      const seen: unknown[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const page: Awaited<ReturnType<typeof list>> = await list('administrator', `limit=2${cursor ? `&cursor=${cursor}` : ''}`);
        expect(page.items.length).toBeLessThanOrEqual(2);
        seen.push(...page.items.map((item) => item.reference));
        cursor = page.nextCursor;
        pages += 1;
      } while (cursor !== null && pages < 20);
      expect(seen).toEqual(everyReference);
      expect(pages).toBe(Math.ceil(everyReference.length / 2));
    });

    it('walks every case exactly once by most recent change, ties broken by reference', async () => {
      const expected = [...rows]
        .sort((a, b) => a.updatedMinutesAgo - b.updatedMinutesAgo || b.reference.localeCompare(a.reference))
        .map((row) => row.reference);
      const seen: unknown[] = [];
      let cursor: string | null = null;
      do {
        const page: Awaited<ReturnType<typeof list>> = await list('administrator', `sort=updated&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
        seen.push(...page.items.map((item) => item.reference));
        cursor = page.nextCursor;
      } while (cursor !== null && seen.length < 50);
      expect(seen).toEqual(expected);
      // 100003 and 100004 were changed at the same moment, and fall across a page boundary here.
      expect(expected.indexOf('CFP-2026-100004') + 1).toBe(expected.indexOf('CFP-2026-100003'));
    });

    it('pages a filtered list with the filter kept', async () => {
      const first = await list('administrator', 'overdue=false&limit=4');
      expect(first.items.map((item) => item.reference)).toEqual(['CFP-2026-100001', 'CFP-2026-100003', 'CFP-2026-100005', 'CFP-2026-100006']);
      const second = await list('administrator', `overdue=false&limit=4&cursor=${first.nextCursor}`);
      expect(second.items.map((item) => item.reference)).toEqual(['CFP-2026-100007', 'CFP-2026-100008']);
      expect(second.nextCursor).toBeNull();
    });

    /** Every page of `query`, `limit` at a time, following the cursor: the references in the order listed. */
    async function walk(who: string, query: string, limit: number): Promise<unknown[]> {
      const seen: unknown[] = [];
      let cursor: string | null = null;
      do {
        const page: Awaited<ReturnType<typeof list>> = await list(who, `${query}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
        expect(page.items.length).toBeLessThanOrEqual(limit);
        seen.push(...page.items.map((item) => item.reference));
        cursor = page.nextCursor;
      } while (cursor !== null && seen.length < 50);
      return seen;
    }

    // Several statuses (or stages) in reference order are read one status at a time and merged: the pages
    // must come out as one list, each case once, across the boundaries between statuses.
    it.each([
      ['status=assessment,offered,accepted', 2, ['CAT-2026-000001', 'CFP-2026-100002', 'CFP-2026-100003', 'CFP-2026-100004', 'CFP-2026-100008']],
      ['status=accepted,offered,assessment,offered', 1, ['CAT-2026-000001', 'CFP-2026-100002', 'CFP-2026-100003', 'CFP-2026-100004', 'CFP-2026-100008']],
      ['stage=closed,eoi,decision', 2, ['CFP-2026-100001', 'CFP-2026-100005', 'CFP-2026-100006', 'CFP-2026-100007', 'CFP-2026-100008']],
      ['status=assessment,withdrawn&stage=assessment,closed', 2, ['CAT-2026-000001', 'CFP-2026-100002', 'CFP-2026-100003', 'CFP-2026-100005']],
      ['status=assessment,offered&localAuthorityCode=W06000015', 1, ['CAT-2026-000001', 'CFP-2026-100002', 'CFP-2026-100003']],
      ['status=assessment,offered,decision&overdue=true', 1, ['CAT-2026-000001', 'CFP-2026-100002', 'CFP-2026-100004']],
      ['status=eoi_draft,offered,decision&overdue=false', 1, ['CFP-2026-100001', 'CFP-2026-100006']],
      ['overdue=true', 1, ['CAT-2026-000001', 'CFP-2026-100002', 'CFP-2026-100004']],
      ['status=assessment,offered&sort=updated', 2, ['CAT-2026-000001', 'CFP-2026-100004', 'CFP-2026-100003', 'CFP-2026-100002']],
    ])('walks %s, %i at a time, each case once', async (query, limit, expected) => {
      expect(await walk('administrator', query, limit)).toEqual(expected);
    });

    it('keeps to the reader’s cases when it lists several statuses', async () => {
      expect(await walk('cfpAssessor', 'status=assessment,offered', 1)).toEqual(['CFP-2026-100002', 'CFP-2026-100003', 'CFP-2026-100004']);
      expect(await walk('memberAC', 'status=assessment,accepted,offered', 1)).toEqual([
        'CAT-2026-000001',
        'CFP-2026-100002',
        'CFP-2026-100003',
        'CFP-2026-100008',
      ]);
      expect(await walk('leadA', 'stage=eoi,assessment', 2)).toEqual(['CFP-2026-100001', 'CFP-2026-100002', 'CFP-2026-100003']);
      expect(await walk('officer1', 'caseOfficerId=me&status=assessment,offered,withdrawn', 2)).toEqual([
        'CAT-2026-000001',
        'CFP-2026-100002',
        'CFP-2026-100004',
        'CFP-2026-100005',
      ]);
    });

    it('shows an applicant only their own groups’ cases, in their language, without the case officer', async () => {
      const page = await list('leadA');
      expect(page.items.map((item) => item.reference)).toEqual(['CFP-2026-100001', 'CFP-2026-100002', 'CFP-2026-100003']);
      for (const item of page.items) expect(item).not.toHaveProperty('caseOfficerId');
      const informationAsked = page.items.find((item) => item.reference === 'CFP-2026-100003');
      expect(informationAsked).toMatchObject({
        statusText: statusWording.assessment.cy,
        groupAction: 'answer_information_request',
        groupActionText: groupActionWording.answer_information_request.cy,
        groupDueAt: future.toISOString(),
        clockPaused: true,
      });

      expect(await references('memberB')).toEqual(['CFP-2026-100004', 'CFP-2026-100005', 'CFP-2026-100006']);
      // Two groups, so both groups' cases, whatever the programme.
      expect(await references('memberAC')).toEqual([
        'CAT-2026-000001',
        'CFP-2026-100001',
        'CFP-2026-100002',
        'CFP-2026-100003',
        'CFP-2026-100007',
        'CFP-2026-100008',
      ]);
      expect(await references('leadA', 'status=assessment')).toEqual(['CFP-2026-100002', 'CFP-2026-100003']);
      expect(await references('leadA', `organisationId=${groups.B.id}`)).toEqual([]);
    });

    it('does not let an applicant find out who the case officer is by filtering on it', async () => {
      const response = await get('leadA', `/api/applications?caseOfficerId=${people.officer1}`);
      expect(response.status).toBe(403);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    });

    it('lists nothing to an adviser (not yet invited onto any case) or to finance staff', async () => {
      expect(await list('adviser')).toEqual({ items: [], nextCursor: null });
      expect(await list('financeOfficer')).toEqual({ items: [], nextCursor: null });
    });

    it('refuses the anonymous with 401', async () => {
      const response = await get(undefined, '/api/applications');
      expect(response.status).toBe(401);
    });

    it.each([
      'status=nonsense',
      'status=assessment,',
      'status=assessment&status=offered',
      'stage=somewhere',
      'caseOfficerId=someone',
      'localAuthorityCode=E06000001',
      'wimdDecile=0',
      'wimdDecile=11',
      'wimdDecile=ten',
      'wimdDecileMax=11',
      'tier=medium',
      'overdue=yes',
      'organisationId=123',
      'sort=title',
      'limit=0',
      'limit=101',
      'limit=many',
      'colour=blue',
      'cursor=not-a-cursor',
      `cursor=${Buffer.from(JSON.stringify({ sort: 'reference', reference: 5 })).toString('base64url')}`,
      // A cursor from the reference order used with the other order.
      `sort=updated&cursor=${Buffer.from(JSON.stringify({ sort: 'reference', reference: 'CFP-2026-100002' })).toString('base64url')}`,
      `cursor=${'A'.repeat(600)}`,
    ])('answers a bad query (%s) with 400 problem details', async (query) => {
      const response = await get('administrator', `/api/applications?${query}`);
      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(await response.json()).toMatchObject({ status: 400, type: 'https://cymuned.example/problems/invalid-input' });
    });
  });

  describe('GET /api/applications/:reference/timeline', () => {
    it('tells a Welsh reader what happened in Welsh, oldest first', async () => {
      const response = await get('leadA', '/api/applications/CFP-2026-100001/timeline');
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({
        timeline: [
          { sequence: 1, at: new Date(baseTime + 60_000).toISOString(), type: 'application.started', summary: eventWording['application.started'].cy },
          { sequence: 2, at: new Date(baseTime + 120_000).toISOString(), type: 'eoi.saved', summary: eventWording['eoi.saved'].cy },
          { sequence: 3, at: new Date(baseTime + 180_000).toISOString(), type: 'eoi.saved', summary: eventWording['eoi.saved'].cy },
        ],
      });
    });

    it('tells an English reader the same in English (staff in their own words)', async () => {
      const { timeline } = (await (await get('administrator', '/api/applications/CFP-2026-100001/timeline')).json()) as { timeline: { summary: string }[] };
      expect(timeline.map((entry) => entry.summary)).toEqual([
        staffEventWording['application.started'].en,
        staffEventWording['eoi.saved'].en,
        staffEventWording['eoi.saved'].en,
      ]);
    });

    it('hides another group’s timeline and finance staff’s (404, as for no case), refuses the anonymous (401)', async () => {
      expect((await get('memberB', '/api/applications/CFP-2026-100001/timeline')).status).toBe(404);
      expect((await get(undefined, '/api/applications/CFP-2026-100001/timeline')).status).toBe(401);
      expect((await get('financeOfficer', '/api/applications/CFP-2026-100001/timeline')).status).toBe(404);
      expect((await get('administrator', '/api/applications/CFP-2026-999999/timeline')).status).toBe(404);
    });
  });

  describe('GET /api/applications/:reference/events', () => {
    async function open(who: string | undefined, path: string, headers: Record<string, string> = {}) {
      const controller = new AbortController();
      const response = await get(who, path, headers, controller.signal);
      return { response, stream: eventStream(response, controller) };
    }

    it('sends the events so far, then each new one as it is recorded, in the reader’s language', async () => {
      await withOwnCase(
        { reference: 'CFP-2026-200001', status: 'assessment', decile: 3, authority: cardiff, tier: 'small', officer: 'officer1', updatedMinutesAgo: 5 },
        ['application.started', 'eoi.submitted'],
        async () => {
          const leadD = await createPerson(prisma, { language: 'cy', grants: [{ role: 'applicant_lead', organisationId: groups.D.id }] });
          tokens.welshLeadD = await mintApiToken(prisma, leadD.id);
          const { response, stream } = await open('welshLeadD', '/api/applications/CFP-2026-200001/events');
          try {
            expect(response.status).toBe(200);
            expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
            expect(response.headers.get('cache-control')).toMatch(/no-store/);
            await stream.readUntil(() => stream.events().length >= 2);
            expect(stream.events()[0]).toMatchObject({
              id: '1',
              event: 'application.started',
              json: {
                sequence: 1,
                type: 'application.started',
                at: new Date(baseTime + 60_000).toISOString(),
                summary: eventWording['application.started'].cy,
                status: 'assessment',
              },
            });

            await addEvent('CFP-2026-200001', 3, 'assessment.scored');
            await stream.readUntil(() => stream.events().length >= 3);
            expect(stream.events().map((event) => [event.id, event.event, event.json.summary])).toEqual([
              ['1', 'application.started', eventWording['application.started'].cy],
              ['2', 'eoi.submitted', eventWording['eoi.submitted'].cy],
              ['3', 'assessment.scored', eventWording['assessment.scored'].cy],
            ]);
          } finally {
            stream.close();
          }
        },
      );
    });

    it('resumes after Last-Event-ID (or ?after=, the header winning), sending only later events', async () => {
      await withOwnCase(
        { reference: 'CFP-2026-200002', status: 'decision', decile: 3, authority: cardiff, tier: 'small', officer: 'officer1', updatedMinutesAgo: 5 },
        ['application.started', 'eoi.submitted', 'eoi.invited', 'full_application.submitted'],
        async () => {
          const path = '/api/applications/CFP-2026-200002/events';
          for (const [headers, query, first] of [
            [{ 'last-event-id': '2' }, '', '3'],
            [{}, '?after=3', '4'],
            [{ 'last-event-id': '1' }, '?after=3', '2'],
          ] as const) {
            const { response, stream } = await open('leadD', `${path}${query}`, headers);
            try {
              expect(response.status).toBe(200);
              await stream.readUntil(() => stream.events().some((event) => event.id === '4'));
              expect(stream.events().map((event) => event.id)).toEqual(['1', '2', '3', '4'].slice(Number(first) - 1));
            } finally {
              stream.close();
            }
          }
        },
      );
    });

    it('ends the stream once a closed case’s events have all been sent', async () => {
      const { response, stream } = await open('memberB', '/api/applications/CFP-2026-100005/events');
      expect(response.status).toBe(200);
      await stream.readToEnd();
      expect(stream.ended).toBe(true);
      expect(stream.events().map((event) => [event.id, event.json.status])).toEqual([
        ['1', 'withdrawn'],
        ['2', 'withdrawn'],
      ]);
    });

    it('ends a live stream when the case closes', async () => {
      await withOwnCase(
        { reference: 'CFP-2026-200003', status: 'decision', decile: 3, authority: cardiff, tier: 'small', officer: 'officer1', updatedMinutesAgo: 5 },
        ['application.started'],
        async () => {
          const { stream } = await open('administrator', '/api/applications/CFP-2026-200003/events');
          try {
            await stream.readUntil(() => stream.events().length >= 1);
            await addEvent('CFP-2026-200003', 2, 'decision.rejected', { status: 'rejected' });
            await stream.readToEnd();
            expect(stream.ended).toBe(true);
            // Each event carries the status the case had when it was read.
            expect(stream.events().map((event) => [event.event, event.json.status])).toEqual([
              ['application.started', 'decision'],
              ['decision.rejected', 'rejected'],
            ]);
          } finally {
            stream.close();
          }
        },
      );
    });

    it('refuses before any stream byte: another group 404, the anonymous 401, finance staff (whose roles do not reach applications) 404, a bad position 400', async () => {
      const path = '/api/applications/CFP-2026-100001/events';
      for (const [who, headers, status] of [
        ['memberB', {}, 404],
        [undefined, {}, 401],
        ['financeOfficer', {}, 404],
        ['leadA', { 'last-event-id': 'soon' }, 400],
      ] as const) {
        const response = await get(who, path, headers);
        expect(response.status, `${who}`).toBe(status);
        expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
        await response.body?.cancel();
      }
      expect((await get('leadA', `${path}?after=-1`)).status).toBe(400);
      expect((await get('leadA', '/api/applications/CFP-2026-999999/events')).status).toBe(404);
    });

    it('stops following as soon as the reader goes away', async () => {
      await withOwnCase(
        { reference: 'CFP-2026-200004', status: 'assessment', decile: 3, authority: cardiff, tier: 'small', officer: 'officer1', updatedMinutesAgo: 5 },
        [],
        async () => {
          const feeds = new CaseEventFeeds(prisma, 60_000);
          const reader = new AbortController();
          const events = feeds.follow('CFP-2026-200004', 0, reader.signal);
          const next = events.next();
          setTimeout(() => reader.abort(), 200);
          const started = Date.now();
          expect(await next).toEqual({ done: true, value: undefined });
          expect(Date.now() - started).toBeLessThan(5_000);
          // Nobody follows the case now, so nothing reads it.
          await eventuallyTrue(() => feeds.stats().cases === 0);
        },
      );
    });

    it('writes a keep-alive comment while nothing happens', async () => {
      // The same routes with a short heartbeat, behind the same authentication and error handling.
      const app = express();
      const auth = testAuthSettings();
      app.use(authenticate({ prisma, auth }));
      const router = express.Router();
      registerRoutes(router, applicationFeedRoutes({ prisma, auth, caseEventFeed: { heartbeatMs: 100, pollIntervalMs: 50 } }));
      app.use(router);
      app.use(problemHandler);
      const server: TestServer = await listen(app);
      try {
        await withOwnCase(
          { reference: 'CFP-2026-200005', status: 'assessment', decile: 3, authority: cardiff, tier: 'small', officer: 'officer1', updatedMinutesAgo: 5 },
          ['application.started'],
          async () => {
            const controller = new AbortController();
            const response = await fetch(`${server.url}/api/applications/CFP-2026-200005/events`, {
              headers: { authorization: `Bearer ${tokens.leadD}` },
              signal: controller.signal,
            });
            const stream = eventStream(response, controller);
            try {
              await stream.readUntil(() => stream.frames.filter((frame) => frame.comment === 'keep-alive').length >= 2, 5_000);
              expect(stream.events().map((event) => event.id)).toEqual(['1']);
            } finally {
              stream.close();
            }
          },
        );
      } finally {
        await server.close();
      }
    });
  });
});
