import type { AuthSettings } from '../../auth/settings.js';
import type { CaseEventSignals } from '../../db/case-event-signals.js';
import type { PrismaClient } from '../../db/prisma.js';
import type { TransferStatus } from '../../domain/cat/status.js';
import { CaseEventFeeds, defaultPollIntervalMs, transferFeed } from '../../operations/case-event-feeds.js';
import {
  applicationEvents,
  defaultRecheckEveryMs,
  streamCaseEvents,
  transferEvents,
  type CaseEventMessage,
  type StreamedCase,
} from '../../operations/stream-case-events.js';
import type { Action } from '../../access/policy.js';
import { currentActorOf, requireActor } from '../authenticate.js';
import { requestedLanguage } from '../reader-language.js';
import type { Route } from '../route-table.js';
import { StreamAllowance } from '../stream-allowance.js';
import { applicationFeedParams, caseEventStreamHeaders, caseEventStreamQuery, caseEventStreamResponse } from './application-feeds.schema.js';
import { transferReferenceParams } from './transfers.schema.js';

/**
 * How often the live feed looks for new events, writes a keep-alive comment, and checks that an idle
 * stream's reader may still read it; shorter in tests.
 */
export interface CaseEventFeedTiming {
  pollIntervalMs?: number;
  heartbeatMs?: number;
  recheckEveryMs?: number;
}

export interface CaseEventStreamDependencies {
  prisma: PrismaClient;
  auth: AuthSettings;
  caseEventFeed?: CaseEventFeedTiming;
  /** The process's shared readers of applications' events; made here when not given (tests give one to watch it). */
  caseEventFeeds?: CaseEventFeeds;
  /** The same, of transfers' events. */
  transferEventFeeds?: CaseEventFeeds<TransferStatus>;
  /** When given, a followed case is read as soon as the worker writes its events, not at the next poll. */
  caseEventSignals?: CaseEventSignals;
}

/** One server-sent event. JSON has no raw line breaks, so `data` is one line. */
function serverSentEvent(event: CaseEventMessage): string {
  return `id: ${event.sequence}\nevent: ${event.type.replace(/[\r\n]/g, '')}\ndata: ${JSON.stringify(event)}\n\n`;
}

/** What differs between the streams of applications and of transfers: which case, and in whose words. */
interface StreamedRoute<S extends string> {
  path: string;
  action: Action;
  summary: string;
  tag: string;
  params: typeof applicationFeedParams | typeof transferReferenceParams;
  streamed: StreamedCase;
  feeds: CaseEventFeeds<S>;
}

/**
 * The live events of a case, for applications and transfers alike: the same route shape, the same
 * authorisation (who the reader is to the case, src/access/reader.ts) and the same SSE format. One
 * allowance of open streams per person covers both.
 */
export function caseEventStreamRoutes({
  prisma,
  auth,
  caseEventFeed = {},
  caseEventFeeds,
  transferEventFeeds,
  caseEventSignals,
}: CaseEventStreamDependencies): Route[] {
  const { pollIntervalMs = defaultPollIntervalMs, heartbeatMs = 15_000, recheckEveryMs = defaultRecheckEveryMs } = caseEventFeed;
  const applicationFeeds = caseEventFeeds ?? new CaseEventFeeds(prisma, pollIntervalMs);
  const transferFeeds = transferEventFeeds ?? new CaseEventFeeds(prisma, pollIntervalMs, transferFeed);
  // A reference names one case of one kind; the feed that does not follow it ignores the signal.
  caseEventSignals?.onWritten((reference) => {
    applicationFeeds.written(reference);
    transferFeeds.written(reference);
  });
  const allowance = new StreamAllowance(auth.eventStreamsPerPerson);

  function streamRoute<S extends string>({ path, action, summary, tag, params, streamed, feeds }: StreamedRoute<S>): Route {
    return {
      method: 'get',
      path,
      action,
      handler: async (req, res) => {
        const { reference } = params.parse(req.params);
        const { after: afterQuery } = caseEventStreamQuery.parse(req.query);
        const { 'last-event-id': lastEventId } = caseEventStreamHeaders.parse({ 'last-event-id': req.get('last-event-id') || undefined });
        // A reconnecting EventSource sends the URL it first opened (with its ?after=) and the id of the last
        // event it got: the header is the later position.
        const after = lastEventId ?? afterQuery ?? 0;
        const stop = new AbortController();
        // Refusals (401, 404) come from here, as problem details, before the stream begins…
        const events = await streamCaseEvents({
          prisma,
          streamed,
          feeds,
          actor: req.actor,
          reference,
          after,
          signal: stop.signal,
          currentActor: currentActorOf(req, { prisma, auth }),
          requestedLanguage: requestedLanguage(req),
          recheckEveryMs,
        });
        // …and 429 from here, for a person with too many streams open already.
        const giveBack = allowance.take(requireActor(req).personId);

        // The response's 'close' is the client going away (or the stream ending). The request's own 'close'
        // also comes once its body has been read to the end, which a body parser may do at once.
        res.on('close', () => {
          stop.abort();
          giveBack();
        });
        if (req.socket.destroyed) stop.abort();
        res.writeHead(200, {
          'content-type': 'text/event-stream; charset=utf-8',
          // Case data: never cached; no-transform keeps proxies from buffering or recompressing the stream.
          'cache-control': 'no-store, no-transform',
          // Proxies such as nginx would otherwise hold events back in a buffer.
          'x-accel-buffering': 'no',
        });
        res.flushHeaders();
        const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), heartbeatMs);
        try {
          for await (const event of events) res.write(serverSentEvent(event));
        } catch (error) {
          // Too late for a problem response: end the stream; the client reconnects with Last-Event-ID.
          req.log.error({ err: error, reference }, 'The case event stream failed');
        } finally {
          clearInterval(heartbeat);
          stop.abort();
          giveBack();
          res.end();
        }
      },
      docs: {
        summary,
        description:
          'Sends every event after `Last-Event-ID` (or `after`, or from the start), then each new one as it is recorded, so an ' +
          'EventSource resumes where it left off. Ends once the case has closed and every event has been sent, and as soon as the ' +
          'session or token it was opened with ends (signed out, expired, revoked) or the reader may no longer read the case: ' +
          `nothing is sent after that. One person may hold EVENT_STREAMS_PER_PERSON streams open (${auth.eventStreamsPerPerson} here), of ` +
          'applications and transfers together; the next is refused with 429.',
        tags: [tag],
        params,
        query: caseEventStreamQuery,
        responses: { 200: { description: 'The event stream', contentType: 'text/event-stream', body: caseEventStreamResponse } },
        problems: [429],
      },
    };
  }

  return [
    streamRoute({
      path: '/api/applications/:reference/events',
      action: 'application.read',
      summary: 'Follow an application’s events live (server-sent events)',
      tag: 'Applications',
      params: applicationFeedParams,
      streamed: applicationEvents,
      feeds: applicationFeeds,
    }),
    streamRoute({
      path: '/api/transfers/:reference/events',
      action: 'transfer.read',
      summary: 'Follow a transfer’s events live (server-sent events)',
      tag: 'Transfers',
      params: transferReferenceParams,
      streamed: transferEvents,
      feeds: transferFeeds,
    }),
  ];
}
