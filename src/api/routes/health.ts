import { Router } from 'express';
import type { Readiness } from '../../system/readiness.js';

/** Liveness says the process answers; readiness says it can serve (database, Temporal, migrations). */
export function healthRoutes(checkReadiness: () => Promise<Readiness>): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'alive' });
  });
  router.get('/readyz', async (_req, res) => {
    const readiness = await checkReadiness();
    res.status(readiness.ready ? 200 : 503).json(readiness);
  });
  return router;
}
