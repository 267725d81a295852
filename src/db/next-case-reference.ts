import { formatCaseReference } from '../domain/case-reference.js';
import type { PrismaClient } from './prisma.js';

/** The next `count` references for `prefix` in `year`; one atomic upsert, so concurrent requests never share one. */
export async function nextCaseReferences(prisma: PrismaClient, prefix: string, year: number, count: number): Promise<string[]> {
  const [row] = await prisma.$queryRaw<{ last: number }[]>`
    INSERT INTO reference_counter (prefix, year, last) VALUES (${prefix}, ${year}, ${count})
    ON CONFLICT (prefix, year) DO UPDATE SET last = reference_counter.last + ${count}
    RETURNING last`;
  if (!row) throw new Error(`No reference issued for ${prefix}-${year}`);
  return Array.from({ length: count }, (_, i) => formatCaseReference(prefix, year, row.last - count + 1 + i));
}

/** The next reference for `prefix` in `year`. */
export async function nextCaseReference(prisma: PrismaClient, prefix: string, year: number): Promise<string> {
  const [reference] = await nextCaseReferences(prisma, prefix, year, 1);
  return reference as string;
}
