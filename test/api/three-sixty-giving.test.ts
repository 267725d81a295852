import { readFileSync } from 'node:fs';
import { Ajv2020, type AnySchemaObject } from 'ajv/dist/2020.js';
import formatsPlugin from 'ajv-formats';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addMonths,
  dateInWales,
  poundsFromPence,
  threeSixtyGivingCsv,
  threeSixtyGivingGrants,
  threeSixtyGivingPackage,
  welshGovernment,
  type ThreeSixtyGivingGrant,
  type ThreeSixtyGivingPackage,
} from '../../src/open-data/three-sixty-giving.js';
import { threeSixtyGivingSchemaErrors } from '../../src/open-data/three-sixty-giving-schema.js';
import type { CfpApplicationState } from '../../src/workflows/cfp-application.messages.js';
import { startTestSystem, type TestSystem } from '../support/app.js';
import { area, insertApplication } from '../support/cfp.js';
import { createOrganisation, type TestOrganisation } from '../support/people.js';

// The export checked against the 360Giving schemas themselves (data/360giving/, JSON Schema 2020-12), so a
// grant the standard would refuse fails here rather than in 360Giving's data quality tool.

// ajv-formats is CommonJS: Node's default import is the plugin itself, which TypeScript types as its `default`.
const addFormats = formatsPlugin as unknown as typeof formatsPlugin.default;

/**
 * One of the schemas. They name their dialect `http://json-schema.org/draft/2020-12/schema`, the draft's own
 * URI with http for https, which Ajv does not know by that name: same dialect, so it gets the name Ajv knows.
 */
function readSchema(name: string): AnySchemaObject {
  const schema = JSON.parse(readFileSync(new URL(`../../data/360giving/${name}`, import.meta.url), 'utf8')) as AnySchemaObject;
  expect(schema.$schema).toBe('http://json-schema.org/draft/2020-12/schema');
  return { ...schema, $schema: 'https://json-schema.org/draft/2020-12/schema' };
}

/** A validator for 360Giving packages that works offline. */
function packageValidator() {
  const grantSchema = readSchema('360-giving-schema.json');
  const packageSchema = readSchema('360-giving-package-schema.json');
  // The package schema names the grant schema by its published URL (1.4.2), the grant schema itself by 1.4.3.
  const grantsRef = (packageSchema.properties as { grants: { items: { $ref: string } } }).grants.items.$ref;
  const ajv = new Ajv2020({ allErrors: true });
  addFormats(ajv);
  // The schemas' own annotations for 360Giving's tools: not validation keywords.
  ajv.addVocabulary(['codelist', 'openCodelist', 'rollUp', 'weight']);
  ajv.addSchema(grantSchema);
  if (grantsRef !== grantSchema.$id) ajv.addSchema({ ...grantSchema, $id: grantsRef });
  return ajv.compile(packageSchema);
}

/** The schema object a flat CSV column title names (`Beneficiary Location:0:Geographic Code`), if any. */
function schemaFieldOf(schema: AnySchemaObject, columnTitle: string): AnySchemaObject | undefined {
  const defs = schema.$defs as Record<string, AnySchemaObject>;
  const resolve = (node: AnySchemaObject): AnySchemaObject => {
    const item = (node.items as AnySchemaObject | undefined) ?? node;
    const ref = item.$ref as string | undefined;
    return ref ? (defs[ref.replace('#/$defs/', '')] ?? item) : item;
  };
  let node: AnySchemaObject | undefined = schema;
  for (const part of columnTitle.split(':').filter((p) => !/^\d+$/.test(p))) {
    const properties: Record<string, AnySchemaObject> = node ? ((resolve(node).properties as Record<string, AnySchemaObject> | undefined) ?? {}) : {};
    node = Object.values(properties).find((property) => (property.title ?? resolve(property).title) === part);
  }
  return node;
}

describe('360Giving open data', () => {
  let system: TestSystem;
  let charity: TestOrganisation;
  let group: TestOrganisation;
  const charityGrant = 'CFP-2026-360001';
  const groupGrant = 'CFP-2026-360002';
  const awkwardTitle = 'Neuadd "Y Graig", Llanfair';
  const decisionAt = '2026-06-01T09:00:00.000Z';

  beforeAll(async () => {
    system = await startTestSystem();
    charity = await system.prisma.organisation.create({
      data: { kind: 'community_group', name: 'Neuadd Bentref Aberffraw', legalForm: 'CIO', charityNumber: '1199123', orgId: 'GB-CHC-1199123' },
      select: { id: true, name: true, orgId: true },
    });
    group = await createOrganisation(system.prisma, { name: 'Gardd Gymunedol Pen-y-bryn' });

    await insertApplication(system.prisma, { reference: charityGrant, organisation: charity, status: 'accepted' });
    await insertApplication(system.prisma, { reference: groupGrant, organisation: group, status: 'accepted' });
    // A title with a comma and quotes, and a summary over two lines, for the CSV.
    const second = await system.prisma.application.findUniqueOrThrow({ where: { reference: groupGrant } });
    const snapshot = second.snapshot as unknown as CfpApplicationState;
    await system.prisma.application.update({
      where: { reference: groupGrant },
      data: {
        projectTitle: awkwardTitle,
        snapshot: JSON.parse(
          JSON.stringify({ ...snapshot, projectTitle: awkwardTitle, eoi: { ...snapshot.eoi, projectSummary: 'Gardd i’r pentref\nA garden for the village' } }),
        ),
      },
    });

    const award = (applicationReference: string, organisationId: string, amountPence: bigint, decidedAt: string, acceptedAt: string) =>
      system.prisma.award.create({
        data: {
          applicationReference,
          organisationId,
          amountPence,
          conditions: [],
          policyVersion: 'CFP-2024',
          decidedAt: new Date(decidedAt),
          acceptedAt: new Date(acceptedAt),
          financialYear: 2026,
        },
      });
    await award(charityGrant, charity.id, 1_800_000n, decisionAt, '2026-06-10T10:00:00.000Z');
    // Decided at 00:30 on 1 July in Wales (BST), which is still 30 June in UTC.
    await award(groupGrant, group.id, 1_234_567n, '2026-06-30T23:30:00.000Z', '2028-02-29T12:00:00.000Z');

    // Two confirmed payments to the charity (disbursed); an instruction alone is not money paid.
    const entry = (entryKey: string, kind: 'commitment' | 'payment_instructed' | 'payment_confirmed', amountPence: bigint) =>
      system.prisma.ledgerEntry.create({
        data: {
          entryKey,
          awardReference: charityGrant,
          programme: 'CFP',
          financialYear: 2026,
          kind,
          amountPence,
          occurredAt: new Date('2026-09-01T12:00:00.000Z'),
        },
      });
    await entry(`commitment:${charityGrant}`, 'commitment', 1_800_000n);
    await entry(`payment:${charityGrant}/C1`, 'payment_instructed', 500_000n);
    await entry(`payment-confirmed:${charityGrant}/C1`, 'payment_confirmed', 500_000n);
    await entry(`payment:${charityGrant}/C2`, 'payment_instructed', 112_345n);
    await entry(`payment-confirmed:${charityGrant}/C2`, 'payment_confirmed', 112_345n);
  });

  afterAll(() => system?.stop());

  const grantOf = (grants: ThreeSixtyGivingGrant[], reference: string) => {
    const grant = grants.find((g) => g.id === `360G-CYMUNED-${reference}`);
    if (!grant) throw new Error(`no grant for ${reference}`);
    return grant;
  };

  it('publishes each award as a grant: pounds, the decision date, organisations and places', async () => {
    const grants = await threeSixtyGivingGrants(system.prisma);
    const first = grantOf(grants, charityGrant);
    expect(first).toMatchObject({
      title: 'To newydd i’r neuadd',
      description: 'Adnewyddu to’r neuadd a gosod paneli solar',
      currency: 'GBP',
      amountAwarded: 18000,
      amountDisbursed: 6123.45,
      awardDate: '2026-06-01',
      plannedDates: [{ startDate: '2026-06-10', endDate: '2028-06-10', duration: 24 }],
      recipientOrganization: [{ id: 'GB-CHC-1199123', name: 'Neuadd Bentref Aberffraw', charityNumber: '1199123' }],
      fundingOrganization: [welshGovernment],
      grantProgramme: [{ code: 'CFP', title: 'Community Facilities Programme' }],
      fromOpenCall: 'Yes',
    });
    expect(first.awardDate).toBe(decisionAt.slice(0, 10));
    expect(first.beneficiaryLocation).toEqual([
      expect.objectContaining({ geoCode: area.lsoaCode, geoCodeType: 'LSOA', countryCode: 'GB' }),
      { geoCode: area.localAuthorityCode, geoCodeType: 'UA', name: area.localAuthorityName, countryCode: 'GB' },
    ]);
    // The latest confirmed payment was recorded just now, after the case's last change.
    expect(Date.parse(first.dateModified)).toBeGreaterThan(Date.parse('2026-06-10T10:00:00.000Z'));

    const second = grantOf(grants, groupGrant);
    expect(second).toMatchObject({
      title: awkwardTitle,
      amountAwarded: 12345.67,
      awardDate: '2026-07-01',
      recipientOrganization: [{ id: group.orgId, name: group.name }],
    });
    expect(second.recipientOrganization[0]).not.toHaveProperty('charityNumber');
    expect(second).not.toHaveProperty('amountDisbursed');
    expect(second.plannedDates).toEqual([{ startDate: '2028-02-29', endDate: '2030-02-28', duration: 24 }]);
    expect(JSON.stringify(second.amountAwarded)).toBe('12345.67');
  });

  it('makes a package the 360Giving package schema accepts, and the schema refuses a broken grant', async () => {
    const validate = packageValidator();
    const now = new Date('2026-11-23T12:00:00.000Z');
    const pack: ThreeSixtyGivingPackage = await threeSixtyGivingPackage(system.prisma, { now });
    expect(pack).toMatchObject({ version: '1.4', publisher: { prefix: '360G-CYMUNED', identifier: welshGovernment.id }, modified: now.toISOString() });
    expect(pack.license).toMatch(/^https:\/\//);
    expect(validate(pack), JSON.stringify(validate.errors, null, 2)).toBe(true);

    const [grant] = pack.grants;
    if (!grant) throw new Error('no grants');
    const withoutRecipient: Partial<ThreeSixtyGivingGrant> = { ...grant };
    delete withoutRecipient.recipientOrganization;
    for (const broken of [
      { ...grant, amountAwarded: '18000' },
      { ...grant, awardDate: '01/06/2026' },
      withoutRecipient,
      { ...grant, recipientOrganization: [{ name: 'No id' }] },
    ]) {
      expect(validate({ ...pack, grants: [broken] }), JSON.stringify(broken)).toBe(false);
      // The API's own check, made before anything is served, refuses it too.
      expect(threeSixtyGivingSchemaErrors({ ...pack, grants: [broken] }), JSON.stringify(broken)).not.toEqual([]);
    }
    expect(threeSixtyGivingSchemaErrors(pack)).toEqual([]);
  });

  it('writes the flat CSV: a header row of 360Giving titles, one row per grant, quoted as RFC 4180 says', async () => {
    const grants = await threeSixtyGivingGrants(system.prisma);
    const csv = threeSixtyGivingCsv(grants);
    const [header, ...rows] = parse(csv, { relax_column_count: false }) as string[][];
    expect(rows).toHaveLength(grants.length);
    expect(header).toEqual(
      expect.arrayContaining([
        'Identifier',
        'Title',
        'Description',
        'Currency',
        'Amount Awarded',
        'Award Date',
        'Recipient Org:Identifier',
        'Recipient Org:Name',
        'Funding Org:Identifier',
        'Funding Org:Name',
        'Grant Programme:Title',
        'Beneficiary Location:0:Geographic Code',
        'Beneficiary Location:0:Geographic Code Type',
        'Beneficiary Location:1:Geographic Code',
        'Amount Disbursed',
        'Last Modified',
      ]),
    );
    const grantSchema = readSchema('360-giving-schema.json');
    expect(
      (header ?? []).filter((title) => !schemaFieldOf(grantSchema, title)),
      'columns the 360Giving schema has no field for',
    ).toEqual([]);

    const byId = new Map(rows.map((row) => [row[0], Object.fromEntries((header ?? []).map((title, i) => [title, row[i]]))]));
    expect(byId.get(`360G-CYMUNED-${charityGrant}`)).toMatchObject({
      'Amount Awarded': '18000',
      'Amount Disbursed': '6123.45',
      'Award Date': '2026-06-01',
      'Recipient Org:Identifier': 'GB-CHC-1199123',
      'Beneficiary Location:0:Geographic Code': area.lsoaCode,
      'Beneficiary Location:0:Geographic Code Type': 'LSOA',
      'Beneficiary Location:1:Geographic Code Type': 'UA',
    });
    expect(byId.get(`360G-CYMUNED-${groupGrant}`)).toMatchObject({
      Title: awkwardTitle,
      Description: 'Gardd i’r pentref\nA garden for the village',
      'Amount Awarded': '12345.67',
      'Amount Disbursed': '',
    });
    expect(csv).toContain('"Neuadd ""Y Graig"", Llanfair"');
    expect(csv.endsWith('\r\n')).toBe(true);
  });

  it('defuses text a spreadsheet would run as a formula', () => {
    const [grant] = [
      {
        id: '360G-CYMUNED-X',
        title: '=HYPERLINK("https://example.com","Cliciwch")',
        description: '-1+1',
        currency: 'GBP',
        amountAwarded: 1,
        awardDate: '2026-01-01',
        plannedDates: [],
        recipientOrganization: [{ id: 'GB-CHC-1', name: '@grŵp' }],
        fundingOrganization: [welshGovernment],
        grantProgramme: [],
        beneficiaryLocation: [],
        fromOpenCall: 'Yes',
        dateModified: '2026-01-01T00:00:00.000Z',
      } satisfies ThreeSixtyGivingGrant,
    ];
    const [header, row] = parse(threeSixtyGivingCsv([grant])) as string[][];
    const cell = (title: string) => row?.[header?.indexOf(title) ?? -1];
    expect(cell('Title')).toBe(`'${grant.title}`);
    expect(cell('Description')).toBe("'-1+1");
    expect(cell('Recipient Org:Name')).toBe("'@grŵp");
  });

  it('serves both to anyone, signed in or not', async () => {
    const json = await fetch(`${system.url}/api/open-data/360giving.json`);
    expect(json.status).toBe(200);
    expect(json.headers.get('content-type')).toMatch(/^application\/json/);
    expect(json.headers.get('cache-control')).toMatch(/^public, max-age=\d+$/);
    const pack = (await json.json()) as ThreeSixtyGivingPackage;
    expect(packageValidator()(pack)).toBe(true);
    expect(grantOf(pack.grants, charityGrant).amountAwarded).toBe(18000);

    const csv = await fetch(`${system.url}/api/open-data/360giving.csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('cache-control')).toMatch(/^public, max-age=\d+$/);
    expect(csv.headers.get('content-disposition')).toMatch(/^attachment; filename="?cymuned-360giving\.csv"?$/);
    const rows = parse(await csv.text()) as string[][];
    expect(rows).toHaveLength(pack.grants.length + 1);
  });
});

describe('360Giving amounts and dates', () => {
  it('turns pence into pounds exactly', () => {
    expect(poundsFromPence(1_800_000n)).toBe(18000);
    expect(poundsFromPence(12_345n)).toBe(123.45);
    expect(poundsFromPence(1n)).toBe(0.01);
    expect(poundsFromPence(10n)).toBe(0.1);
    expect(poundsFromPence(0n)).toBe(0);
    expect(String(poundsFromPence(900_719_925_474_099n))).toBe('9007199254740.99');
    expect(() => poundsFromPence(2n ** 60n)).toThrow(RangeError);
  });

  it('takes dates in Wales and adds months without running into the next month', () => {
    expect(dateInWales(new Date('2026-06-30T23:30:00.000Z'))).toBe('2026-07-01');
    expect(dateInWales(new Date('2026-12-31T23:30:00.000Z'))).toBe('2026-12-31');
    expect(addMonths('2028-02-29', 24)).toBe('2030-02-28');
    expect(addMonths('2026-08-31', 1)).toBe('2026-09-30');
    expect(addMonths('2026-06-10', 24)).toBe('2028-06-10');
  });
});

describe('360Giving open data before anything is awarded', () => {
  let system: TestSystem;

  beforeAll(async () => {
    system = await startTestSystem();
  });

  afterAll(() => system?.stop());

  it('is not a valid package with no grants, so neither file is published: both answer 404 saying why, in the reader’s language', async () => {
    // The package schema needs at least one grant: an empty package is not 360Giving data.
    const empty = await threeSixtyGivingPackage(system.prisma, { now: new Date('2026-11-23T12:00:00.000Z') });
    expect(empty.grants).toEqual([]);
    expect(packageValidator()(empty)).toBe(false);

    for (const file of ['360giving.json', '360giving.csv']) {
      const english = await fetch(`${system.url}/api/open-data/${file}`, { headers: { 'accept-language': 'en' } });
      expect({ file, status: english.status }).toEqual({ file, status: 404 });
      expect(english.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      // Not cached: the first accepted award must show at once.
      expect(english.headers.get('cache-control')).toBe('no-store');
      const problem = (await english.json()) as { type: string; detail: string };
      expect(problem.type).toBe('https://cymuned.example/problems/nothing-published');
      expect(problem.detail).toBe(
        'Nothing is published yet: no Community Facilities Programme grant has been awarded and accepted. The file appears with the first accepted award.',
      );

      const welsh = await fetch(`${system.url}/api/open-data/${file}`, { headers: { 'accept-language': 'cy' } });
      expect(welsh.status).toBe(404);
      expect(((await welsh.json()) as { detail: string }).detail).toBe(
        'Nid oes dim wedi’i gyhoeddi eto: nid oes grant y Rhaglen Cyfleusterau Cymunedol wedi’i ddyfarnu a’i dderbyn. Bydd y ffeil yn ymddangos gyda’r dyfarniad cyntaf a dderbynnir.',
      );
    }
  });
});
