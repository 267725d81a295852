import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { PrismaClient } from '../../src/db/prisma.js';
import { WIMD_2019 } from '../../src/domain/wimd.js';
import { findWimdArea } from '../../src/wimd/find-wimd-area.js';
import { WimdFileError, loadWimd2019, wimd2019CsvPath } from '../../src/wimd/load-wimd.js';
import { useMigratedDatabase } from '../support/database.js';

const aberffraw = {
  edition: WIMD_2019,
  lsoaCode: 'W01000001',
  lsoaName: 'Aberffraw & Rhosneigr 1',
  localAuthorityCode: 'W06000001',
  localAuthorityName: 'Isle of Anglesey',
  rank: 885,
  decile: 5,
};

function allAreas(prisma: PrismaClient) {
  return prisma.wimdArea.findMany({ orderBy: [{ edition: 'asc' }, { lsoaCode: 'asc' }] });
}

describe('WIMD 2019 in a migrated database', () => {
  let prisma: PrismaClient;
  useMigratedDatabase((client) => (prisma = client));

  it('holds all 1,909 small areas already, as every test database is cloned from the loaded template', async () => {
    expect(await prisma.wimdArea.count({ where: { edition: WIMD_2019 } })).toBe(1909);
  });

  it('finds an area with its rank and decile', async () => {
    expect(await findWimdArea(prisma, 'W01000001')).toEqual(aberffraw);
    expect(await findWimdArea(prisma, 'W01000001', WIMD_2019)).toEqual(aberffraw);
    // A quoted name with a comma in it survives the CSV.
    expect(await findWimdArea(prisma, 'W01001905')).toMatchObject({ lsoaName: 'Llangors, Bwlch & Grwyney', localAuthorityName: 'Powys' });
  });

  it('returns null for a code that is not an area of the edition', async () => {
    expect(await findWimdArea(prisma, 'W01999999')).toBeNull();
    expect(await findWimdArea(prisma, 'w01000001')).toBeNull();
    expect(await findWimdArea(prisma, 'W01000001', 'WIMD2025')).toBeNull();
  });

  it('loads nothing on a later start, without reading the file', async () => {
    const before = await allAreas(prisma);
    expect(await loadWimd2019(prisma, path.join(tmpdir(), 'no-such-wimd-file.csv'))).toEqual({ loaded: 0 });
    expect(await allAreas(prisma)).toEqual(before);
  });
});

describe('loading WIMD 2019 into an empty table', () => {
  let prisma: PrismaClient;
  let dir: string;
  useMigratedDatabase((client) => (prisma = client));
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'cymuned-wimd-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));
  beforeEach(() => prisma.$executeRaw`DELETE FROM wimd_area`);

  async function csv(name: string, text: string): Promise<string> {
    const file = path.join(dir, name);
    await writeFile(file, text);
    return file;
  }

  it('loads every area with deciles from 1 (ranks 1-191) to 10, and a second load changes nothing', async () => {
    expect(await loadWimd2019(prisma)).toEqual({ loaded: 1909 });
    expect(await prisma.wimdArea.count()).toBe(1909);
    expect(await findWimdArea(prisma, 'W01000001')).toEqual(aberffraw);

    const deciles = await prisma.wimdArea.groupBy({ by: ['decile'], _min: { rank: true }, _max: { rank: true }, orderBy: { decile: 'asc' } });
    expect(deciles.map((d) => d.decile)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(deciles[0]).toMatchObject({ _min: { rank: 1 }, _max: { rank: 191 } });
    expect(deciles[1]).toMatchObject({ _min: { rank: 192 }, _max: { rank: 382 } });
    expect(deciles[9]).toMatchObject({ _max: { rank: 1909 } });

    const before = await allAreas(prisma);
    expect(await loadWimd2019(prisma)).toEqual({ loaded: 0 });
    expect(await allAreas(prisma)).toEqual(before);
  });

  it('adds back only the areas that are missing', async () => {
    await loadWimd2019(prisma);
    await prisma.wimdArea.deleteMany({ where: { localAuthorityCode: 'W06000001' } });
    const anglesey = 1909 - (await prisma.wimdArea.count());
    expect(anglesey).toBeGreaterThan(0);
    expect(await loadWimd2019(prisma)).toEqual({ loaded: anglesey });
    expect(await prisma.wimdArea.count()).toBe(1909);
  });

  describe('refuses a malformed file, naming the line, and loads nothing', () => {
    let header: string;
    let good: string[];
    beforeAll(async () => {
      [header = '', ...good] = (await readFile(wimd2019CsvPath, 'utf8')).trimEnd().split(/\r?\n/);
    });

    async function refused(text: string, message: RegExp) {
      const file = await csv(`bad-${Math.random().toString(36).slice(2)}.csv`, text);
      const load = loadWimd2019(prisma, file);
      await expect(load).rejects.toThrow(WimdFileError);
      await expect(load).rejects.toThrow(message);
      expect(await prisma.wimdArea.count()).toBe(0);
    }

    it('a rank that is not a number', async () => {
      const rows = [...good];
      rows[2] = 'W01000003,Aberffraw & Rhosneigr 3,W06000001,Isle of Anglesey,W02000007,Isle of Anglesey 007,12.0,twelve';
      await refused([header, ...rows].join('\n'), /line 4: wimd_2019_rank must be a whole number from 1 to 1,909 \(found "twelve"\)/);
    });

    it('a rank beyond the edition, a bad code and a missing score', async () => {
      await refused([header, 'W01000001,A,W06000001,B,W02000007,C,19.1,1910'].join('\n'), /line 2: wimd_2019_rank must be from 1 to 1,909/);
      await refused([header, 'E01000001,A,W06000001,B,W02000007,C,19.1,1'].join('\n'), /line 2: lsoa_code must be an LSOA code such as W01000001/);
      await refused([header, 'W01000001,A,W06000001,B,W02000007,C,,1'].join('\n'), /line 2: wimd_2019_score must be a number/);
    });

    it('a row with a column missing', async () => {
      await refused([header, good[0], 'W01000002,Aberffraw & Rhosneigr 2,W06000001,Isle of Anglesey,12.2,1324'].join('\n'), /line 3/);
    });

    it('a header without the rank', async () => {
      await refused(
        ['lsoa_code,lsoa_name,local_authority_code,local_authority_name,wimd_2019_score', 'W01000001,A,W06000001,B,19.1'].join('\n'),
        /line 1: .*wimd_2019_rank/,
      );
    });

    it('an area or a rank given twice', async () => {
      await refused([header, good[0], good[1], good[0]].join('\n'), /line 4: W01000001 is already on line 2/);
      const sameRank = (good[1] ?? '').replace(/,1324$/, ',885');
      await refused([header, good[0], sameRank].join('\n'), /line 3: rank 885 is already on line 2/);
    });

    it('a file that is short of areas', async () => {
      await refused([header, ...good.slice(0, -1)].join('\n'), /1,908 areas, but WIMD 2019 ranks 1,909/);
    });
  });
});
