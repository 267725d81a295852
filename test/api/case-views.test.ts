import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSystem, type TestSystem } from '../support/app.js';
import { insertAsset } from '../support/cat.js';
import { eoiAnswers } from '../support/cfp.js';
import { eventStream } from '../support/event-stream.js';
import { createOrganisation, createPerson, sessionHeaders, signInOverHttp, type WebSession } from '../support/people.js';

// What each reader is shown of a case, over real HTTP, a real worker, Temporal and PostgreSQL. The events
// are the same for everyone (the workflow history holds them all); the group and the staff who work the
// case are shown different things: staff notes and who objected are for staff only, and staff read the
// case in their own words rather than the words written to the group.

interface Organisation {
  id: string;
  name: string;
}

describe('What the group and the staff are shown of a case', () => {
  let system: TestSystem;
  const sessions: Record<string, WebSession> = {};
  const ids: Record<string, string> = {};
  let group: Organisation;
  let council: Organisation;
  let dyffrynTeg: Organisation;

  beforeAll(async () => {
    system = await startTestSystem();
    group = await createOrganisation(system.prisma, { name: 'Cymdeithas Gymunedol Llanfair' });
    council = await createOrganisation(system.prisma, { name: 'Cyngor Sir Ynys Môn', kind: 'public_body' });
    // A council with its own process in config/transfers/processes.json (no enquiry, no initial assessment).
    dyffrynTeg = await system.prisma.organisation.create({
      data: { name: 'Cyngor Sir Dyffryn Teg', kind: 'public_body', orgId: 'GB-LAE-DYT' },
      select: { id: true, name: true },
    });
    const people: [string, Parameters<typeof createPerson>[1]][] = [
      ['lead', { name: 'Gwen Arweinydd', grants: [{ role: 'applicant_lead', organisationId: group.id }] }],
      ['member', { name: 'Siôn Aelod', grants: [{ role: 'applicant_member', organisationId: group.id }] }],
      ['caseworker', { name: 'Dafydd Gweithiwr Achos', grants: [{ role: 'caseworker' }] }],
      ['officer', { name: 'Elen Swyddog Asedau', grants: [{ role: 'asset_officer', organisationId: council.id }] }],
      ['dytOfficer', { name: 'Owain Swyddog Asedau', grants: [{ role: 'asset_officer', organisationId: dyffrynTeg.id }] }],
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
    const json = (response.headers.get('content-type') ?? '').includes('json') ? ((await response.json()) as Record<string, unknown>) : undefined;
    return { status: response.status, json };
  }

  async function ok(who: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    const result = await call(who, method, path, body, headers);
    expect({ who, method, path, status: result.status, body: result.json }).toMatchObject({ status: 200 });
    return result.json ?? {};
  }

  async function newApplication(): Promise<string> {
    const started = await call('member', 'POST', '/api/applications', { projectTitle: 'To newydd i’r neuadd', language: 'cy' });
    expect(started.status).toBe(201);
    return String(started.json?.reference);
  }

  async function newTransfer(assetId: string): Promise<string> {
    const started = await call('lead', 'POST', '/api/transfers', { assetId, language: 'cy', proposedUse: 'Canolfan gymunedol', message: 'Hoffem sgwrsio' });
    expect(started.status).toBe(201);
    return String(started.json?.reference);
  }

  const timeline = async (who: string, path: string, headers: Record<string, string> = {}) =>
    (await ok(who, 'GET', `${path}/timeline`, undefined, headers)).timeline as { type: string; summary: string }[];

  describe('staff notes', () => {
    it('keeps a CFP note out of the group’s timeline and live stream, and lists it with its author and time on the staff view', async () => {
      const note = 'Ffoniodd y trysorydd: mae’r cyfrifon yn hwyr';
      const reference = await newApplication();
      const base = `/api/applications/${reference}`;
      // What the case's start recorded (its first event, and the first answers with it).
      const before = (await timeline('caseworker', base)).map((entry) => entry.type);
      const controller = new AbortController();
      const response = await fetch(`${system.url}${base}/events`, {
        headers: { 'accept-language': 'en', cookie: sessions.lead!.cookie },
        signal: controller.signal,
      });
      const stream = eventStream(response, controller);
      try {
        await stream.readUntil(() => stream.events().length === before.length);

        await ok('caseworker', 'POST', `${base}/notes`, { text: note });
        await ok('member', 'PATCH', `${base}/eoi`, { answers: { projectSummary: 'To newydd' } });

        // The group: the note is neither in its timeline nor sent down its live stream.
        await stream.readUntil(() => stream.events().length > before.length);
      } finally {
        controller.abort();
      }
      expect(stream.events().map((event) => event.event)).toEqual([...before, 'eoi.saved']);
      expect(stream.events().map((event) => event.id)).not.toContain(String(before.length + 1));
      for (const who of ['lead', 'member']) {
        const seen = await timeline(who, base);
        expect(seen.map((entry) => entry.type)).toEqual([...before, 'eoi.saved']);
        expect(JSON.stringify(seen)).not.toMatch(/note/i);
        const view = await ok(who, 'GET', base);
        expect(view).not.toHaveProperty('notes');
        expect(JSON.stringify(view)).not.toContain(note);
      }

      // The staff: the note read back on the case, with who wrote it and when, and in their timeline.
      const staffView = await ok('caseworker', 'GET', base);
      const notes = staffView.notes as { text: string; by: { personId: string; name: string; role: string }; at: string }[];
      expect(notes).toEqual([
        {
          sequence: before.length + 1,
          text: note,
          by: { personId: ids.caseworker, name: 'Dafydd Gweithiwr Achos', role: 'caseworker' },
          at: expect.any(String),
        },
      ]);
      expect(Math.abs(Date.parse(notes[0]!.at) - Date.now())).toBeLessThan(60_000);
      expect((await timeline('caseworker', base)).map((entry) => entry.type)).toEqual([...before, 'note.added', 'eoi.saved']);
    });

    it('keeps a transfer note out of the group’s timeline and lists it with its author and time on the staff view', async () => {
      const asset = await insertAsset(system.prisma, council.id, { name: 'Hen Ysgol Llanfair' });
      const reference = await newTransfer(asset.id);
      const base = `/api/transfers/${reference}`;
      const note = 'Galwad ffôn gyda’r ysgrifennydd am y to';
      await ok('officer', 'POST', `${base}/notes`, { text: note });

      const seen = await timeline('lead', base);
      expect(seen.map((entry) => entry.type)).toEqual(['transfer.started']);
      expect(JSON.stringify(seen)).not.toMatch(/note/i);
      const groupView = await ok('lead', 'GET', base);
      expect(groupView).not.toHaveProperty('notes');
      expect(JSON.stringify(groupView)).not.toContain(note);

      const staffView = await ok('officer', 'GET', base);
      expect(staffView.notes).toEqual([
        { sequence: 2, text: note, by: { personId: ids.officer, name: 'Elen Swyddog Asedau', role: 'asset_officer' }, at: expect.any(String) },
      ]);
      expect((await timeline('officer', base)).map((entry) => entry.type)).toEqual(['transfer.started', 'note.added']);
    });
  });

  describe('objectors', () => {
    it('shows the group that objections came and when, and only the staff who objected and what they said', async () => {
      const park = await insertAsset(system.prisma, dyffrynTeg.id, { name: 'Parc y Dref', openSpace: true });
      const reference = await newTransfer(park.id);
      const base = `/api/transfers/${reference}`;
      await ok('lead', 'POST', `${base}/eoi/submission`, {
        proposedUse: 'Gardd gymunedol',
        communityBenefit: 'Lle i dyfu bwyd',
        documents: [{ kind: 'governing_document', title: 'Cyfansoddiad' }],
      });
      await ok('lead', 'POST', `${base}/business-plan`, {
        summary: 'Cynllun pum mlynedd',
        documents: [
          { kind: 'business_plan', title: 'Cynllun busnes' },
          { kind: 'financial_projections', title: 'Rhagolygon' },
        ],
      });
      await ok('dytOfficer', 'POST', `${base}/evaluation`, {
        marketValuePence: 100_000,
        valuer: 'Prisiwr Dosbarth',
        considerationPence: 100_000,
        tenure: { kind: 'lease', termYears: 25 },
        repairingObligations: 'Atgyweirio llawn',
      });
      await ok('dytOfficer', 'POST', `${base}/gate-decisions`, { gate: 'decision', decidedBy: 'director', outcome: 'proceed', reasons: 'Budd cymunedol clir' });
      await ok('dytOfficer', 'POST', `${base}/heads-of-terms`, { decidedBy: 'delegated_officer', summary: 'Prydles 25 mlynedd' });
      await ok('dytOfficer', 'POST', `${base}/open-space-notice`, { publishedIn: 'Y Cymro, dwy wythnos' });
      const objector = 'Mrs Ann Jones, 3 Heol y Parc';
      const grounds = 'Mae plant Heol y Parc yn chwarae yma bob dydd';
      expect(await ok('dytOfficer', 'POST', `${base}/objections`, { objector, summary: grounds })).toMatchObject({ status: 'objection_period' });

      // The group: an objection came, and when; not who made it nor what it said.
      const groupView = await ok('lead', 'GET', base);
      const objections = (groupView.openSpace as { objections: Record<string, unknown>[] }).objections;
      expect(objections).toEqual([{ at: expect.any(String) }]);
      const groupTimeline = await timeline('lead', base);
      expect(groupTimeline.map((entry) => entry.type)).toContain('open_space.objection_received');
      for (const shown of [
        JSON.stringify(groupView),
        JSON.stringify(groupTimeline),
        JSON.stringify((await ok('lead', 'GET', '/api/transfers?limit=100')).items),
      ]) {
        expect(shown).not.toContain('Ann Jones');
        expect(shown).not.toContain('Heol y Parc');
      }

      // The staff: who objected and on what grounds.
      const staffView = await ok('dytOfficer', 'GET', base);
      expect((staffView.openSpace as { objections: unknown[] }).objections).toEqual([{ objector, summary: grounds, at: expect.any(String) }]);
    });
  });

  describe('staff wording', () => {
    it('gives staff their own words for a CFP case’s status, the group’s next step and its events, in both languages', async () => {
      const reference = await newApplication();
      const base = `/api/applications/${reference}`;
      await ok('member', 'PATCH', `${base}/eoi`, { answers: eoiAnswers() });
      await ok('lead', 'POST', `${base}/eoi/submission`, {});

      // The group reads it as written to the group…
      expect(await ok('lead', 'GET', base)).toMatchObject({ statusText: 'We are looking at your expression of interest' });
      const groupWords = new Map((await timeline('lead', base)).map((entry) => [entry.type, entry.summary]));
      expect(Object.fromEntries(groupWords)).toEqual({
        'application.started': 'Your group started an expression of interest',
        'eoi.saved': 'The expression of interest was saved',
        'eoi.submitted': 'Your group sent the expression of interest',
      });
      // …the staff in their own words.
      expect(await ok('caseworker', 'GET', base)).toMatchObject({ statusText: 'Expression of interest sent: waiting for screening' });
      expect(await ok('caseworker', 'GET', base, undefined, { 'accept-language': 'cy' })).toMatchObject({
        statusText: 'Mynegiant o ddiddordeb wedi’i anfon: aros am sgrinio',
      });
      const staffWords = new Map((await timeline('caseworker', base)).map((entry) => [entry.type, entry.summary]));
      expect(Object.fromEntries(staffWords)).toEqual({
        'application.started': 'The group started an expression of interest',
        'eoi.saved': 'The group saved its expression of interest',
        'eoi.submitted': 'The group sent its expression of interest for screening',
      });
      expect((await timeline('caseworker', base, { 'accept-language': 'cy' }))[0]?.summary).toBe('Dechreuodd y grŵp fynegiant o ddiddordeb');
      const listed = ((await ok('caseworker', 'GET', '/api/applications?limit=100')).items as { reference: string; statusText: string }[]).find(
        (item) => item.reference === reference,
      );
      expect(listed?.statusText).toBe('Expression of interest sent: waiting for screening');

      // The group's next step, as the group reads it and as staff do.
      const draft = await newApplication();
      expect(await ok('lead', 'GET', `/api/applications/${draft}`)).toMatchObject({
        groupAction: { action: 'send_eoi', text: 'Finish and send your expression of interest' },
      });
      expect(await ok('caseworker', 'GET', `/api/applications/${draft}`)).toMatchObject({
        statusText: 'Expression of interest being drafted by the group',
        groupAction: { action: 'send_eoi', text: 'Waiting for the group to finish and send its expression of interest' },
      });
      const staffItem = ((await ok('caseworker', 'GET', '/api/applications?limit=100')).items as { reference: string; groupActionText: string | null }[]).find(
        (item) => item.reference === draft,
      );
      expect(staffItem?.groupActionText).toBe('Waiting for the group to finish and send its expression of interest');
      const groupItem = ((await ok('lead', 'GET', '/api/applications?limit=100')).items as { reference: string; groupActionText: string | null }[]).find(
        (item) => item.reference === draft,
      );
      expect(groupItem?.groupActionText).toBe('Finish and send your expression of interest');
    });

    it('gives staff their own words for a transfer’s status and events, in both languages', async () => {
      const asset = await insertAsset(system.prisma, council.id, { name: 'Hen Lyfrgell' });
      const reference = await newTransfer(asset.id);
      const base = `/api/transfers/${reference}`;
      expect(await ok('lead', 'GET', base)).toMatchObject({ statusText: 'Enquiry with the public body' });
      expect((await timeline('lead', base))[0]?.summary).toBe('Your group started a community asset transfer');

      expect(await ok('officer', 'GET', base)).toMatchObject({ statusText: 'Enquiry: waiting for the body’s answer' });
      expect(await ok('officer', 'GET', base, undefined, { 'accept-language': 'cy' })).toMatchObject({ statusText: 'Ymholiad: aros am ateb y corff' });
      expect((await timeline('officer', base))[0]?.summary).toBe('The group started a transfer with its enquiry');
      expect((await timeline('officer', base, { 'accept-language': 'cy' }))[0]?.summary).toBe('Dechreuodd y grŵp drosglwyddiad gyda’i ymholiad');
      const listed = ((await ok('officer', 'GET', '/api/transfers?limit=100')).items as { reference: string; statusText: string }[]).find(
        (item) => item.reference === reference,
      );
      expect(listed?.statusText).toBe('Enquiry: waiting for the body’s answer');

      await ok('officer', 'POST', `${base}/enquiry-response`, { outcome: 'invite', reasons: 'Croeso' });
      expect(await ok('lead', 'GET', base)).toMatchObject({ groupAction: { action: 'send_expression_of_interest', text: 'Send an expression of interest' } });
      expect(await ok('officer', 'GET', base)).toMatchObject({
        groupAction: { action: 'send_expression_of_interest', text: 'Waiting for the group’s expression of interest' },
      });
    });
  });
});
