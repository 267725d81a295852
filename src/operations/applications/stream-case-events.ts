import { z } from 'zod';
import type { Actor } from '../../access/actor.js';
import type { PrismaClient } from '../../db/prisma.js';
import type { Language } from '../../domain/bilingual.js';
import { stageFor, statuses, type CfpStatus } from '../../domain/cfp/status.js';
import { findApplicationFor } from './find-application.js';

/** One case event as a live feed sends it. */
export interface CaseEventMessage {
  sequence: number;
  type: string;
  at: string;
  /** What happened in plain words, in the reader's language. */
  summary: string;
  /**
   * The case's status after this event. Events recorded before case_event kept it give the status the
   * case has now instead.
   */
  status: CfpStatus;
}

/** A position in a case's events: the sequence of the last event the reader has (0 for none). */
export const eventSequence = z
  .string()
  .regex(/^\d{1,9}$/, 'must be an event sequence number')
  .transform(Number);

export const defaultPollIntervalMs = 1000;
/** Events read per query; a case has a few dozen, so one query normally catches up. */
const batchSize = 200;

export interface CaseEventsAfterOptions {
  prisma: PrismaClient;
  reference: string;
  language: Language;
  /** Send events with a sequence above this one. */
  after: number;
  pollIntervalMs?: number;
  /** Aborting stops the polling at once (the reader went away). */
  signal?: AbortSignal;
}

function statusOf(value: string): CfpStatus {
  if ((statuses as readonly string[]).includes(value)) return value as CfpStatus;
  throw new Error(`The read model holds an unknown status ${JSON.stringify(value)}`);
}

/** Resolves after `ms`, or at once when `signal` aborts. */
function pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}

/**
 * A case's events after `after`, oldest first: every one recorded so far, then each new one as the
 * read model records it (polled every `pollIntervalMs`). Ends once the case has closed and every event has
 * been yielded, when `signal` aborts, or if the application is gone. Does not authorise: see
 * `streamCaseEvents`.
 */
export async function* caseEventsAfter({ prisma, reference, language, after, pollIntervalMs = defaultPollIntervalMs, signal }: CaseEventsAfterOptions): AsyncGenerator<CaseEventMessage, void, undefined> {
  let last = after;
  while (!signal?.aborted) {
    // One snapshot for both reads: the status is the one the newest event read left, and "closed" means
    // the closing event is among those read.
    const [events, application] = await prisma.$transaction(
      [
        prisma.caseEvent.findMany({
          where: { reference, sequence: { gt: last } },
          orderBy: { sequence: 'asc' },
          take: batchSize,
          select: { sequence: true, type: true, status: true, occurredAt: true, summaryCy: true, summaryEn: true },
        }),
        prisma.application.findUnique({ where: { reference }, select: { status: true } }),
      ],
      { isolationLevel: 'RepeatableRead' },
    );
    if (!application) return;
    const status = statusOf(application.status);
    for (const event of events) {
      if (signal?.aborted) return;
      yield {
        sequence: event.sequence,
        type: event.type,
        at: event.occurredAt.toISOString(),
        summary: language === 'cy' ? event.summaryCy : event.summaryEn,
        status: event.status === null ? status : statusOf(event.status),
      };
      last = event.sequence;
    }
    if (events.length === batchSize) continue;
    if (stageFor(status) === 'closed') return;
    await pause(pollIntervalMs, signal);
  }
}

export interface StreamCaseEventsOptions {
  prisma: PrismaClient;
  actor: Actor | undefined;
  reference: string;
  after: number;
  pollIntervalMs?: number;
  signal?: AbortSignal;
}

/**
 * Authorises reading the case once, now (so a refusal comes before anything is sent), and returns its
 * live feed of events in the reader's language.
 */
export async function streamCaseEvents({ prisma, actor, reference, after, pollIntervalMs, signal }: StreamCaseEventsOptions): Promise<AsyncGenerator<CaseEventMessage, void, undefined>> {
  await findApplicationFor({ prisma, actor, reference, action: 'application.read' });
  return caseEventsAfter({ prisma, reference, language: actor?.language ?? 'en', after, pollIntervalMs, signal });
}
