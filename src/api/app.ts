import express, { type Express } from 'express';
import { pinoHttp } from 'pino-http';
import type { Logger } from '../log.js';
import type { Readiness } from '../system/readiness.js';
import { notFoundHandler, problemHandler } from './problem.js';
import { carryRequestId, requestIdOf } from './request-id.js';
import { enquiryRoutes, type EnquiryRouteDependencies } from './routes/enquiries.js';
import { healthRoutes } from './routes/health.js';

export interface AppDependencies extends EnquiryRouteDependencies {
  logger: Logger;
  checkReadiness: () => Promise<Readiness>;
}

/** The HTTP edge: parse, call one operation, answer. Exported without listening so tests pick ports. */
export function createApp(deps: AppDependencies): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');

  app.use(
    pinoHttp({
      logger: deps.logger,
      genReqId: requestIdOf,
      customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
      autoLogging: { ignore: (req) => req.url === '/healthz' || req.url === '/readyz' },
    }),
  );
  app.use(carryRequestId);
  app.use(express.json({ limit: '100kb' }));

  app.use(healthRoutes(deps.checkReadiness));
  app.use('/api', enquiryRoutes(deps));

  app.use(notFoundHandler);
  app.use(problemHandler);
  return app;
}
