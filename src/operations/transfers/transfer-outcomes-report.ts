import { stringify } from 'csv-stringify/sync';
import { z } from 'zod';
import type { Actor } from '../../access/actor.js';
import { enforce } from '../../access/policy.js';
import type { PrismaClient } from '../../db/prisma.js';
import { isOpen, type TransferStatus } from '../../domain/cat/status.js';

// How community asset transfers end, body by body. Most end early (declined, withdrawn, lapsed), and
// those outcomes are counted alongside the transfers that completed, as the funnel a council reports.

export const transferOutcomesQuery = z.strictObject({
  year: z.coerce.number().int().min(2000).max(2100).optional().meta({ description: 'Only cases started in this calendar year', example: 2026 }),
  format: z.enum(['json', 'csv']).default('json').meta({ description: '`csv` for a spreadsheet, `json` otherwise' }),
});
export type TransferOutcomesQuery = z.output<typeof transferOutcomesQuery>;

export const outcomeColumns = ['cases', 'in_progress', 'declined', 'withdrawn', 'lapsed', 'transferred', 'returned'] as const;
type OutcomeColumn = (typeof outcomeColumns)[number];

export interface TransferOutcomesRow extends Record<OutcomeColumn, number> {
  ownerOrganisationId: string;
  ownerName: string;
}

function columnFor(status: TransferStatus): Exclude<OutcomeColumn, 'cases'> {
  if (isOpen(status)) return 'in_progress';
  if (status === 'declined' || status === 'withdrawn' || status === 'lapsed' || status === 'returned') return status;
  // Transferred, in monitoring, or monitored to the end: the asset changed hands.
  return 'transferred';
}

/**
 * Transfer outcomes per public body. Administrators and programme caseworkers see every body; an asset
 * officer sees the bodies they work for.
 */
export async function transferOutcomesReport({
  prisma,
  actor,
  query,
}: {
  prisma: PrismaClient;
  actor: Actor | undefined;
  query: TransferOutcomesQuery;
}): Promise<TransferOutcomesRow[]> {
  enforce(actor, 'transfer.report');
  const seesAll = actor?.grants.some((g) => g.role === 'administrator' || g.role === 'caseworker') ?? false;
  const ownBodies = (actor?.grants ?? []).filter((g) => g.role === 'asset_officer' && g.organisationId !== null).map((g) => g.organisationId as string);
  const groups = await prisma.transfer.groupBy({
    by: ['ownerOrganisationId', 'ownerName', 'status'],
    where: {
      ...(seesAll ? {} : { ownerOrganisationId: { in: ownBodies } }),
      ...(query.year === undefined ? {} : { createdAt: { gte: new Date(Date.UTC(query.year, 0, 1)), lt: new Date(Date.UTC(query.year + 1, 0, 1)) } }),
    },
    _count: { _all: true },
    orderBy: [{ ownerName: 'asc' }, { ownerOrganisationId: 'asc' }],
  });
  const rows = new Map<string, TransferOutcomesRow>();
  for (const group of groups) {
    const row = rows.get(group.ownerOrganisationId) ?? {
      ownerOrganisationId: group.ownerOrganisationId,
      ownerName: group.ownerName,
      cases: 0,
      in_progress: 0,
      declined: 0,
      withdrawn: 0,
      lapsed: 0,
      transferred: 0,
      returned: 0,
    };
    row.cases += group._count._all;
    row[columnFor(group.status as TransferStatus)] += group._count._all;
    rows.set(group.ownerOrganisationId, row);
  }
  return [...rows.values()];
}

/** The report as CSV (UTF-8 with a byte-order mark, so spreadsheets read Welsh letters). */
export function transferOutcomesCsv(rows: TransferOutcomesRow[]): string {
  // A leading =, +, - or @ would make a spreadsheet run the cell as a formula: a body's name is text.
  const text = (value: string) => (/^[=+\-@\t\r]/.test(value) ? `'${value}` : value);
  return `\uFEFF${stringify(
    rows.map((row) => [row.ownerOrganisationId, text(row.ownerName), ...outcomeColumns.map((column) => row[column])]),
    { header: true, columns: ['owner_organisation_id', 'owner_name', ...outcomeColumns], record_delimiter: '\r\n' },
  )}`;
}
