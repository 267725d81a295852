import { createHash, randomUUID } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import canonicalize from 'canonicalize';
import type { PrismaClient } from '../db/prisma.js';
import { AppError } from '../domain/app-error.js';
import { setCommandId } from '../primitives/request-context.js';
import { sendProblem } from './problem.js';

// Idempotency-Key (draft-ietf-httpapi-idempotency-key-header): a client that did not hear the answer to a
// POST can send it again with the same key and get the first answer, instead of a second enquiry. The key
// is the client's, so it is unique only per person. The first request claims the key with a row before its
// handler runs; the primary key makes the claim atomic, so two copies racing each other cannot both run.
// The answer is stored when it is sent, and sent only once stored, so a client never sees an answer that a
// retry would not get again. Server errors are not stored: the claim lapses, and a retry runs again.
//
// A claim with no answer is held for a short lease only: when the API died after claiming, or the
// database failed before the answer could be stored, a retry after the lease runs the request again
// instead of meeting "still being handled" for a day. Running again is safe because the request carries
// a command id kept with the claim (src/primitives/request-context.ts): a case command is sent with it as
// its Update id, which Temporal runs at most once and answers with the first run's outcome; a new case
// keeps the reference its first try was given (src/db/command-reference.ts); and a change made only in
// the database is guarded in its own transaction (src/audit/command-commit.ts), so a second try finds it
// done rather than doing it again.

export const idempotencyKeyHeader = 'Idempotency-Key';
export const replayedHeader = 'Idempotent-Replayed';

const lifetimeMs = 24 * 60 * 60 * 1000;
/** How long a claim with no answer yet holds off a retry, unless the API is told otherwise. */
export const defaultLeaseMs = 30_000;
/** The only headers a replay repeats: never Set-Cookie or anything else that could carry a secret. */
const storedHeaders = ['content-type', 'location'] as const;
const printableAscii = /^[\x20-\x7E]{1,255}$/;
/** An RFC 8941 sf-string: printable ASCII in double quotes, with `"` and `\` escaped by a backslash. */
const structuredString = /^"((?:[\x20\x21\x23-\x5B\x5D-\x7E]|\\["\\])*)"$/;

/** A page's form carries its key as this hidden field (src/web/views/partials/form-keys.njk). */
export const formKeyField = '_idempotencyKey';

/** The key the client sent, or null if it sent none; 400 when it is not 1-255 printable ASCII characters. */
function keyOf(req: Request): string | null {
  const values = req.headersDistinct['idempotency-key'];
  if (values === undefined) return formKeyOf(req);
  const [raw] = values;
  // The draft's form is a structured-field string ("…"); many clients send the bare value, also accepted.
  const key = values.length === 1 && raw !== undefined ? (structuredString.exec(raw)?.[1]?.replace(/\\(["\\])/g, '$1') ?? raw) : '';
  if (!printableAscii.test(key) || (raw?.startsWith('"') && !structuredString.test(raw))) throw keyRefused();
  return key;
}

/** The key of a page's form, which a browser sends as a field rather than a header. */
function formKeyOf(req: Request): string | null {
  if (!req.is(['application/x-www-form-urlencoded', 'multipart/form-data'])) return null;
  const field: unknown = (req.body as Record<string, unknown> | undefined)?.[formKeyField];
  if (field === undefined) return null;
  if (typeof field !== 'string' || !printableAscii.test(field)) throw keyRefused();
  return field;
}

function keyRefused(): AppError {
  return new AppError('invalid_input', {
    cy: 'Rhaid i Idempotency-Key fod yn un gwerth o 1 i 255 o nodau ASCII argraffadwy',
    en: 'Idempotency-Key must be one value of 1 to 255 printable ASCII characters',
  });
}

/** What makes two requests the same request: method, path with query, and the body as parsed. */
function fingerprint(req: Request): string {
  const body: unknown = req.body;
  return createHash('sha256')
    .update(JSON.stringify([req.method, req.originalUrl, canonicalize(body) ?? null]))
    .digest('hex');
}

function storedHeadersOf(value: unknown): Record<string, string> {
  if (typeof value !== 'object' || value === null) return {};
  return Object.fromEntries(Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
}

/**
 * Calls `beforeEnd` with the whole body when the handler ends the response, and lets the response end only
 * after it has finished. Sees the answer exactly as the handler (or the problem handler) sent it.
 */
function whenAnswered(res: Response, beforeEnd: (body: Buffer) => Promise<void>): void {
  const chunks: Buffer[] = [];
  const keep = (chunk: unknown, encoding: unknown) => {
    if (typeof chunk === 'string') chunks.push(Buffer.from(chunk, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8'));
    else if (chunk instanceof Uint8Array) chunks.push(Buffer.from(chunk));
  };
  const write = res.write.bind(res) as (...args: unknown[]) => boolean;
  const end = res.end.bind(res) as (...args: unknown[]) => Response;
  res.write = ((chunk: unknown, ...rest: unknown[]) => {
    keep(chunk, rest[0]);
    return write(chunk, ...rest);
  }) as Response['write'];
  res.end = ((...args: unknown[]) => {
    if (typeof args[0] !== 'function') keep(args[0], args[1]);
    void beforeEnd(Buffer.concat(chunks)).then(() => end(...args));
    return res;
  }) as Response['end'];
}

type StoredRequest = NonNullable<Awaited<ReturnType<PrismaClient['idempotentRequest']['findUnique']>>>;

function replay(res: Response, earlier: StoredRequest & { status: number }): void {
  res.status(earlier.status).set(storedHeadersOf(earlier.responseHeaders)).set(replayedHeader, 'true');
  if (earlier.responseBody === null) res.end();
  else res.send(earlier.responseBody);
}

/** How long a form's second click waits for the first's answer at most. */
const formWaitMs = 10_000;
const formPollMs = 100;

/** The stored answer to the same request, once there is one, looking until `waitMs` has passed. */
async function answerWhenStored(
  prisma: PrismaClient,
  { principal, key, requestHash }: { principal: string; key: string; requestHash: string },
  waitMs: number,
): Promise<(StoredRequest & { status: number }) | null> {
  const until = Date.now() + waitMs;
  while (Date.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, formPollMs));
    const earlier = await prisma.idempotentRequest.findUnique({ where: { principal_key: { principal, key } } });
    if (!earlier || earlier.requestHash !== requestHash) return null;
    if (earlier.status !== null) return { ...earlier, status: earlier.status };
  }
  return null;
}

/**
 * Honours Idempotency-Key on the POST routes it is mounted on (src/api/route-table.ts puts it after the
 * access gate of every POST route whose `idempotency` is 'replay'). Requests without the header pass through.
 */
export function idempotentRequests({
  prisma,
  now = () => new Date(),
  leaseMs = defaultLeaseMs,
}: {
  prisma: PrismaClient;
  now?: () => Date;
  leaseMs?: number;
}): RequestHandler {
  return async (req, res, next) => {
    const key = keyOf(req);
    if (key === null) return next();
    const principal = req.actor?.personId ?? 'anonymous';
    const requestHash = fingerprint(req);
    let heldForMs = leaseMs;
    // A try that takes over a lapsed claim is the same command as the try that made it.
    let commandId: string = randomUUID();

    // Claiming can race with a row expiring or a failed request letting go: a few tries settle it.
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const createdAt = now();
      const { count } = await prisma.idempotentRequest.createMany({
        data: [{ principal, key, method: req.method, path: req.originalUrl, requestHash, commandId, createdAt }],
        skipDuplicates: true,
      });
      if (count === 1) {
        setCommandId(commandId);
        const ours = { principal, key, createdAt };
        whenAnswered(res, async (body) => {
          try {
            if (res.statusCode >= 500) {
              // Not stored, and lapsed at once: a retry runs again, as the same command (a 503'd command
              // may have been done; its retry must find that, not do it a second time).
              await prisma.idempotentRequest.updateMany({ where: ours, data: { createdAt: new Date(createdAt.getTime() - leaseMs) } });
              return;
            }
            const headers: Record<string, string> = {};
            for (const name of storedHeaders) {
              const value = res.getHeader(name);
              if (value !== undefined) headers[name] = String(value);
            }
            await prisma.idempotentRequest.updateMany({
              where: ours,
              data: { status: res.statusCode, responseHeaders: headers, responseBody: body.length > 0 ? body.toString('utf8') : null, completedAt: now() },
            });
          } catch (error) {
            // The answer still goes out; a retry meets a request that looks unfinished (409) until the lease ends.
            req.log.error({ err: error }, 'Could not store the answer to an idempotent request');
          }
        });
        return next();
      }

      const earlier = await prisma.idempotentRequest.findUnique({ where: { principal_key: { principal, key } } });
      if (!earlier) continue;
      if (earlier.createdAt.getTime() <= createdAt.getTime() - lifetimeMs) {
        await prisma.idempotentRequest.deleteMany({ where: { principal, key, createdAt: earlier.createdAt } });
        continue;
      }
      if (earlier.requestHash !== requestHash) {
        sendProblem(req, res, 'idempotency_key_reused', {
          detail: {
            cy: 'Defnyddiwyd yr Idempotency-Key hwn ar gyfer cais gwahanol (dull, llwybr neu gorff) yn ystod y 24 awr diwethaf; defnyddiwch allwedd newydd ar gyfer cais newydd',
            en: 'This Idempotency-Key was used for a different request (method, path or body) in the last 24 hours; use a new key for a new request',
          },
        });
        return;
      }
      if (earlier.status === null) {
        // Unanswered past its lease: the try that claimed it is gone. Take it over and run the request again.
        const age = createdAt.getTime() - earlier.createdAt.getTime();
        if (age >= leaseMs) {
          await prisma.idempotentRequest.deleteMany({ where: { principal, key, createdAt: earlier.createdAt, status: null } });
          commandId = earlier.commandId;
          continue;
        }
        heldForMs = leaseMs - age;
        break;
      }
      replay(res, { ...earlier, status: earlier.status });
      return;
    }
    // A second click on a page's button, sent while the first is still being handled: the browser shows
    // only the last answer, so it waits for the first's and is given it, rather than a "try again".
    if (formKeyOf(req) === key) {
      const answered = await answerWhenStored(prisma, { principal, key, requestHash }, Math.min(heldForMs, formWaitMs));
      if (answered) {
        replay(res, answered);
        return;
      }
    }
    res.setHeader('Retry-After', String(Math.max(1, Math.ceil(heldForMs / 1000))));
    throw new AppError('conflict', {
      cy: 'Mae cais gyda’r Idempotency-Key hwn yn dal i gael ei drin; rhowch gynnig arall arni pan fydd wedi gorffen',
      en: 'A request with this Idempotency-Key is still being handled; try again when it has finished',
    });
  };
}
