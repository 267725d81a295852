import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { organisationStream } from '../../src/audit/audit-stream.js';
import { startTestSystem, type TestSystem } from '../support/app.js';
import { createOrganisation, createPerson, sessionHeaders, signInOverHttp, type TestOrganisation, type WebSession } from '../support/people.js';

// The Community Asset Transfer asset registers over real HTTP and PostgreSQL: an asset officer keeps their
// council's register, a group asks for an asset that is not on it, anyone reads it a page at a time, and
// refused or malformed requests answer problem+json and write nothing.

interface Asset {
  id: string;
  ownerOrganisationId: string;
  ownerName: string;
  name: string;
  availability: string;
  [field: string]: unknown;
}

interface AssetPage {
  items: Asset[];
  nextCursor: string | null;
}

describe('asset register API', () => {
  let system: TestSystem;
  let council: TestOrganisation;
  let otherCouncil: TestOrganisation;
  let group: TestOrganisation;
  const sessions: Record<string, WebSession> = {};

  beforeAll(async () => {
    system = await startTestSystem();
    council = await createOrganisation(system.prisma, { name: 'Cyngor Sir Dyffryn Teg', kind: 'public_body' });
    otherCouncil = await createOrganisation(system.prisma, { name: 'Cyngor Bro Arall', kind: 'public_body' });
    group = await createOrganisation(system.prisma, { name: 'Neuadd Bentref Llanfair Teg' });
    const people: [string, Parameters<typeof createPerson>[1]][] = [
      ['officer', { grants: [{ role: 'asset_officer', organisationId: council.id }] }],
      ['otherOfficer', { grants: [{ role: 'asset_officer', organisationId: otherCouncil.id }] }],
      ['lead', { grants: [{ role: 'applicant_lead', organisationId: group.id }] }],
      ['caseworker', { grants: [{ role: 'caseworker' }] }],
    ];
    for (const [name, options] of people) sessions[name] = await signInOverHttp(system.url, await createPerson(system.prisma, options));
  });

  afterAll(() => system?.stop());

  /** `who` undefined: nobody signed in. */
  async function call(who: string | undefined, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    const session = who === undefined ? undefined : sessions[who];
    if (who !== undefined && !session) throw new Error(`no session ${who}`);
    const response = await fetch(`${system.url}${path}`, {
      method,
      headers: { 'content-type': 'application/json', 'accept-language': 'en', ...(session ? sessionHeaders(session) : {}), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const type = response.headers.get('content-type') ?? '';
    const json = type.includes('json') ? ((await response.json()) as Record<string, unknown>) : undefined;
    return { status: response.status, type, json, response };
  }

  const anAsset = (overrides: Record<string, unknown> = {}) => ({
    name: 'Hen Ysgol Gynradd',
    address: 'Stryd yr Ysgol, Y Rhyl',
    kind: 'building',
    currentUse: 'Gwag ers 2024',
    openSpace: false,
    ...overrides,
  });

  async function register(overrides: Record<string, unknown> = {}, who = 'officer'): Promise<Asset> {
    const created = await call(who, 'POST', '/api/assets', anAsset(overrides));
    expect(created.status, JSON.stringify(created.json)).toBe(201);
    return created.json as unknown as Asset;
  }

  /** What a refused request must leave alone: the assets and the audit trail. */
  async function counts() {
    return { assets: await system.prisma.asset.count(), audit: await system.prisma.auditRecord.count() };
  }

  it('registers an asset with its small area’s local authority and WIMD rank, and records it in the audit trail', async () => {
    const created = await call(
      'officer',
      'POST',
      '/api/assets',
      anAsset({ postcode: 'll18 1aa', uprn: '100100123456', conditionNotes: 'To angen ei adnewyddu', lsoaCode: 'W01000240' }),
    );
    expect(created.status).toBe(201);
    const asset = created.json as unknown as Asset;
    expect(created.response.headers.get('location')).toBe(`/api/assets/${asset.id}`);
    expect(asset).toMatchObject({
      // An officer of one council only need not name it.
      ownerOrganisationId: council.id,
      ownerName: 'Cyngor Sir Dyffryn Teg',
      name: 'Hen Ysgol Gynradd',
      postcode: 'LL18 1AA',
      uprn: '100100123456',
      kind: 'building',
      openSpace: false,
      availability: 'offered',
      lsoaCode: 'W01000240',
      localAuthorityCode: 'W06000004',
      localAuthorityName: 'Denbighshire',
      wimdEdition: 'WIMD2019',
      wimdRank: 1,
      wimdDecile: 1,
    });
    expect(asset.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);

    // The register is public: read without signing in.
    const read = await call(undefined, 'GET', `/api/assets/${asset.id}`);
    expect(read.status).toBe(200);
    expect(read.json).toEqual(asset);

    const records = await system.prisma.auditRecord.findMany({ where: { stream: organisationStream(council.id), command: 'asset.registered' } });
    const record = records.find((r) => (r.changes as { assetId?: string }).assetId === asset.id);
    expect(record).toMatchObject({
      actorRole: 'asset_officer',
      organisationId: council.id,
      summaryEn: 'Hen Ysgol Gynradd was added to the asset register',
      summaryCy: 'Ychwanegwyd Hen Ysgol Gynradd at y gofrestr asedau',
      changes: { assetId: asset.id, availability: 'offered', lsoaCode: 'W01000240' },
    });
    expect(record?.requestId).toBeTruthy();
  });

  it('lists with filters, a page at a time by name, with no asset twice', async () => {
    // A council of its own, so the list holds exactly what this test made.
    const body = await createOrganisation(system.prisma, { name: 'Cyngor Tref Prawf', kind: 'public_body' });
    const officer = await signInOverHttp(system.url, await createPerson(system.prisma, { grants: [{ role: 'asset_officer', organisationId: body.id }] }));
    sessions.listOfficer = officer;
    const made: Asset[] = [];
    // Three assets share a name, so the page boundary must fall between equal names too.
    for (const [name, kind, openSpace, lsoaCode] of [
      ['Canolfan Gymunedol', 'building', false, 'W01000240'],
      ['Canolfan Gymunedol', 'building', false, undefined],
      ['Canolfan Gymunedol', 'building_and_land', false, 'W01000001'],
      ['Cae Chwarae Heol Isaf', 'land', true, undefined],
      ['Yr Hen Lyfrgell', 'building', false, 'W01000240'],
      ['Parc y Dref', 'land', true, undefined],
      ['ystafell de', 'building', false, undefined],
    ] as const) {
      made.push(await register({ ownerOrganisationId: body.id, name, kind, openSpace, ...(lsoaCode ? { lsoaCode } : {}) }, 'listOfficer'));
    }

    const walk = async (query: string, limit: number) => {
      const seen: Asset[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const path: string = `/api/assets?ownerOrganisationId=${body.id}&limit=${limit}${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
        const page = await call(undefined, 'GET', path);
        expect(page.status, JSON.stringify(page.json)).toBe(200);
        const { items, nextCursor } = page.json as unknown as AssetPage;
        expect(items.length).toBeLessThanOrEqual(limit);
        seen.push(...items);
        cursor = nextCursor;
        pages += 1;
        if (pages > 20) throw new Error('the pages never end');
      } while (cursor);
      return { seen, pages };
    };

    const all = await walk('', 2);
    expect(all.pages).toBe(4);
    const ids = all.seen.map((asset) => asset.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(made.map((asset) => asset.id).sort());
    const names = all.seen.map((asset) => asset.name);
    expect(names.slice(0, 4)).toEqual(['Cae Chwarae Heol Isaf', 'Canolfan Gymunedol', 'Canolfan Gymunedol', 'Canolfan Gymunedol']);
    // Equal names come in order of id.
    const canolfan = all.seen.filter((asset) => asset.name === 'Canolfan Gymunedol').map((asset) => asset.id);
    expect(canolfan).toEqual([...canolfan].sort());

    // A page as large as the list has no next page.
    const whole = await call(undefined, 'GET', `/api/assets?ownerOrganisationId=${body.id}&limit=7`);
    expect(whole.json).toMatchObject({ nextCursor: null });
    expect((whole.json as unknown as AssetPage).items).toHaveLength(7);

    const namesOf = async (query: string) => (await walk(query, 200)).seen.map((asset) => asset.name).sort();
    expect(await namesOf('&q=CANOLFAN')).toEqual(['Canolfan Gymunedol', 'Canolfan Gymunedol', 'Canolfan Gymunedol']);
    expect(await namesOf('&q=Ystafell')).toEqual(['ystafell de']);
    expect(await namesOf('&openSpace=true')).toEqual(['Cae Chwarae Heol Isaf', 'Parc y Dref']);
    expect(await namesOf('&kind=building_and_land')).toEqual(['Canolfan Gymunedol']);
    expect(await namesOf('&localAuthorityCode=W06000004')).toEqual(['Canolfan Gymunedol', 'Yr Hen Lyfrgell']);
    expect(await namesOf('&localAuthorityCode=W06000004&q=lyfrgell')).toEqual(['Yr Hen Lyfrgell']);
    // q is text, not a pattern: LIKE's wildcards match only themselves.
    expect(await namesOf('&q=%25')).toEqual([]);
    expect(await namesOf('&q=_')).toEqual([]);
    expect(await namesOf('&q=%5C')).toEqual([]);

    const parc = made.find((asset) => asset.name === 'Parc y Dref');
    expect((await call('listOfficer', 'PATCH', `/api/assets/${parc?.id}`, { availability: 'withdrawn' })).status).toBe(200);
    expect(await namesOf('&availability=withdrawn')).toEqual(['Parc y Dref']);
    expect(await namesOf('&availability=offered&openSpace=true')).toEqual(['Cae Chwarae Heol Isaf']);

    for (const bad of [
      'limit=201',
      'limit=0',
      'availability=sold',
      'openSpace=yes',
      'ownerOrganisationId=nope',
      'colour=red',
      'cursor=not-a-cursor',
      `cursor=${Buffer.from('{"name":"\\u0000","id":"x"}').toString('base64url')}`,
    ]) {
      const refused = await call(undefined, 'GET', `/api/assets?${bad}`);
      expect({ bad, status: refused.status, type: refused.type }).toEqual({ bad, status: 400, type: expect.stringContaining('application/problem+json') });
    }
  });

  it('lets the owner’s asset officers change an asset, records only what changed, and hides it from everyone else', async () => {
    const asset = await register({ name: 'Neuadd y Farchnad', lsoaCode: 'W01000001' });
    const path = `/api/assets/${asset.id}`;
    const before = await counts();

    // Another council's officer is told there is no such asset; a group or caseworker that they may not.
    const other = await call('otherOfficer', 'PATCH', path, { currentUse: 'Swyddfeydd' });
    expect(other.status).toBe(404);
    expect(other.type).toContain('application/problem+json');
    expect((await call('lead', 'PATCH', path, { currentUse: 'Swyddfeydd' })).status).toBe(403);
    expect((await call('caseworker', 'PATCH', path, { currentUse: 'Swyddfeydd' })).status).toBe(403);
    expect((await call(undefined, 'PATCH', path, { currentUse: 'Swyddfeydd' })).status).toBe(401);
    // Even a malformed body tells them nothing more.
    expect((await call('otherOfficer', 'PATCH', path, { colour: 'red' })).status).toBe(404);
    expect(await counts()).toEqual(before);

    const changed = await call('officer', 'PATCH', path, { currentUse: 'Swyddfeydd', lsoaCode: 'W01000240', name: 'Neuadd y Farchnad' });
    expect(changed.status).toBe(200);
    expect(changed.json).toMatchObject({
      currentUse: 'Swyddfeydd',
      lsoaCode: 'W01000240',
      localAuthorityName: 'Denbighshire',
      wimdRank: 1,
      wimdDecile: 1,
      availability: 'offered',
    });
    expect(Date.parse(String(changed.json?.updatedAt))).toBeGreaterThanOrEqual(Date.parse(String(asset.updatedAt)));
    const updates = await system.prisma.auditRecord.findMany({
      where: { stream: organisationStream(council.id), command: 'asset.updated' },
      orderBy: { sequence: 'asc' },
    });
    const update = updates.filter((r) => (r.changes as { assetId?: string }).assetId === asset.id);
    expect(update).toHaveLength(1);
    // The name was sent unchanged, so it is not among the changes.
    expect(update[0]?.changes).toEqual({
      assetId: asset.id,
      currentUse: { from: 'Gwag ers 2024', to: 'Swyddfeydd' },
      lsoaCode: { from: 'W01000001', to: 'W01000240' },
      localAuthorityCode: { from: 'W06000001', to: 'W06000004' },
      localAuthorityName: { from: 'Isle of Anglesey', to: 'Denbighshire' },
      wimdRank: { from: 885, to: 1 },
      wimdDecile: { from: 5, to: 1 },
    });

    // Sending what is already there changes nothing and records nothing.
    const audit = await system.prisma.auditRecord.count();
    expect((await call('officer', 'PATCH', path, { currentUse: 'Swyddfeydd' })).status).toBe(200);
    expect(await system.prisma.auditRecord.count()).toBe(audit);

    // null clears what may be left out, the small area with everything looked up from it.
    const cleared = await call('officer', 'PATCH', path, { lsoaCode: null, availability: 'withdrawn' });
    expect(cleared.json).toMatchObject({ lsoaCode: null, localAuthorityCode: null, wimdRank: null, wimdDecile: null, availability: 'withdrawn' });
    const withdrawn = await system.prisma.auditRecord.findFirst({ where: { command: 'asset.updated' }, orderBy: { id: 'desc' } });
    expect(withdrawn?.summaryEn).toBe('Neuadd y Farchnad was withdrawn from the asset register');

    for (const bad of [{}, { availability: 'transferred' }, { name: '' }, { openSpace: 'yes' }, { ownerOrganisationId: otherCouncil.id }]) {
      const refused = await call('officer', 'PATCH', path, bad);
      expect({ bad, status: refused.status }).toEqual({ bad, status: 400 });
    }

    // A transferred asset cannot be offered again.
    await system.prisma.asset.update({ where: { id: asset.id }, data: { availability: 'transferred' } });
    const transferred = await call('officer', 'PATCH', path, { availability: 'offered' });
    expect(transferred.status).toBe(409);
    expect(transferred.json?.detail).toBe('The asset has been transferred: it cannot be offered or withdrawn');
  });

  it('shows an asset in every state it can be in, on its own and in the list', async () => {
    // Every availability something writes: registering (offered), a group's request (requested), an
    // officer (withdrawn), a transfer that completes (transferred) and one whose community use stops (returned).
    const states = ['offered', 'requested', 'withdrawn', 'transferred', 'returned'];
    const body = await createOrganisation(system.prisma, { name: 'Cyngor Cymuned Pob Cyflwr', kind: 'public_body' });
    for (const availability of states) {
      const row = await system.prisma.asset.create({
        data: {
          ownerOrganisationId: body.id,
          name: `Ased ${availability}`,
          address: 'Stryd Fawr',
          kind: 'building',
          currentUse: 'Gwag',
          openSpace: false,
          availability,
        },
      });
      const one = await call(undefined, 'GET', `/api/assets/${row.id}`);
      expect({ availability, status: one.status }).toEqual({ availability, status: 200 });
      expect(one.json).toMatchObject({ id: row.id, availability });
      const filtered = await call(undefined, 'GET', `/api/assets?ownerOrganisationId=${body.id}&availability=${availability}`);
      expect({ availability, status: filtered.status }).toEqual({ availability, status: 200 });
      expect((filtered.json as unknown as AssetPage).items.map((asset) => asset.id)).toEqual([row.id]);
    }
    const all = await call(undefined, 'GET', `/api/assets?ownerOrganisationId=${body.id}`);
    expect(all.status).toBe(200);
    expect((all.json as unknown as AssetPage).items.map((asset) => asset.availability).sort()).toEqual([...states].sort());
    // The OpenAPI document names the same states.
    const openapi = (await call(undefined, 'GET', '/openapi.json')).json as {
      components: { schemas: { Asset: { properties: { availability: { enum: string[] } } } } };
    };
    expect([...openapi.components.schemas.Asset.properties.availability.enum].sort()).toEqual([...states].sort());
  });

  it('answers 404 problem details for an asset that is not there, however its id is spelled', async () => {
    for (const id of [randomUUID(), 'not-a-uuid', '1', "' OR 1=1 --", '%E2%82%AC']) {
      for (const [who, method, body] of [
        [undefined, 'GET', undefined],
        ['officer', 'PATCH', { currentUse: 'Dim' }],
      ] as const) {
        const response = await call(who, method, `/api/assets/${id}`, body);
        expect({ id, method, status: response.status, type: response.type }).toEqual({
          id,
          method,
          status: 404,
          type: expect.stringContaining('application/problem+json'),
        });
      }
    }
  });

  it('lets a group ask for an asset that is not on the register, for the owner’s officers to offer', async () => {
    const requested = await call('lead', 'POST', '/api/assets/requests', {
      ownerOrganisationId: council.id,
      name: 'Cae Pêl-droed Llanfair',
      address: 'Heol y Cae, Llanfair Teg',
      kind: 'land',
      currentUse: 'Cae pêl-droed, heb ei gynnal',
      openSpace: true,
      lsoaCode: 'W01000001',
    });
    expect(requested.status).toBe(201);
    const asset = requested.json as unknown as Asset;
    expect(requested.response.headers.get('location')).toBe(`/api/assets/${asset.id}`);
    expect(asset).toMatchObject({
      ownerOrganisationId: council.id,
      ownerName: council.name,
      availability: 'requested',
      openSpace: true,
      wimdRank: 885,
      wimdDecile: 5,
    });

    const records = await system.prisma.auditRecord.findMany({ where: { stream: organisationStream(council.id), command: 'asset.requested' } });
    expect(records.find((r) => (r.changes as { assetId?: string }).assetId === asset.id)).toMatchObject({
      actorRole: 'applicant_lead',
      organisationId: group.id,
      summaryEn: 'A community group asked for Cae Pêl-droed Llanfair',
    });

    const listed = await call(undefined, 'GET', `/api/assets?ownerOrganisationId=${council.id}&availability=requested&limit=200`);
    expect((listed.json as unknown as AssetPage).items.map((a) => a.id)).toContain(asset.id);

    // Only the owner's officers decide it goes on the register.
    expect((await call('otherOfficer', 'PATCH', `/api/assets/${asset.id}`, { availability: 'offered' })).status).toBe(404);
    const offered = await call('officer', 'PATCH', `/api/assets/${asset.id}`, { availability: 'offered' });
    expect(offered.json).toMatchObject({ availability: 'offered' });

    const before = await counts();
    // The owner must be a public body, not a group.
    const notABody = await call('lead', 'POST', '/api/assets/requests', { ownerOrganisationId: group.id, ...anAsset() });
    expect(notABody.status).toBe(400);
    expect(notABody.json?.detail).toBe('ownerOrganisationId is not a public body: name the council or body that owns the asset');
    expect((await call('lead', 'POST', '/api/assets/requests', { ownerOrganisationId: randomUUID(), ...anAsset() })).status).toBe(400);
    // Asking for another group: as far as the lead can tell, it is not there. Officers do not ask.
    expect((await call('lead', 'POST', '/api/assets/requests', { organisationId: randomUUID(), ownerOrganisationId: council.id, ...anAsset() })).status).toBe(
      404,
    );
    expect((await call('officer', 'POST', '/api/assets/requests', { ownerOrganisationId: council.id, ...anAsset() })).status).toBe(403);
    // Groups ask; they do not register.
    expect((await call('lead', 'POST', '/api/assets', { ownerOrganisationId: council.id, ...anAsset() })).status).toBe(403);
    expect((await call('otherOfficer', 'POST', '/api/assets', { ownerOrganisationId: council.id, ...anAsset() })).status).toBe(404);
    expect(await counts()).toEqual(before);
  });

  it('refuses bad input with 400 problem details, in Welsh when asked, and writes nothing', async () => {
    const before = await counts();

    const unknownArea = await call('officer', 'POST', '/api/assets', anAsset({ lsoaCode: 'W01999999' }));
    expect(unknownArea.status).toBe(400);
    expect(unknownArea.type).toContain('application/problem+json');
    expect(unknownArea.json?.detail).toBe('W01999999 is not a small area (LSOA) in the Welsh Index of Multiple Deprivation');
    const cymraeg = await call('officer', 'POST', '/api/assets', anAsset({ lsoaCode: 'W01999999' }), { 'accept-language': 'cy' });
    expect(cymraeg.json?.detail).toBe('Nid yw W01999999 yn ardal fach (LSOA) ym Mynegai Amddifadedd Lluosog Cymru');

    const cases: [string, Record<string, unknown>, string][] = [
      ['bad uprn', anAsset({ uprn: '12345678901234' }), 'uprn'],
      ['uprn not digits', anAsset({ uprn: 'ABC123' }), 'uprn'],
      ['unknown field', anAsset({ colour: 'red' }), ''],
      ['bad postcode', anAsset({ postcode: 'CF10' }), 'postcode'],
      ['not an LSOA at all', anAsset({ lsoaCode: 'E01000001' }), 'lsoaCode'],
      ['bad kind', anAsset({ kind: 'castle' }), 'kind'],
      ['no name', anAsset({ name: '   ' }), 'name'],
      ['control characters', anAsset({ address: 'Stryd\u0000Fawr' }), 'address'],
      ['availability is not given', anAsset({ availability: 'transferred' }), ''],
    ];
    for (const [what, body, path] of cases) {
      const refused = await call('officer', 'POST', '/api/assets', body);
      expect({ what, status: refused.status, type: refused.type }).toEqual({ what, status: 400, type: expect.stringContaining('application/problem+json') });
      const errors = refused.json?.errors as { path: string }[] | undefined;
      expect(
        errors?.map((e) => e.path),
        what,
      ).toContain(path);
    }
    expect(await counts()).toEqual(before);
  });

  it('registers once for a retried POST with the same Idempotency-Key', async () => {
    const key = randomUUID();
    const first = await call('officer', 'POST', '/api/assets', anAsset({ name: 'Y Capel' }), { 'idempotency-key': key });
    const again = await call('officer', 'POST', '/api/assets', anAsset({ name: 'Y Capel' }), { 'idempotency-key': key });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.response.headers.get('idempotent-replayed')).toBe('true');
    expect(again.json?.id).toBe(first.json?.id);
    expect(await system.prisma.asset.count({ where: { name: 'Y Capel' } })).toBe(1);
  });
});
