import express, { type Express } from 'express';
import helmet from 'helmet';
import { pinoHttp } from 'pino-http';
import type { AuthSettings } from '../auth/settings.js';
import type { Logger } from '../log.js';
import type { Readiness } from '../primitives/readiness.js';
import { authenticate } from './authenticate.js';
import { noStoreByDefault } from './cache-control.js';
import { idempotentRequests } from './idempotency.js';
import { notFoundHandler, problemHandler } from './problem.js';
import { carryRequestId, requestIdOf } from './request-id.js';
import { registerRoutes, type Route } from './route-table.js';
import { adminRoutes } from './routes/admin.js';
import { applicationFeedRoutes, type ApplicationFeedDependencies } from './routes/application-feeds.js';
import { applicationRoutes, type ApplicationRouteDependencies } from './routes/applications.js';
import { assetRoutes } from './routes/assets.js';
import { auditRoutes } from './routes/audit.js';
import { awardRoutes, type AwardRouteDependencies } from './routes/awards.js';
import { authRoutes } from './routes/auth.js';
import { bankAccountRoutes } from './routes/bank-accounts.js';
import { budgetRoutes } from './routes/budgets.js';
import { docsRoutes } from './routes/docs.js';
import { enquiryRoutes, type EnquiryRouteDependencies } from './routes/enquiries.js';
import { financeRoutes } from './routes/finance.js';
import { healthRoutes } from './routes/health.js';
import { openDataRoutes } from './routes/open-data.js';
import { paymentRunRoutes } from './routes/payment-runs.js';
import { recoveryRoutes } from './routes/recoveries.js';
import { transferRoutes, type TransferRouteDependencies } from './routes/transfers.js';
import { variationRoutes } from './routes/variations.js';
import { noteMalformedUtf8, wellFormedInput } from './well-formed-input.js';

export interface AppDependencies
  extends EnquiryRouteDependencies, ApplicationRouteDependencies, AwardRouteDependencies, TransferRouteDependencies, ApplicationFeedDependencies {
  logger: Logger;
  auth: AuthSettings;
  checkReadiness: () => Promise<Readiness>;
  /** Express's "trust proxy": which proxies' X-Forwarded-For gives the client's address (rate limits use it). */
  trustProxy?: number | string;
  /** How long an unanswered Idempotency-Key claim holds off a retry (src/api/idempotency.ts). */
  idempotencyLeaseSeconds?: number;
}

/** Every route the API serves, each with the policy action that guards it. */
export function routes(deps: AppDependencies): Route[] {
  // The OpenAPI document describes this very list (not a second one built for it), read when first asked for.
  const table: Route[] = [
    ...healthRoutes(deps.checkReadiness),
    ...authRoutes(deps),
    ...enquiryRoutes(deps),
    ...applicationRoutes(deps),
    ...awardRoutes(deps),
    ...variationRoutes(deps),
    ...recoveryRoutes(deps),
    ...applicationFeedRoutes(deps),
    ...auditRoutes(deps),
    ...adminRoutes(deps),
    ...financeRoutes(deps),
    ...budgetRoutes(deps),
    ...bankAccountRoutes(deps),
    ...paymentRunRoutes(deps),
    ...openDataRoutes(deps),
    ...assetRoutes(deps),
    ...transferRoutes(deps),
    ...docsRoutes(() => table),
  ];
  return table;
}

/** The HTTP edge: parse, call one operation, answer. Exported without listening so tests pick ports. */
export function createApp(deps: AppDependencies): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  app.set('trust proxy', deps.trustProxy ?? false);

  app.use(noStoreByDefault);
  app.use(helmet());
  app.use(
    pinoHttp({
      logger: deps.logger,
      genReqId: requestIdOf,
      customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
      autoLogging: { ignore: (req) => req.url === '/healthz' || req.url === '/readyz' },
    }),
  );
  app.use(carryRequestId);
  app.use(express.json({ limit: '100kb', verify: noteMalformedUtf8 }));
  const table = routes(deps);
  // Before anything reads the request: text that is not well-formed, or JSON nested too deep, goes no further.
  app.use(wellFormedInput(table));
  app.use(authenticate({ prisma: deps.prisma, auth: deps.auth }));

  const router = express.Router();
  // Idempotency-Key is honoured per POST route, after authentication and the route's access gate.
  const lease = deps.idempotencyLeaseSeconds === undefined ? {} : { leaseMs: deps.idempotencyLeaseSeconds * 1000 };
  registerRoutes(router, table, { idempotency: idempotentRequests({ prisma: deps.prisma, ...lease }) });
  app.use(router);

  app.use(notFoundHandler);
  app.use(problemHandler);
  return app;
}
