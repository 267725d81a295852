import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TransferStatus } from '../../src/domain/cat/status.js';
import { stageOf } from '../../src/domain/cat/status.js';
import { shiftInWales } from '../../src/domain/wales-calendar.js';
import { readableDate } from '../../src/domain/wales-time.js';
import type { TransferState } from '../../src/workflows/asset-transfer.messages.js';
import { startTestSystem, type TestSystem } from '../support/app.js';
import { insertAsset } from '../support/cat.js';
import { eventStream } from '../support/event-stream.js';
import { eventually } from '../support/http.js';
import { createOrganisation, createPerson, sessionHeaders, signInOverHttp, type WebSession } from '../support/people.js';

// Community asset transfers over real HTTP, a real worker, Temporal and PostgreSQL: a group starts one on
// an asset of a council's register and the council works it; lists, filters and pages; refusals (bad input,
// wrong stage, wrong decider, another group's case) as problem+json that change nothing; the timeline in
// the reader's language; and a CFP grant resting its security of tenure on the group's transfer.

interface Organisation {
  id: string;
  name: string;
}

describe('Community asset transfers API', () => {
  let system: TestSystem;
  const sessions: Record<string, WebSession> = {};
  const ids: Record<string, string> = {};
  let group: Organisation;
  let otherGroup: Organisation;
  let council: Organisation;
  let dyffrynTeg: Organisation;
  let assetId: string;

  beforeAll(async () => {
    system = await startTestSystem();
    group = await createOrganisation(system.prisma, { name: 'Cymdeithas Neuadd Llanfair' });
    otherGroup = await createOrganisation(system.prisma, { name: 'Clwb Pêl-droed Llanfair' });
    council = await createOrganisation(system.prisma, { name: 'Cyngor Sir Ynys Môn', kind: 'public_body' });
    // A council with its own process in config/transfers/processes.json (no enquiry stage; the director decides).
    dyffrynTeg = await system.prisma.organisation.create({
      data: { name: 'Cyngor Sir Dyffryn Teg', kind: 'public_body', orgId: 'GB-LAE-DYT' },
      select: { id: true, name: true },
    });
    assetId = (await insertAsset(system.prisma, council.id, { name: 'Hen Ysgol Llanfair' })).id;
    const people: [string, Parameters<typeof createPerson>[1]][] = [
      ['lead', { grants: [{ role: 'applicant_lead', organisationId: group.id }] }],
      ['member', { language: 'cy', grants: [{ role: 'applicant_member', organisationId: group.id }] }],
      ['otherLead', { grants: [{ role: 'applicant_lead', organisationId: otherGroup.id }] }],
      ['officer', { grants: [{ role: 'asset_officer', organisationId: council.id }] }],
      ['secondOfficer', { grants: [{ role: 'asset_officer', organisationId: council.id }] }],
      ['dytOfficer', { grants: [{ role: 'asset_officer', organisationId: dyffrynTeg.id }] }],
      ['caseworker', { grants: [{ role: 'caseworker' }] }],
    ];
    for (const [name, options] of people) {
      const person = await createPerson(system.prisma, options);
      ids[name] = person.id;
      sessions[name] = await signInOverHttp(system.url, person);
    }
  });

  afterAll(() => system?.stop());

  async function call(who: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    const session = sessions[who];
    if (!session) throw new Error(`no session ${who}`);
    const response = await fetch(`${system.url}${path}`, {
      method,
      headers: { 'content-type': 'application/json', 'accept-language': 'en', ...sessionHeaders(session), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const type = response.headers.get('content-type') ?? '';
    const json = type.includes('json') ? ((await response.json()) as Record<string, unknown>) : undefined;
    return { status: response.status, type, json, response };
  }

  async function start(who = 'lead', asset = assetId): Promise<string> {
    const started = await call(who, 'POST', '/api/transfers', {
      assetId: asset,
      language: 'cy',
      proposedUse: 'Canolfan gymunedol a chaffi',
      message: 'Hoffem sgwrsio am yr hen ysgol',
    });
    expect(started.status).toBe(201);
    return String(started.json?.reference);
  }

  /** A transfer invited past its enquiry, waiting for the group's expression of interest. */
  async function invited(): Promise<string> {
    const reference = await start();
    const answered = await call('officer', 'POST', `/api/transfers/${reference}/enquiry-response`, { outcome: 'invite', reasons: 'Croeso' });
    expect(answered.json).toMatchObject({ status: 'expression_of_interest' });
    return reference;
  }

  const events = (reference: string) => system.prisma.caseEvent.count({ where: { reference } });

  /** Sends a command and expects it taken, leaving the case in `status`. */
  async function step(who: string, reference: string, path: string, body: unknown, status: string) {
    const sent = await call(who, 'POST', `/api/transfers/${reference}${path}`, body);
    expect({ path, status: sent.status, detail: sent.json?.detail }).toEqual({ path, status: 200, detail: undefined });
    expect(sent.json).toMatchObject({ status });
  }

  const allDocuments = ['governing_document', 'business_plan', 'financial_projections', 'insurance'].map((kind) => ({ kind, title: `Dogfen ${kind}` }));

  /**
   * A transfer on an asset of its own, under the council's (default) process, from its start to legal
   * completion: evaluated and its heads of terms agreed as `terms` (a 25-year lease unless given).
   */
  async function atLegalCompletion(
    terms: { kind: string; termYears: number | null } = { kind: 'lease', termYears: 25 },
  ): Promise<{ reference: string; assetId: string }> {
    const asset = await insertAsset(system.prisma, council.id, { name: 'Hen Gapel y Bryn' });
    const reference = await start('lead', asset.id);
    await step('officer', reference, '/enquiry-response', { outcome: 'invite', reasons: 'Croeso' }, 'expression_of_interest');
    await step(
      'lead',
      reference,
      '/eoi/submission',
      { proposedUse: 'Canolfan', communityBenefit: 'Lle i bawb', documents: allDocuments },
      'initial_assessment',
    );
    await step(
      'officer',
      reference,
      '/gate-decisions',
      { gate: 'initial_assessment', decidedBy: 'steering_group', outcome: 'proceed', reasons: 'Da' },
      'business_plan',
    );
    await step('lead', reference, '/business-plan', { summary: 'Cynllun pum mlynedd', documents: allDocuments }, 'evaluation');
    await step(
      'officer',
      reference,
      '/evaluation',
      {
        marketValuePence: 9_000_000,
        valuer: 'Prisiwr Dosbarth',
        considerationPence: 100,
        tenure: terms,
        repairingObligations: 'Atgyweirio llawn',
        wellBeingJustification: 'Lles cymdeithasol y pentref',
      },
      'decision',
    );
    await step(
      'officer',
      reference,
      '/gate-decisions',
      { gate: 'decision', decidedBy: 'cabinet', outcome: 'proceed', reasons: 'Cymeradwywyd', minuteReference: 'Cabinet 7' },
      'heads_of_terms',
    );
    await step('officer', reference, '/heads-of-terms', { decidedBy: 'section_151_officer', summary: 'Rhent hedyn pupur', tenure: terms }, 'legal_completion');
    return { reference, assetId: asset.id };
  }

  it('refuses a completion on other terms than the heads of terms (409, changing nothing), and records a variation agreed by their decider', async () => {
    const { reference } = await atLegalCompletion({ kind: 'lease', termYears: 25 });
    const before = await events(reference);
    const twenty = { decidedBy: 'monitoring_officer', tenure: { kind: 'lease', termYears: 20 }, completedOn: '2026-11-23' };
    const refused = await call('officer', 'POST', `/api/transfers/${reference}/completion`, twenty);
    expect(refused.status).toBe(409);
    expect(refused.type).toContain('application/problem+json');
    expect(refused.json?.detail).toBe(
      'The heads of terms agreed a 25-year lease, not a 20-year lease: complete on the agreed terms, or give the variation agreed and who in the body agreed it (variation)',
    );
    const cymraeg = await call('officer', 'POST', `/api/transfers/${reference}/completion`, twenty, { 'accept-language': 'cy' });
    expect(cymraeg.json?.detail).toBe(
      'Yn ôl penawdau’r telerau, prydles 25 mlynedd yw’r daliadaeth, nid prydles 20 mlynedd: cwblhewch ar y telerau a gytunwyd, neu rhowch yr amrywiad a gytunwyd a phwy yn y corff a’i cytunodd (variation)',
    );
    const wrongDecider = await call('officer', 'POST', `/api/transfers/${reference}/completion`, {
      ...twenty,
      variation: { agreedBy: 'director', reasons: 'Cais y benthyciwr' },
    });
    expect(wrongDecider.status).toBe(403);
    expect(wrongDecider.json?.detail).toBe('In this body, the section 151 officer agrees changes to the heads of terms');
    expect(
      (await call('officer', 'POST', `/api/transfers/${reference}/completion`, { ...twenty, variation: { agreedBy: 'section_151_officer' } })).status,
    ).toBe(400);
    expect(await events(reference)).toBe(before);
    expect((await system.prisma.transfer.findUniqueOrThrow({ where: { reference } })).status).toBe('legal_completion');

    await step('officer', reference, '/completion', { ...twenty, variation: { agreedBy: 'section_151_officer', reasons: 'Cais y benthyciwr' } }, 'monitoring');
    const read = await call('lead', 'GET', `/api/transfers/${reference}`);
    expect(read.json).toMatchObject({
      headsOfTerms: { decidedBy: 'section_151_officer', tenure: { kind: 'lease', termYears: 25 } },
      completion: {
        tenure: { kind: 'lease', termYears: 20 },
        variation: {
          from: { kind: 'lease', termYears: 25 },
          to: { kind: 'lease', termYears: 20 },
          agreedBy: 'section_151_officer',
          reasons: 'Cais y benthyciwr',
        },
      },
    });
    const timeline = (await call('lead', 'GET', `/api/transfers/${reference}/timeline`)).json?.timeline as { type: string; summary: string }[];
    expect(timeline.find((entry) => entry.type === 'transfer.completed')?.summary).toBe(
      'The transfer was completed: a 20-year lease (the heads of terms agreed a 25-year lease; the section 151 officer agreed the change)',
    );
  });

  it('shows the asset as returned on the public register once community use stops', async () => {
    const { reference, assetId: returning } = await atLegalCompletion();
    await step(
      'officer',
      reference,
      '/completion',
      { decidedBy: 'monitoring_officer', tenure: { kind: 'lease', termYears: 25 }, completedOn: '2026-11-23' },
      'monitoring',
    );
    expect((await call('lead', 'GET', `/api/assets/${returning}`)).json).toMatchObject({ availability: 'transferred' });
    // The first community-benefit report is due on the first anniversary of completion in Wales and opens
    // 6 weeks before (the process's opensBefore): sent now, it is refused with the date it opens.
    const completedAt = (await system.prisma.transfer.findUniqueOrThrow({ where: { reference } })).completedAt?.toISOString() ?? '';
    const dueAt = shiftInWales(completedAt, '1 year');
    const opensAt = shiftInWales(dueAt, '6 weeks', -1);
    for (const language of ['en', 'cy'] as const) {
      const early = await call(
        'lead',
        'POST',
        `/api/transfers/${reference}/community-benefit-reports`,
        { summary: 'Blwyddyn gyntaf', peopleServed: 200, stillInCommunityUse: true },
        { 'accept-language': language },
      );
      expect(early).toMatchObject({ status: 409, type: expect.stringContaining('application/problem+json') as unknown });
      expect(early.json?.detail).toBe(
        language === 'en'
          ? `Community-benefit report 1 is not open yet: it can be sent from ${readableDate(opensAt, 'en', 'dayAndTime')}, and is due by ${readableDate(dueAt, 'en')}`
          : `Nid yw adroddiad budd cymunedol 1 ar agor eto: gellir ei anfon o ${readableDate(opensAt, 'cy', 'dayAndTime')} ymlaen, ac mae’n ddyledus erbyn ${readableDate(dueAt, 'cy')}`,
      );
    }
    await step('officer', reference, '/community-use-stopped', { reason: 'Caeodd y ganolfan' }, 'returned');

    const one = await call('lead', 'GET', `/api/assets/${returning}`);
    expect(one.status).toBe(200);
    expect(one.json).toMatchObject({ id: returning, availability: 'returned' });
    const list = await call('lead', 'GET', `/api/assets?ownerOrganisationId=${council.id}&limit=200`);
    expect(list.status).toBe(200);
    expect((list.json?.items as { id: string; availability: string }[]).find((a) => a.id === returning)).toMatchObject({ availability: 'returned' });
    const returned = await call('lead', 'GET', `/api/assets?availability=returned&limit=200`);
    expect((returned.json?.items as { id: string }[]).map((a) => a.id)).toContain(returning);
    // Back with the body, its officers may offer it again.
    expect((await call('officer', 'PATCH', `/api/assets/${returning}`, { availability: 'offered' })).json).toMatchObject({ availability: 'offered' });
  });

  it('starts a transfer that is readable at once, and the owning council’s asset officer answers the enquiry', async () => {
    const started = await call('lead', 'POST', '/api/transfers', { assetId, language: 'cy', proposedUse: 'Canolfan gymunedol', message: 'Helo' });
    expect(started.status).toBe(201);
    const reference = String(started.json?.reference);
    expect(reference).toMatch(/^CAT-\d{4}-\d{6}$/);
    expect(started.response.headers.get('location')).toBe(`/api/transfers/${reference}`);
    expect(started.json).toMatchObject({ status: 'enquiry', sequence: 1 });

    const read = await call('lead', 'GET', `/api/transfers/${reference}`);
    expect(read.status).toBe(200);
    expect(read.json).toMatchObject({
      reference,
      processVersion: 'WG-CAT-GUIDE-2016',
      status: 'enquiry',
      statusText: 'Enquiry with the public body',
      stage: 'enquiry',
      owner: { id: council.id, name: council.name },
      organisation: { id: group.id, name: group.name },
      asset: { id: assetId, name: 'Hen Ysgol Llanfair', openSpace: false },
      language: 'cy',
    });
    // The group does not see who the officer is, nor anything else only for staff; nobody has taken the case yet anyway.
    expect(read.json).not.toHaveProperty('caseOfficerId');
    expect(read.json).not.toHaveProperty('casework');
    expect(read.json).not.toHaveProperty('notes');

    const answered = await call('officer', 'POST', `/api/transfers/${reference}/enquiry-response`, { outcome: 'invite', reasons: 'Croeso' });
    expect(answered.status).toBe(200);
    expect(answered.json).toMatchObject({ reference, status: 'expression_of_interest', sequence: 2 });

    const after = await call('lead', 'GET', `/api/transfers/${reference}`);
    expect(after.json).toMatchObject({
      status: 'expression_of_interest',
      groupAction: { action: 'send_expression_of_interest', text: 'Send an expression of interest' },
    });
    const row = await system.prisma.transfer.findUniqueOrThrow({ where: { reference } });
    expect(row).toMatchObject({ status: 'expression_of_interest', caseOfficerId: ids.officer, groupAction: 'send_expression_of_interest' });
    // The body's staff see who handles the case; another council's asset officer may not read it at all.
    // As on an application: in `casework`, the whole case, with the staff notes beside it.
    const asStaff = (await call('officer', 'GET', `/api/transfers/${reference}`)).json;
    expect(asStaff).toMatchObject({ casework: { reference, status: 'expression_of_interest', caseOfficerId: ids.officer }, notes: [] });
    expect(asStaff).not.toHaveProperty('caseOfficerId');
    expect((await call('lead', 'GET', `/api/transfers/${reference}`)).json).not.toHaveProperty('casework');
    expect((await call('caseworker', 'GET', `/api/transfers/${reference}`)).status).toBe(200);
    expect((await call('dytOfficer', 'GET', `/api/transfers/${reference}`)).status).toBe(404);
  });

  it('runs a transfer under the owning body’s own process', async () => {
    const dytAsset = await insertAsset(system.prisma, dyffrynTeg.id, { name: 'Parc y Dref', openSpace: true });
    const reference = await start('lead', dytAsset.id);
    const read = await call('dytOfficer', 'GET', `/api/transfers/${reference}`);
    expect(read.json).toMatchObject({ processVersion: 'DYT-CAT-2024', status: 'expression_of_interest', asset: { openSpace: true } });
  });

  it('answers a command for a step the owning body’s process does not have with that, not with what the case waits for', async () => {
    const dytAsset = await insertAsset(system.prisma, dyffrynTeg.id, { name: 'Neuadd y Farchnad' });
    const reference = await start('lead', dytAsset.id);
    const before = await events(reference);
    // Dyffryn Teg's process has no enquiry and no initial assessment gate.
    const gate = { gate: 'initial_assessment', decidedBy: 'steering_group', outcome: 'proceed', reasons: 'Da' };
    const refused = await call('dytOfficer', 'POST', `/api/transfers/${reference}/gate-decisions`, gate);
    expect(refused).toMatchObject({ status: 409, type: expect.stringContaining('application/problem+json') as unknown });
    expect(refused.json?.detail).toBe('The process of Cyngor Sir Dyffryn Teg has no initial assessment step: there is nothing to do there');
    const cymraeg = await call('dytOfficer', 'POST', `/api/transfers/${reference}/gate-decisions`, gate, { 'accept-language': 'cy' });
    expect(cymraeg.json?.detail).toBe('Nid oes cam asesiad cychwynnol ym mhroses Cyngor Sir Dyffryn Teg: nid oes dim i’w wneud yno');
    const enquiry = await call('dytOfficer', 'POST', `/api/transfers/${reference}/enquiry-response`, { outcome: 'invite', reasons: 'Croeso' });
    expect(enquiry).toMatchObject({ status: 409, json: { detail: 'The process of Cyngor Sir Dyffryn Teg has no enquiry step: there is nothing to do there' } });
    // A step the process has but the case has not reached still says what the case waits for.
    const early = await call('dytOfficer', 'POST', `/api/transfers/${reference}/gate-decisions`, { ...gate, gate: 'decision', decidedBy: 'director' });
    expect(early.json?.detail).toBe('This cannot be done now: waiting for the group’s expression of interest');
    expect(await events(reference)).toBe(before);
  });

  it('refuses an asset that is not on the register (404), or is no longer offered (409)', async () => {
    const missing = await call('lead', 'POST', '/api/transfers', {
      assetId: '6d1c3f4e-0000-4000-8000-00000000dead',
      language: 'en',
      proposedUse: 'Caffi',
      message: 'Helo',
    });
    expect(missing.status).toBe(404);
    const withdrawn = await insertAsset(system.prisma, council.id, { name: 'Hen Lyfrgell' });
    await system.prisma.asset.update({ where: { id: withdrawn.id }, data: { availability: 'withdrawn' } });
    const refused = await call('lead', 'POST', '/api/transfers', { assetId: withdrawn.id, language: 'en', proposedUse: 'Caffi', message: 'Helo' });
    expect(refused.status).toBe(409);
    expect(refused.type).toContain('application/problem+json');
    expect(refused.json?.detail).toBe('Hen Lyfrgell was withdrawn from the asset register');
    // Only a group's members start transfers, and only for their own group.
    expect((await call('officer', 'POST', '/api/transfers', { assetId, language: 'en', proposedUse: 'Caffi', message: 'Helo' })).status).toBe(403);
    expect(
      (await call('otherLead', 'POST', '/api/transfers', { organisationId: group.id, assetId, language: 'en', proposedUse: 'Caffi', message: 'Helo' })).status,
    ).toBe(404);
  });

  it('lists a transfer to its group and hides it from another group (404)', async () => {
    const reference = await start();
    const listed = await call('lead', 'GET', '/api/transfers?limit=200');
    expect((listed.json?.items as { reference: string }[]).map((item) => item.reference)).toContain(reference);
    const item = (listed.json?.items as Record<string, unknown>[]).find((i) => i.reference === reference);
    expect(item).toMatchObject({
      status: 'enquiry',
      statusText: 'Enquiry with the public body',
      assetId,
      ownerOrganisationId: council.id,
      organisationId: group.id,
    });
    expect(item).not.toHaveProperty('caseOfficerId');

    const other = await call('otherLead', 'GET', '/api/transfers?limit=200');
    expect((other.json?.items as { reference: string }[]).map((i) => i.reference)).not.toContain(reference);
    expect((await call('otherLead', 'GET', `/api/transfers/${reference}`)).status).toBe(404);
    expect((await call('otherLead', 'GET', `/api/transfers/${reference}/timeline`)).status).toBe(404);
    expect((await call('otherLead', 'POST', `/api/transfers/${reference}/withdrawal`, { reason: 'x' })).status).toBe(404);
    // The group may not do the council's work (403), and a reference that is no transfer is not found.
    expect((await call('lead', 'POST', `/api/transfers/${reference}/enquiry-response`, { outcome: 'invite', reasons: 'x' })).status).toBe(403);
    expect((await call('lead', 'GET', '/api/transfers/CAT-1999-000001')).status).toBe(404);
    expect((await call('lead', 'GET', '/api/transfers/not-a-reference')).status).toBe(404);
  });

  describe('lists', () => {
    const now = Date.now();
    const hour = 3_600_000;
    let pagingGroup: Organisation;
    let secondAssetId: string;
    /** What each inserted transfer is, so every filter's answer can be worked out from it. */
    const made: {
      reference: string;
      status: TransferStatus;
      owner: 'council' | 'dyt';
      asset: 'first' | 'second';
      openSpace: boolean;
      localAuthorityCode: string | null;
      stageDueAt: Date | null;
      caseOfficer: boolean;
      updatedAt: Date;
    }[] = [];

    beforeAll(async () => {
      pagingGroup = await createOrganisation(system.prisma, { name: 'Ymddiriedolaeth Tudalennau' });
      const person = await createPerson(system.prisma, { grants: [{ role: 'applicant_member', organisationId: pagingGroup.id }] });
      sessions.pagingMember = await signInOverHttp(system.url, person);
      secondAssetId = (await insertAsset(system.prisma, dyffrynTeg.id, { name: 'Cae Sioe', openSpace: true })).id;
      const statuses: TransferStatus[] = [
        'enquiry',
        'business_plan',
        'evaluation',
        'declined',
        'withdrawn',
        'lapsed',
        'objection_period',
        'monitoring',
        'transferred',
        'legal_completion',
        'enquiry',
        'decision',
      ];
      for (const [i, status] of statuses.entries()) {
        const dyt = i % 3 === 0;
        made.push({
          reference: `CAT-2019-${String(900_001 + i).padStart(6, '0')}`,
          status,
          owner: dyt ? 'dyt' : 'council',
          asset: dyt ? 'second' : 'first',
          openSpace: dyt,
          localAuthorityCode: i % 2 === 0 ? 'W06000002' : 'W06000001',
          stageDueAt: i % 4 === 0 ? null : new Date(now + (i % 4 === 1 ? -hour : hour)),
          caseOfficer: i % 5 === 0,
          // Changed in an order other than their references', two at the same instant (the reference decides).
          updatedAt: new Date(now - Math.min((i * 7) % 12, 10) * 60_000),
        });
      }
      // Inserted in an order other than their references', so the order comes from the list.
      for (const spec of [...made].reverse()) {
        const owner = spec.owner === 'dyt' ? dyffrynTeg : council;
        const asset = spec.asset === 'second' ? secondAssetId : assetId;
        const snapshot = { reference: spec.reference, status: spec.status } as Partial<TransferState>;
        await system.prisma.transfer.create({
          data: {
            reference: spec.reference,
            processVersion: 'WG-CAT-GUIDE-2016',
            ownerOrganisationId: owner.id,
            ownerName: owner.name,
            organisationId: pagingGroup.id,
            organisationName: pagingGroup.name,
            assetId: asset,
            assetName: spec.asset === 'second' ? 'Cae Sioe' : 'Hen Ysgol Llanfair',
            openSpace: spec.openSpace,
            localAuthorityCode: spec.localAuthorityCode,
            language: 'en',
            status: spec.status,
            stage: stageOf(spec.status),
            caseOfficerId: spec.caseOfficer ? (spec.owner === 'dyt' ? ids.dytOfficer : ids.officer) : null,
            stageDueAt: spec.stageDueAt,
            snapshot: snapshot as object,
            lastEventSequence: 1,
            createdAt: new Date(now),
            updatedAt: spec.updatedAt,
          },
        });
      }
    });

    const references = (items: unknown) => (items as { reference: string }[]).map((item) => item.reference);
    const expected = (keep: (spec: (typeof made)[number]) => boolean) =>
      made
        .filter(keep)
        .map((spec) => spec.reference)
        .sort();

    it('pages through a group’s transfers in order of reference, each once', async () => {
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const page: Awaited<ReturnType<typeof call>> = await call('pagingMember', 'GET', `/api/transfers?limit=5${cursor ? `&cursor=${cursor}` : ''}`);
        expect(page.status).toBe(200);
        const items = references(page.json?.items);
        expect(items.length).toBeLessThanOrEqual(5);
        seen.push(...items);
        cursor = page.json?.nextCursor as string | null;
        pages += 1;
      } while (cursor && pages < 10);
      expect(pages).toBe(3);
      expect(seen).toEqual(made.map((spec) => spec.reference).sort());
      expect((await call('pagingMember', 'GET', '/api/transfers?cursor=bm90LWEtY3Vyc29y')).status).toBe(400);
      expect((await call('pagingMember', 'GET', '/api/transfers?limit=201')).status).toBe(400);
    });

    it('pages through them most recently changed first with sort=updated, as an application list does', async () => {
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const page: Awaited<ReturnType<typeof call>> = await call(
          'pagingMember',
          'GET',
          `/api/transfers?sort=updated&limit=5${cursor ? `&cursor=${cursor}` : ''}`,
        );
        expect(page.status).toBe(200);
        seen.push(...references(page.json?.items));
        cursor = page.json?.nextCursor as string | null;
        pages += 1;
      } while (cursor && pages < 10);
      const newestFirst = [...made]
        .sort((a, b) => b.updatedAt.getTime() - a.updatedAt.getTime() || b.reference.localeCompare(a.reference))
        .map((spec) => spec.reference);
      expect(seen).toEqual(newestFirst);
      expect(pages).toBe(3);
      // A cursor is good only for the order it came from.
      const byReference = await call('pagingMember', 'GET', '/api/transfers?limit=5');
      const refused = await call('pagingMember', 'GET', `/api/transfers?sort=updated&cursor=${String(byReference.json?.nextCursor)}`);
      expect(refused.status).toBe(400);
      expect((await call('pagingMember', 'GET', '/api/transfers?sort=newest')).status).toBe(400);
    });

    it('filters by status, stage, owner, asset, open space, local authority, case officer and overdue', async () => {
      const list = async (who: string, query: string) => {
        const response = await call(who, 'GET', `/api/transfers?organisationId=${pagingGroup.id}&limit=200&${query}`);
        expect({ query, status: response.status }).toEqual({ query, status: 200 });
        return references(response.json?.items);
      };
      const at = new Date(now);
      expect(await list('caseworker', 'status=declined,withdrawn')).toEqual(expected((s) => s.status === 'declined' || s.status === 'withdrawn'));
      expect(await list('caseworker', 'stage=closed')).toEqual(expected((s) => ['declined', 'withdrawn', 'lapsed'].includes(s.status)));
      expect(await list('caseworker', 'stage=open_space_notice,transferred')).toEqual(
        expected((s) => s.status === 'objection_period' || s.status === 'transferred'),
      );
      expect(await list('caseworker', `ownerOrganisationId=${dyffrynTeg.id}`)).toEqual(expected((s) => s.owner === 'dyt'));
      expect(await list('caseworker', `assetId=${secondAssetId}`)).toEqual(expected((s) => s.asset === 'second'));
      expect(await list('caseworker', 'openSpace=false')).toEqual(expected((s) => !s.openSpace));
      expect(await list('caseworker', 'localAuthorityCode=W06000002')).toEqual(expected((s) => s.localAuthorityCode === 'W06000002'));
      expect(await list('caseworker', 'overdue=true')).toEqual(expected((s) => s.stageDueAt !== null && s.stageDueAt < at));
      expect(await list('caseworker', 'overdue=false')).toEqual(expected((s) => s.stageDueAt === null || s.stageDueAt >= at));
      expect(await list('caseworker', `caseOfficerId=${ids.officer}`)).toEqual(expected((s) => s.caseOfficer && s.owner === 'council'));
      // The cases nobody has been assigned yet, asked for as an application list asks.
      expect(await list('caseworker', 'caseOfficerId=none')).toEqual(expected((s) => !s.caseOfficer));
      expect(await list('dytOfficer', 'caseOfficerId=none')).toEqual(expected((s) => !s.caseOfficer && s.owner === 'dyt'));
      expect((await call('pagingMember', 'GET', '/api/transfers?caseOfficerId=none')).status).toBe(403);
      expect(await list('caseworker', 'status=enquiry&openSpace=true')).toEqual(expected((s) => s.status === 'enquiry' && s.openSpace));
      // An asset officer sees only the transfers of the body they work for, and may ask for their own.
      expect(await list('dytOfficer', '')).toEqual(expected((s) => s.owner === 'dyt'));
      expect(await list('dytOfficer', 'caseOfficerId=me')).toEqual(expected((s) => s.caseOfficer && s.owner === 'dyt'));
      // Who handles a case is for staff: a group's member may not filter by it, and does not see it.
      expect((await call('pagingMember', 'GET', `/api/transfers?caseOfficerId=${ids.officer}`)).status).toBe(403);
      expect((await call('pagingMember', 'GET', '/api/transfers?status=nonsense')).status).toBe(400);
      expect((await call('pagingMember', 'GET', '/api/transfers?localAuthorityCode=E06000001')).status).toBe(400);
    });
  });

  it('refuses a command at the wrong stage with 409 and the workflow’s reason, and changes nothing', async () => {
    const reference = await start();
    const before = await events(reference);
    const body = { summary: 'Cynllun busnes', documents: [{ kind: 'business_plan', title: 'Cynllun' }] };
    const refused = await call('lead', 'POST', `/api/transfers/${reference}/business-plan`, body);
    expect(refused.status).toBe(409);
    expect(refused.type).toContain('application/problem+json');
    expect(refused.json?.detail).toBe('This cannot be done now: enquiry with the public body');
    const cymraeg = await call('lead', 'POST', `/api/transfers/${reference}/business-plan`, body, { 'accept-language': 'cy' });
    expect(cymraeg.json?.detail).toBe('Ni ellir gwneud hyn nawr: ymholiad gyda’r corff cyhoeddus');
    expect(await events(reference)).toBe(before);
    expect((await system.prisma.transfer.findUniqueOrThrow({ where: { reference } })).status).toBe('enquiry');
  });

  it('refuses a gate decision taken by someone other than whom the body’s process names (403)', async () => {
    const reference = await invited();
    const eoi = {
      proposedUse: 'Canolfan gymunedol',
      communityBenefit: 'Lle cynnes i bawb',
      documents: [{ kind: 'governing_document', title: 'Cyfansoddiad' }],
    };
    // Only the group's lead sends the expression of interest.
    const byMember = await call('member', 'POST', `/api/transfers/${reference}/eoi/submission`, eoi);
    expect(byMember.status).toBe(403);
    // A refusal says who may act, in the reader's language.
    expect(byMember.json?.detail).toBe('Only the lead of Cymdeithas Neuadd Llanfair can send this');
    expect((await call('member', 'POST', `/api/transfers/${reference}/eoi/submission`, eoi, { 'accept-language': 'cy' })).json?.detail).toBe(
      'Dim ond arweinydd Cymdeithas Neuadd Llanfair all anfon hwn',
    );
    const byGroup = await call('lead', 'POST', `/api/transfers/${reference}/enquiry-response`, { outcome: 'invite', reasons: 'x' });
    expect(byGroup).toMatchObject({ status: 403, json: { detail: 'Only an asset officer of Cyngor Sir Ynys Môn, which owns the asset, can do this' } });
    expect(
      (await call('lead', 'POST', `/api/transfers/${reference}/enquiry-response`, { outcome: 'invite', reasons: 'x' }, { 'accept-language': 'cy' })).json
        ?.detail,
    ).toBe('Dim ond un o swyddogion asedau Cyngor Sir Ynys Môn, sy’n berchen ar yr ased, all wneud hyn');
    const byCaseworker = await call('caseworker', 'POST', `/api/transfers/${reference}/withdrawal`, { reason: 'x' });
    expect(byCaseworker).toMatchObject({ status: 403, json: { detail: 'Only a member of Cymdeithas Neuadd Llanfair can do this' } });
    expect((await call('lead', 'POST', `/api/transfers/${reference}/eoi/submission`, eoi)).json).toMatchObject({ status: 'initial_assessment' });

    const before = await events(reference);
    const wrong = await call('officer', 'POST', `/api/transfers/${reference}/gate-decisions`, {
      gate: 'initial_assessment',
      decidedBy: 'cabinet',
      outcome: 'proceed',
      reasons: 'Da',
    });
    expect(wrong.status).toBe(403);
    expect(wrong.type).toContain('application/problem+json');
    expect(wrong.json?.detail).toBe('In this body, the steering group decides this');
    expect(await events(reference)).toBe(before);
    const right = await call('officer', 'POST', `/api/transfers/${reference}/gate-decisions`, {
      gate: 'initial_assessment',
      decidedBy: 'steering_group',
      outcome: 'proceed',
      reasons: 'Da',
      minuteReference: 'Grŵp llywio 2026-06-01',
    });
    expect(right.json).toMatchObject({ status: 'business_plan' });
  });

  it('answers bad input with 400 and the fields at fault, and writes nothing', async () => {
    const reference = await invited();
    const before = await events(reference);
    const cases: [string, string, unknown][] = [
      ['officer', '/enquiry-response', { outcome: 'maybe', reasons: 'x' }],
      ['officer', '/enquiry-response', { outcome: 'invite' }],
      ['officer', '/enquiry-response', { outcome: 'invite', reasons: 'x', extra: true }],
      ['officer', '/gate-decisions', { gate: 'initial_assessment', decidedBy: 'mayor', outcome: 'proceed', reasons: 'x' }],
      ['officer', '/evaluation', { marketValuePence: -1, valuer: 'V', considerationPence: 0, tenure: { kind: 'freehold' }, repairingObligations: 'R' }],
      ['officer', '/evaluation', { marketValuePence: 12.5, valuer: 'V', considerationPence: 0, tenure: { kind: 'freehold' }, repairingObligations: 'R' }],
      ['officer', '/evaluation', { marketValuePence: 1e20, valuer: 'V', considerationPence: 0, tenure: { kind: 'freehold' }, repairingObligations: 'R' }],
      [
        'officer',
        '/evaluation',
        { marketValuePence: 100, valuer: 'V', considerationPence: 0, tenure: { kind: 'lease', termYears: null }, repairingObligations: 'R' },
      ],
      [
        'officer',
        '/evaluation',
        { marketValuePence: 100, valuer: 'V', considerationPence: 0, tenure: { kind: 'lease', termYears: 1000 }, repairingObligations: 'R' },
      ],
      ['officer', '/completion', { decidedBy: 'monitoring_officer', tenure: { kind: 'freehold' }, completedOn: '2026-02-30' }],
      ['officer', '/notes', { text: 'nul\u0000' }],
      ['officer', '/case-officer', { caseOfficerId: 'not-a-uuid' }],
      ['lead', '/eoi/submission', { proposedUse: 'P', communityBenefit: 'C', documents: [{ kind: 'Bad Kind', title: 'T' }] }],
      [
        'lead',
        '/eoi/submission',
        { proposedUse: 'P', communityBenefit: 'C', documents: Array.from({ length: 31 }, () => ({ kind: 'governing_document', title: 'T' })) },
      ],
      ['lead', '/withdrawal', {}],
      ['lead', '/withdrawal', { reason: '' }],
      ['lead', '/community-benefit-reports', { summary: 'S', peopleServed: -3, stillInCommunityUse: true }],
    ];
    for (const [who, path, body] of cases) {
      const result = await call(who, 'POST', `/api/transfers/${reference}${path}`, body);
      expect({ path, body, status: result.status }).toEqual({ path, body, status: 400 });
      expect(result.type).toContain('application/problem+json');
    }
    // A case officer must be an asset officer of the body that owns the asset.
    const notOfficer = await call('officer', 'POST', `/api/transfers/${reference}/case-officer`, { caseOfficerId: ids.dytOfficer });
    expect(notOfficer.status).toBe(400);
    expect(notOfficer.json?.detail).toBe('That person is not an asset officer of the body that owns the asset');
    const noAsset = await call('lead', 'POST', '/api/transfers', { language: 'cy', proposedUse: 'P', message: 'M' });
    expect(noAsset.status).toBe(400);
    expect((noAsset.json?.errors as { path: string }[]).map((e) => e.path)).toContain('assetId');
    expect(await events(reference)).toBe(before);

    const handed = await call('officer', 'POST', `/api/transfers/${reference}/case-officer`, { caseOfficerId: ids.secondOfficer });
    expect(handed.status).toBe(200);
    expect((await system.prisma.transfer.findUniqueOrThrow({ where: { reference } })).caseOfficerId).toBe(ids.secondOfficer);
  });

  it('reads the timeline in the reader’s language', async () => {
    const reference = await invited();
    // The member stored Welsh; a request that names no language of its own (`*`) gets the stored one.
    const noPreference = { 'accept-language': '*' };
    const welsh = await call('member', 'GET', `/api/transfers/${reference}/timeline`, undefined, noPreference);
    expect(welsh.status).toBe(200);
    expect((welsh.json?.timeline as { type: string; summary: string }[]).map(({ type, summary }) => ({ type, summary }))).toEqual([
      { type: 'transfer.started', summary: 'Dechreuodd eich grŵp drosglwyddiad ased cymunedol' },
      { type: 'enquiry.answered', summary: 'Atebodd y corff cyhoeddus yr ymholiad a’ch gwahodd i fynd ymlaen' },
    ]);
    const english = await call('lead', 'GET', `/api/transfers/${reference}/timeline`);
    expect((english.json?.timeline as { summary: string }[])[0]?.summary).toBe('Your group started a community asset transfer');
    // The Welsh-speaking member reads the case itself in Welsh too.
    expect((await call('member', 'GET', `/api/transfers/${reference}`, undefined, noPreference)).json).toMatchObject({
      statusText: 'Aros am fynegiant o ddiddordeb y grŵp',
    });
  });

  describe('GET /api/transfers/:reference/events', () => {
    async function open(who: string, reference: string, language = 'en') {
      const session = sessions[who];
      if (!session) throw new Error(`no session ${who}`);
      const controller = new AbortController();
      const response = await fetch(`${system.url}/api/transfers/${reference}/events`, {
        headers: { 'accept-language': language, ...sessionHeaders(session) },
        signal: controller.signal,
      });
      return { response, stream: eventStream(response, controller), close: () => controller.abort() };
    }

    it('sends a transfer’s events so far, then each new one, in the reader’s words, as an application’s stream does', async () => {
      const reference = await start();
      const group = await open('lead', reference);
      const staff = await open('officer', reference);
      try {
        expect(group.response.status).toBe(200);
        expect(group.response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
        expect(group.response.headers.get('cache-control')).toBe('no-store, no-transform');
        await group.stream.readUntil(() => group.stream.events().length >= 1);
        expect(group.stream.events()[0]).toMatchObject({
          id: '1',
          event: 'transfer.started',
          json: { sequence: 1, type: 'transfer.started', status: 'enquiry', summary: 'Your group started a community asset transfer' },
        });

        // A command recorded while the streams are open reaches both; the staff note only the staff.
        await call('officer', 'POST', `/api/transfers/${reference}/notes`, { text: 'Galwad ffôn' });
        await call('officer', 'POST', `/api/transfers/${reference}/enquiry-response`, { outcome: 'invite', reasons: 'Croeso' });
        await staff.stream.readUntil(() => staff.stream.events().length >= 3);
        expect(staff.stream.events().map((event) => [event.id, event.event])).toEqual([
          ['1', 'transfer.started'],
          ['2', 'note.added'],
          ['3', 'enquiry.answered'],
        ]);
        await group.stream.readUntil(() => group.stream.events().some((event) => event.event === 'enquiry.answered'));
        expect(group.stream.events().map((event) => [event.id, event.event, event.json.status])).toEqual([
          ['1', 'transfer.started', 'enquiry'],
          ['3', 'enquiry.answered', 'expression_of_interest'],
        ]);
      } finally {
        group.close();
        staff.close();
      }
    });

    it('is refused, as reading the transfer is, to whoever may not read it', async () => {
      const reference = await start();
      for (const who of ['otherLead', 'dytOfficer']) {
        const { response, close } = await open(who, reference);
        expect({ who, status: response.status, type: response.headers.get('content-type') }).toEqual({
          who,
          status: 404,
          type: expect.stringContaining('application/problem+json'),
        });
        close();
      }
      const anonymous = await fetch(`${system.url}/api/transfers/${reference}/events`);
      expect(anonymous.status).toBe(401);
      const caseworker = await open('caseworker', reference);
      expect(caseworker.response.status).toBe(200);
      caseworker.close();
    });
  });

  it('replays a retried command with the same Idempotency-Key instead of sending it twice', async () => {
    const reference = await start();
    const note = { text: 'Galwad ffôn gyda’r ysgrifennydd' };
    const first = await call('officer', 'POST', `/api/transfers/${reference}/notes`, note, { 'idempotency-key': `note-${reference}` });
    const again = await call('officer', 'POST', `/api/transfers/${reference}/notes`, note, { 'idempotency-key': `note-${reference}` });
    expect(first.status).toBe(200);
    expect(again.json).toEqual(first.json);
    expect(again.response.headers.get('idempotent-replayed')).toBe('true');
    expect(await system.prisma.caseEvent.count({ where: { reference, type: 'note.added' } })).toBe(1);
  });

  it('lets a CFP application rest its tenure on the group’s own transfer, and not on another group’s', async () => {
    const newApplication = async () => {
      const created = await call('lead', 'POST', '/api/applications', { projectTitle: 'Adnewyddu’r hen ysgol', language: 'cy' });
      expect(created.status).toBe(201);
      return String(created.json?.reference);
    };
    const application = await newApplication();
    const transfer = await start();
    const othersTransfer = await start('otherLead');

    const refused = await call('lead', 'POST', `/api/applications/${application}/tenure-transfer`, { transferReference: othersTransfer });
    expect(refused.status).toBe(400);
    expect(refused.json?.detail).toBe(`Your group has no transfer ${othersTransfer}`);
    expect((await call('lead', 'POST', `/api/applications/${application}/tenure-transfer`, { transferReference: 'CAT-1999-000001' })).status).toBe(400);
    expect((await call('lead', 'POST', `/api/applications/${application}/tenure-transfer`, { transferReference: 'ENQ-2026-000001' })).status).toBe(400);

    const linked = await call('lead', 'POST', `/api/applications/${application}/tenure-transfer`, { transferReference: transfer });
    expect(linked.status).toBe(200);
    expect((await call('caseworker', 'GET', `/api/applications/${application}`)).json?.casework).toMatchObject({
      tenureTransfer: { transferReference: transfer, condition: 'pending' },
    });
    // The group's own view shows its tenure condition too.
    expect((await call('lead', 'GET', `/api/applications/${application}`)).json?.tenure).toEqual({
      transferReference: transfer,
      condition: 'pending',
      text: 'The tenure condition waits for the asset transfer to complete',
    });
    // The transfer hears of the grant relying on it.
    await eventually(async () =>
      (await system.prisma.transfer.findUniqueOrThrow({ where: { reference: transfer } })).linkedApplications.includes(application) ? true : undefined,
    );

    // A transfer that has already ended is linked with how it ended: here, withdrawn, so the condition fell through.
    const second = await newApplication();
    const withdrawn = await start();
    expect((await call('lead', 'POST', `/api/transfers/${withdrawn}/withdrawal`, { reason: 'Dim digon o wirfoddolwyr' })).json).toMatchObject({
      status: 'withdrawn',
    });
    expect((await call('lead', 'POST', `/api/applications/${second}/tenure-transfer`, { transferReference: withdrawn })).status).toBe(200);
    expect((await call('caseworker', 'GET', `/api/applications/${second}`)).json?.casework).toMatchObject({
      tenureTransfer: { transferReference: withdrawn, condition: 'fell_through', conclusion: { outcome: 'withdrawn', tenure: null } },
    });
    // The withdrawn transfer's workflow has closed, and still lists the grant that named it.
    expect((await call('lead', 'GET', `/api/transfers/${withdrawn}`)).json).toMatchObject({ linkedApplications: [second] });
    // The case officer lets the group name another transfer; the group may not decide that itself.
    expect((await call('lead', 'POST', `/api/applications/${second}/tenure-transfer/decision`, { outcome: 'waive', reasons: 'x' })).status).toBe(403);
    const decided = await call('caseworker', 'POST', `/api/applications/${second}/tenure-transfer/decision`, {
      outcome: 'await_another_transfer',
      reasons: 'Mae’r cyngor yn cynnig safle arall',
    });
    expect(decided.status).toBe(200);
    expect((await call('caseworker', 'GET', `/api/applications/${second}`)).json?.casework).toMatchObject({ tenureTransfer: { condition: 'awaiting_link' } });
  });

  it('refuses to link a transfer to an application whose tenure is freehold, with the reason in Welsh and English', async () => {
    const created = await call('lead', 'POST', '/api/applications', { projectTitle: 'Neuadd y pentref', language: 'cy' });
    const application = String(created.json?.reference);
    const saved = await call('lead', 'PATCH', `/api/applications/${application}/eoi`, {
      answers: { tenure: { kind: 'freehold', leaseYearsAfterCompletion: null } },
    });
    expect(saved.status).toBe(200);
    const transfer = await start();
    const refused = await call('lead', 'POST', `/api/applications/${application}/tenure-transfer`, { transferReference: transfer });
    expect(refused.status).toBe(409);
    expect(refused.type).toContain('application/problem+json');
    expect(refused.json?.detail).toContain('The expression of interest gives the tenure as freehold');
    const welsh = await call(
      'member',
      'POST',
      `/api/applications/${application}/tenure-transfer`,
      { transferReference: transfer },
      { 'accept-language': 'cy' },
    );
    expect(welsh.status).toBe(409);
    expect(welsh.json?.detail).toContain('rhydd-ddaliad');
    expect((await call('caseworker', 'GET', `/api/applications/${application}`)).json?.casework).toMatchObject({ tenureTransfer: null });
  });

  it('reports how transfers ended per body, each officer seeing their own body, as JSON or CSV', async () => {
    const withdrawn = await start();
    await call('lead', 'POST', `/api/transfers/${withdrawn}/withdrawal`, { reason: 'Dim digon o wirfoddolwyr' });
    const declined = await start();
    await call('officer', 'POST', `/api/transfers/${declined}/enquiry-response`, { outcome: 'decline', reasons: 'Mae’r adeilad yn cael ei werthu' });

    const counts = async (where: object) => system.prisma.transfer.count({ where: { ownerOrganisationId: council.id, ...where } });
    const officers = await call('officer', 'GET', '/api/transfer-reports/outcomes');
    expect(officers.status).toBe(200);
    const rows = officers.json as unknown as { ownerOrganisationId: string; cases: number; withdrawn: number; declined: number }[];
    // Only the council the officer works for, with every case counted once under its outcome.
    expect(rows.map((row) => row.ownerOrganisationId)).toEqual([council.id]);
    expect(rows[0]).toMatchObject({
      cases: await counts({}),
      withdrawn: await counts({ status: 'withdrawn' }),
      declined: await counts({ status: 'declined' }),
    });
    expect(rows[0]?.withdrawn).toBeGreaterThanOrEqual(1);
    expect(rows[0]?.declined).toBeGreaterThanOrEqual(1);

    const everyBody = (await call('caseworker', 'GET', '/api/transfer-reports/outcomes')).json as unknown as { ownerOrganisationId: string }[];
    expect(everyBody.map((row) => row.ownerOrganisationId).sort()).toEqual([council.id, dyffrynTeg.id].sort());

    const csv = await call('officer', 'GET', '/api/transfer-reports/outcomes?format=csv');
    expect(csv.type).toContain('text/csv');
    const lines = (await csv.response.text())
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe('owner_organisation_id,owner_name,cases,in_progress,declined,withdrawn,lapsed,transferred,returned');
    expect(lines[1]).toContain(`${council.id},${council.name},`);
    expect((await call('lead', 'GET', '/api/transfer-reports/outcomes')).status).toBe(403);
    expect((await call('caseworker', 'GET', '/api/transfer-reports/outcomes?year=tomorrow')).status).toBe(400);
  });
});
