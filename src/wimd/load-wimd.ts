import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CsvError, parse } from 'csv-parse/sync';
import { z } from 'zod';
import type { PrismaClient } from '../db/prisma.js';
import { WIMD_2019, WIMD_2019_AREA_COUNT, wimdDecile } from '../domain/wimd.js';

/** Absolute path of data/wimd-2019-lsoa.csv, independent of the working directory. */
export const wimd2019CsvPath = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../data/wimd-2019-lsoa.csv');

/** The file is not a complete, well-formed WIMD 2019 table; the message names the file and line. */
export class WimdFileError extends Error {
  override name = 'WimdFileError';
}

const count = WIMD_2019_AREA_COUNT.toLocaleString('en-GB');

// Only the columns we keep are checked; the MSOA columns are in the file for people reading it.
const rowSchema = z.object({
  lsoa_code: z.string().regex(/^W01\d{6}$/, 'must be an LSOA code such as W01000001'),
  lsoa_name: z.string().trim().min(1, 'is empty'),
  local_authority_code: z.string().regex(/^W06\d{6}$/, 'must be a local authority code such as W06000001'),
  local_authority_name: z.string().trim().min(1, 'is empty'),
  wimd_2019_score: z
    .string()
    .regex(/^\d+(\.\d+)?$/, 'must be a number such as 19.1739')
    .transform(Number),
  wimd_2019_rank: z
    .string()
    .regex(/^\d+$/, `must be a whole number from 1 to ${count}`)
    .transform(Number)
    .pipe(z.number().min(1, `must be from 1 to ${count}`).max(WIMD_2019_AREA_COUNT, `must be from 1 to ${count}`)),
});

type Column = keyof typeof rowSchema.shape;
const columns = Object.keys(rowSchema.shape) as Column[];

/**
 * Loads WIMD 2019 into `wimd_area` (edition WIMD2019) with each area's decile. Runs on every start: when
 * all 1,909 areas are there it returns at once without reading the file, and otherwise it adds only the
 * missing ones. The whole file is checked before anything is written, so a bad file loads nothing.
 */
export async function loadWimd2019(prisma: PrismaClient, csvPath: string = wimd2019CsvPath): Promise<{ loaded: number }> {
  const present = await prisma.wimdArea.count({ where: { edition: WIMD_2019 } });
  if (present >= WIMD_2019_AREA_COUNT) return { loaded: 0 };

  const areas = await readWimd2019(csvPath);
  const { count: loaded } = await prisma.wimdArea.createMany({ data: areas, skipDuplicates: true });
  return { loaded };
}

async function readWimd2019(csvPath: string) {
  let header: string[] = [];
  let rows: { line: number; record: Record<string, string> }[];
  try {
    rows = parse<{ line: number; record: Record<string, string> }, Record<string, string>>(await readFile(csvPath, 'utf8'), {
      bom: true,
      skip_empty_lines: true,
      columns: (names: string[]) => (header = names),
      on_record: (record, { lines }) => ({ line: lines, record }),
    });
  } catch (error) {
    if (error instanceof CsvError) throw new WimdFileError(`${csvPath}: ${error.message}`, { cause: error });
    throw error;
  }

  const missing = columns.filter((column) => !header.includes(column));
  if (missing.length) throw new WimdFileError(`${csvPath} line 1: the header lacks the column(s) ${missing.join(', ')}`);

  const lineOfCode = new Map<string, number>();
  const lineOfRank = new Map<number, number>();
  const areas = rows.map(({ line, record }) => {
    const parsed = rowSchema.safeParse(record);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((issue) => {
        const column = String(issue.path[0]);
        return `${column} ${issue.message} (found ${JSON.stringify(record[column])})`;
      });
      throw new WimdFileError(`${csvPath} line ${line}: ${problems.join('; ')}`);
    }
    const row = parsed.data;
    const codeLine = lineOfCode.get(row.lsoa_code);
    if (codeLine !== undefined) throw new WimdFileError(`${csvPath} line ${line}: ${row.lsoa_code} is already on line ${codeLine}`);
    const rankLine = lineOfRank.get(row.wimd_2019_rank);
    if (rankLine !== undefined) throw new WimdFileError(`${csvPath} line ${line}: rank ${row.wimd_2019_rank} is already on line ${rankLine}`);
    lineOfCode.set(row.lsoa_code, line);
    lineOfRank.set(row.wimd_2019_rank, line);
    return {
      edition: WIMD_2019,
      lsoaCode: row.lsoa_code,
      lsoaName: row.lsoa_name,
      localAuthorityCode: row.local_authority_code,
      localAuthorityName: row.local_authority_name,
      score: row.wimd_2019_score,
      rank: row.wimd_2019_rank,
      decile: wimdDecile(row.wimd_2019_rank, WIMD_2019_AREA_COUNT),
    };
  });

  // With distinct ranks from 1 to 1,909, 1,909 rows means every rank is there once.
  if (areas.length !== WIMD_2019_AREA_COUNT) {
    throw new WimdFileError(`${csvPath}: ${areas.length.toLocaleString('en-GB')} areas, but WIMD 2019 ranks ${count}`);
  }
  return areas;
}
