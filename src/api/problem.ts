import type { ErrorRequestHandler, Request, RequestHandler, Response } from 'express';
import { isGrpcServiceError, ServiceError } from '@temporalio/client';
import { ZodError } from 'zod';
import { isDatabaseUnavailable } from '../db/database-errors.js';
import { AppError, errorStatus, type ErrorCode } from '../domain/app-error.js';
import type { Bilingual } from '../domain/bilingual.js';
import { answerFieldLabels } from '../domain/labels.js';
import { readerLanguage } from './reader-language.js';
import { issueMessage } from './validation-problems.js';

// Every error leaves the API as RFC 9457 problem details. Client mistakes get their own status and never
// a 500; a 500 says nothing about the cause beyond the request id that finds it in the logs.

type ProblemKind = ErrorCode | 'payload_too_large' | 'unsupported_media_type' | 'idempotency_key_reused' | 'internal';

const titles: Record<ProblemKind, Bilingual> = {
  invalid_input: { cy: 'Mae problem gyda’r cais', en: 'There is a problem with the request' },
  unauthenticated: { cy: 'Mae angen i chi fewngofnodi', en: 'You need to sign in' },
  forbidden: { cy: 'Ni chewch wneud hyn', en: 'You are not allowed to do this' },
  not_found: { cy: 'Heb ddod o hyd iddo', en: 'Not found' },
  nothing_published: { cy: 'Dim wedi’i gyhoeddi eto', en: 'Nothing published yet' },
  too_many_requests: { cy: 'Gormod o geisiadau; rhowch gynnig arall arni cyn hir', en: 'Too many requests; try again shortly' },
  conflict: { cy: 'Ni ellir gwneud hyn nawr', en: 'This cannot be done now' },
  not_recorded: { cy: 'Ni ellid cofnodi’r newid yn llawn', en: 'The change could not be recorded in full' },
  unavailable: { cy: 'Nid yw’r gwasanaeth ar gael ar hyn o bryd', en: 'The service is not available at the moment' },
  payload_too_large: { cy: 'Mae’r cais yn rhy fawr', en: 'The request is too large' },
  unsupported_media_type: { cy: 'Math o gynnwys heb ei gefnogi', en: 'Unsupported content type' },
  idempotency_key_reused: {
    cy: 'Mae’r Idempotency-Key eisoes wedi’i ddefnyddio ar gyfer cais gwahanol',
    en: 'The Idempotency-Key has already been used for a different request',
  },
  internal: { cy: 'Mae rhywbeth wedi mynd o’i le', en: 'Something went wrong' },
};

const statusOf: Record<ProblemKind, number> = {
  ...errorStatus,
  payload_too_large: 413,
  unsupported_media_type: 415,
  idempotency_key_reused: 422,
  internal: 500,
};

/** How long a client should wait before trying a 503 again: Temporal and PostgreSQL restart in seconds. */
const retryAfterSeconds = 2;

/** Unavailable is passing: says when to try again (RFC 9110 Retry-After), unless a handler said already. */
export function sayWhenToRetry(res: Response): void {
  if (!res.hasHeader('Retry-After')) res.setHeader('Retry-After', String(retryAfterSeconds));
}

/** What every error answer holds; src/api/problem.schema.ts describes it for the OpenAPI document. */
export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  requestId?: string;
  /** Each refused value: where (as zod names it), what is wrong, and the field's name, in the reader's language. */
  errors?: { path: string; message: string; label?: string }[];
}

export function sendProblem(req: Request, res: Response, kind: ProblemKind, extra: { detail?: Bilingual; errors?: ProblemBody['errors'] } = {}): void {
  const language = readerLanguage(req);
  const body: ProblemBody = {
    type: `https://cymuned.example/problems/${kind.replaceAll('_', '-')}`,
    title: titles[kind][language],
    status: statusOf[kind],
    instance: req.originalUrl,
    requestId: String(req.id),
  };
  if (extra.detail) body.detail = extra.detail[language];
  if (extra.errors) body.errors = extra.errors;
  if (kind === 'unavailable') sayWhenToRetry(res);
  res.status(body.status).type('application/problem+json').send(JSON.stringify(body));
}

export const notFoundHandler: RequestHandler = (req, res) => {
  sendProblem(req, res, 'not_found', {
    detail: { cy: `Nid oes dim yn ${req.path}`, en: `Nothing is at ${req.path}` },
  });
};

/**
 * Express and its body parser report client mistakes (malformed JSON, a body too large, a path that is not
 * valid percent-encoding) as errors carrying a 4xx `status`: keep them 4xx.
 */
function clientErrorKind(error: unknown): ProblemKind | undefined {
  const status = (error as { status?: unknown } | null)?.status;
  if (typeof status !== 'number' || status < 400 || status > 499) return undefined;
  if (status === 413) return 'payload_too_large';
  if (status === 415) return 'unsupported_media_type';
  return 'invalid_input';
}

/** The name people read for the field at `path`, when it is one of an application's questions. */
function fieldLabel(path: readonly PropertyKey[]): Bilingual | undefined {
  const field = [...path].reverse().find((segment): segment is string => typeof segment === 'string');
  return field !== undefined && Object.hasOwn(answerFieldLabels, field) ? answerFieldLabels[field as keyof typeof answerFieldLabels] : undefined;
}

/** What an error is to its reader: its kind and status, and the detail or refused fields it may show. */
export interface DescribedProblem {
  kind: ProblemKind;
  status: number;
  detail?: Bilingual;
  errors?: ProblemBody['errors'];
}

/**
 * Describes any error as the API and the pages both answer it, logging what is not the client's mistake.
 * Client mistakes get their own status and never a 500.
 */
export function problemOf(error: unknown, req: Request): DescribedProblem {
  const described = (kind: ProblemKind, extra: Omit<DescribedProblem, 'kind' | 'status'> = {}): DescribedProblem => ({
    kind,
    status: statusOf[kind],
    ...extra,
  });
  if (error instanceof ZodError) {
    const language = readerLanguage(req);
    return described('invalid_input', {
      errors: error.issues.map((issue) => {
        const label = fieldLabel(issue.path);
        return { path: issue.path.join('.'), message: issueMessage(issue, language), ...(label ? { label: label[language] } : {}) };
      }),
    });
  }
  if (error instanceof AppError) return described(error.code, { detail: error.detail });
  const clientKind = clientErrorKind(error);
  if (clientKind) return described(clientKind);
  if (error instanceof ServiceError || isGrpcServiceError(error)) {
    req.log.error({ err: error }, 'Temporal unavailable');
    return described('unavailable');
  }
  if (isDatabaseUnavailable(error)) {
    req.log.error({ err: error }, 'Database unavailable');
    return described('unavailable');
  }
  req.log.error({ err: error }, 'Unhandled error');
  return described('internal');
}

export const problemHandler: ErrorRequestHandler = (error: unknown, req, res, _next) => {
  const { kind, detail, errors } = problemOf(error, req);
  sendProblem(req, res, kind, { ...(detail ? { detail } : {}), ...(errors ? { errors } : {}) });
};
