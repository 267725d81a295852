import { formatCaseReference } from '../domain/case-reference.js';
import type { PrismaClient } from './prisma.js';

/** The next reference for `prefix` in `year`; one atomic upsert, so concurrent requests never share one. */
export async function nextCaseReference(prisma: PrismaClient, prefix: string, year: number): Promise<string> {
  const [row] = await prisma.$queryRaw<{ last: number }[]>`
    INSERT INTO reference_counter (prefix, year, last) VALUES (${prefix}, ${year}, 1)
    ON CONFLICT (prefix, year) DO UPDATE SET last = reference_counter.last + 1
    RETURNING last`;
  if (!row) throw new Error(`No reference issued for ${prefix}-${year}`);
  return formatCaseReference(prefix, year, row.last);
}
