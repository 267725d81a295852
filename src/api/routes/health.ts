import type { Readiness } from '../../primitives/readiness.js';
import type { Route } from '../route-table.js';
import { livenessResponse, readinessResponse } from './health.schema.js';

/** Liveness says the process answers; readiness says it can serve (database, Temporal, migrations). */
export function healthRoutes(checkReadiness: () => Promise<Readiness>): Route[] {
  return [
    {
      method: 'get',
      path: '/healthz',
      action: 'health.read',
      handler: (_req, res) => {
        res.json({ status: 'alive' });
      },
      docs: {
        summary: 'Liveness: the process answers',
        tags: ['Health'],
        responses: { 200: { description: 'Alive', body: livenessResponse } },
      },
    },
    {
      method: 'get',
      path: '/readyz',
      action: 'health.read',
      handler: async (_req, res) => {
        const readiness = await checkReadiness();
        res.status(readiness.ready ? 200 : 503).json(readiness);
      },
      docs: {
        summary: 'Readiness: the database, Temporal and migrations are fine',
        tags: ['Health'],
        responses: {
          200: { description: 'Ready to serve', body: readinessResponse },
          503: { description: 'Not ready; the checks say why', body: readinessResponse },
        },
      },
    },
  ];
}
