import type { PrismaClient } from '../../db/prisma.js';
import { listFailures } from '../../operations/admin/list-failures.js';
import type { Route } from '../route-table.js';
import { failuresResponse } from './admin.schema.js';

export function adminRoutes({ prisma }: { prisma: PrismaClient }): Route[] {
  return [
    {
      // What went wrong without stopping a case: refused event writes, failed and stuck mail.
      method: 'get',
      path: '/api/admin/failures',
      action: 'failures.read',
      handler: async (_req, res) => {
        res.json(await listFailures({ prisma, now: new Date() }));
      },
      docs: {
        summary: 'Read what needs putting right',
        description:
          'Events a case’s history holds that the database refused (the case went on without them), mail refused for good, and mail unsent for more than 15 minutes; newest first, up to 100 of each. For administrators.',
        tags: ['Administration'],
        responses: { 200: { description: 'What failed', body: failuresResponse } },
      },
    },
  ];
}
