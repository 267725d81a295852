import { randomBytes } from 'node:crypto';
import express, { type Express, type RequestHandler } from 'express';
import helmet from 'helmet';
import { pinoHttp } from 'pino-http';
import type { AuthSettings } from '../auth/settings.js';
import type { Logger } from '../log.js';
import type { Readiness } from '../primitives/readiness.js';
import { authenticate, checkUploadCsrf, preSessionFormCheck } from './authenticate.js';
import { readPageUpload } from './page-uploads.js';
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
import { accountRoutes } from './routes/accounts.js';
import { bankAccountRoutes } from './routes/bank-accounts.js';
import { budgetRoutes } from './routes/budgets.js';
import { docsRoutes } from './routes/docs.js';
import { enquiryRoutes, type EnquiryRouteDependencies } from './routes/enquiries.js';
import { financeRoutes } from './routes/finance.js';
import { healthRoutes } from './routes/health.js';
import { openDataRoutes } from './routes/open-data.js';
import { organisationRoutes } from './routes/organisations.js';
import { paymentRunRoutes } from './routes/payment-runs.js';
import { recoveryRoutes } from './routes/recoveries.js';
import { transferRoutes, type TransferRouteDependencies } from './routes/transfers.js';
import { variationRoutes } from './routes/variations.js';
import { noteMalformedUtf8, wellFormedInput } from './well-formed-input.js';
import { assets } from '../web/assets.js';
import { pageErrors, pageNotFound } from '../web/error-pages.js';
import { createViews } from '../web/nunjucks.js';
import { webRoutes } from '../web/web-routes.js';

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

/** Every route the API and the web pages serve, each with the policy action that guards it. */
export function routes(deps: AppDependencies, views = createViews()): Route[] {
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
    ...accountRoutes(deps),
    ...organisationRoutes(deps),
    ...docsRoutes(() => table),
    ...webRoutes({ ...deps, views }),
  ];
  return table;
}

/** A fresh nonce for each response, for the Content-Security-Policy and the pages' inline script. */
const cspNonce: RequestHandler = (_req, res, next) => {
  res.locals.cspNonce = randomBytes(16).toString('base64');
  next();
};

/** The HTTP edge: parse, call one operation, answer. Exported without listening so tests pick ports. */
export function createApp(deps: AppDependencies): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  app.set('trust proxy', deps.trustProxy ?? false);

  app.use(noStoreByDefault);
  app.use(cspNonce);
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          // Scripts are our own files, or carry this response's nonce (the template's one inline line).
          scriptSrc: ["'self'", (_req, res) => `'nonce-${(res as express.Response).locals.cspNonce as string}'`],
          // Over plain HTTP (development) upgrading would break every stylesheet and script.
          upgradeInsecureRequests: deps.auth.secureCookies ? [] : null,
        },
      },
    }),
  );
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
  // Pages' forms post as browsers do; the API takes JSON only.
  const forms = express.urlencoded({ extended: false, limit: '100kb', parameterLimit: 200 });
  app.use((req, res, next) => (req.path.startsWith('/api/') ? next() : forms(req, res, next)));
  const views = createViews();
  const table = routes(deps, views);
  // Before anything reads the request: text that is not well-formed, or JSON nested too deep, goes no further.
  app.use(wellFormedInput(table));
  app.use('/assets', assets());
  app.use(authenticate({ prisma: deps.prisma, auth: deps.auth }));

  const router = express.Router();
  // Idempotency-Key is honoured per POST route, after authentication and the route's access gate.
  const lease = deps.idempotencyLeaseSeconds === undefined ? {} : { leaseMs: deps.idempotencyLeaseSeconds * 1000 };
  registerRoutes(router, table, {
    idempotency: idempotentRequests({ prisma: deps.prisma, ...lease }),
    pageForms: preSessionFormCheck(deps.auth),
    uploads: (upload) => [readPageUpload(upload), checkUploadCsrf(deps.auth)],
  });
  app.use(router);

  const pages = { views, auth: deps.auth };
  app.use(pageNotFound(pages));
  app.use(notFoundHandler);
  app.use(pageErrors(pages));
  app.use(problemHandler);
  return app;
}
