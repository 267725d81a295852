import { z } from 'zod';
import type { Actor } from '../access/actor.js';
import { audienceOf } from '../access/audience.js';
import { applicationScope, readerAllowed, transferScope, type Reader } from '../access/reader.js';
import type { PrismaClient } from '../db/prisma.js';
import { AppError } from '../domain/app-error.js';
import type { Language } from '../domain/bilingual.js';
import { eventSummaryFor, isShownTo, type Audience, type CaseEventWording } from '../domain/case-audience.js';
import { transferEventAudiences } from '../domain/cat/staff-wording.js';
import { cfpEventAudiences } from '../domain/cfp/staff-wording.js';
import { message } from '../domain/validation-messages.js';
import { findApplicationFor } from './applications/find-application.js';
import type { CaseEventFeeds, FedCaseEvent } from './case-event-feeds.js';
import { findTransferFor } from './transfers/find-transfer.js';

/** One kind of case whose events stream: who its reader is, and how its events read to them. */
export interface StreamedCase {
  /** Who `actor` is to the case, refused (an AppError) as reading the case is when they may not read it. */
  readerOf(prisma: PrismaClient, actor: Actor | undefined, reference: string): Promise<Reader>;
  wording: CaseEventWording<string>;
}

export const applicationEvents: StreamedCase = {
  async readerOf(prisma, actor, reference) {
    const { application } = await findApplicationFor({ prisma, actor, reference, action: 'application.read' });
    return readerAllowed(actor, 'application.read', applicationScope(application));
  },
  wording: cfpEventAudiences,
};

export const transferEvents: StreamedCase = {
  async readerOf(prisma, actor, reference) {
    const { transfer } = await findTransferFor({ prisma, actor, reference, action: 'transfer.read' });
    return readerAllowed(actor, 'transfer.read', transferScope(transfer));
  },
  wording: transferEventAudiences,
};

/** One case event as a live feed sends it. */
export interface CaseEventMessage<S extends string = string> {
  sequence: number;
  type: string;
  at: string;
  /** What happened in plain words, in the reader's language. */
  summary: string;
  /**
   * The case's status after this event. Events recorded before case_event kept it give the status the
   * case has now instead.
   */
  status: S;
}

/** A position in a case's events: the sequence of the last event the reader has (0 for none). */
export const eventSequence = z
  .string()
  .regex(/^\d{1,9}$/, message('eventSequence'))
  .transform(Number);

/** How often an open stream, even one with nothing to send, checks that its reader may still read. */
export const defaultRecheckEveryMs = 5000;

export interface StreamCaseEventsOptions<S extends string> {
  prisma: PrismaClient;
  /** Applications' or transfers'. */
  streamed: StreamedCase;
  feeds: CaseEventFeeds<S>;
  actor: Actor | undefined;
  reference: string;
  after: number;
  /** Aborting ends the stream at once (the reader went away). */
  signal: AbortSignal;
  /**
   * The reader as their session or token says now, read afresh without counting as activity, or undefined
   * once it has ended (signed out, expired, revoked, the person gone).
   */
  currentActor: () => Promise<Actor | undefined>;
  /**
   * The language the request that opened the stream asked for, if it asked for one; otherwise the stream
   * follows the reader's stored language as it stands when each event is sent.
   */
  requestedLanguage?: Language | undefined;
  recheckEveryMs?: number;
}

function messageOf<S extends string>(event: FedCaseEvent<S>, language: Language, audience: Audience, wording: CaseEventWording<string>): CaseEventMessage<S> {
  const summary = eventSummaryFor(event, audience, wording)[language];
  return { sequence: event.sequence, type: event.type, at: event.at, summary, status: event.status };
}

/**
 * Authorises reading the case once, now (so a refusal comes before anything is sent), and returns its
 * live feed of events in the reader's language, as the timeline shows them: the group is never sent staff
 * notes, and staff read every event in their own words. A stream outlives the request that opened it, so the
 * reader's right to it is checked again before anything more is sent and every `recheckEveryMs` while
 * nothing is: it ends, sending nothing further, once their session or token has ended or they may no
 * longer read the case (a role revoked).
 */
export async function streamCaseEvents<S extends string>(options: StreamCaseEventsOptions<S>): Promise<AsyncGenerator<CaseEventMessage<S>, void, undefined>> {
  await options.streamed.readerOf(options.prisma, options.actor, options.reference);
  return entitledEvents(options);
}

async function* entitledEvents<S extends string>({
  prisma,
  streamed,
  feeds,
  reference,
  after,
  signal,
  currentActor,
  requestedLanguage,
  recheckEveryMs = defaultRecheckEveryMs,
}: StreamCaseEventsOptions<S>): AsyncGenerator<CaseEventMessage<S>, void, undefined> {
  const stop = new AbortController();
  const end = () => stop.abort();
  signal.addEventListener('abort', end, { once: true });
  if (signal.aborted) end();

  // The person as they stand now, and whom the view is for from who they are to the case now.
  const entitledReader = async (): Promise<{ person: Actor; audience: Audience } | undefined> => {
    const person = await currentActor();
    if (!person) return undefined;
    try {
      return { person, audience: audienceOf(await streamed.readerOf(prisma, person, reference)) };
    } catch (error) {
      if (error instanceof AppError) return undefined;
      throw error;
    }
  };
  // While nothing happens on the case; a check that cannot be made ends the stream too (the client reconnects).
  const recheck = setInterval(() => {
    entitledReader().then((entitled) => {
      if (!entitled) end();
    }, end);
  }, recheckEveryMs);
  recheck.unref();

  try {
    for await (const batch of feeds.follow(reference, after, stop.signal)) {
      const entitled = await entitledReader();
      if (!entitled || stop.signal.aborted) return;
      const { person, audience } = entitled;
      for (const event of batch) {
        if (isShownTo(event.type, audience, streamed.wording)) yield messageOf(event, requestedLanguage ?? person.language, audience, streamed.wording);
      }
    }
  } finally {
    clearInterval(recheck);
    signal.removeEventListener('abort', end);
    end();
  }
}
