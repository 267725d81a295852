import type { Readiness } from '../../system/readiness.js';
import type { Route } from '../route-table.js';

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
    },
    {
      method: 'get',
      path: '/readyz',
      action: 'health.read',
      handler: async (_req, res) => {
        const readiness = await checkReadiness();
        res.status(readiness.ready ? 200 : 503).json(readiness);
      },
    },
  ];
}
