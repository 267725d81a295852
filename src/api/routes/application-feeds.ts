import type { AuthSettings } from '../../auth/settings.js';
import type { CaseEventSignals } from '../../db/case-event-signals.js';
import type { PrismaClient } from '../../db/prisma.js';
import { CaseEventFeeds, defaultPollIntervalMs } from '../../operations/applications/case-event-feeds.js';
import { getApplicationTimeline } from '../../operations/applications/get-application-timeline.js';
import { listApplications, listApplicationsQuery } from '../../operations/applications/list-applications.js';
import { defaultRecheckEveryMs, streamCaseEvents, type CaseEventMessage } from '../../operations/applications/stream-case-events.js';
import { currentActorOf, requireActor } from '../authenticate.js';
import { readerLanguage, requestedLanguage } from '../reader-language.js';
import type { Route } from '../route-table.js';
import { StreamAllowance } from '../stream-allowance.js';
import {
  applicationFeedParams,
  applicationPageResponse,
  applicationTimelineResponse,
  caseEventStreamHeaders,
  caseEventStreamQuery,
  caseEventStreamResponse,
} from './application-feeds.schema.js';

/**
 * How often the live feed looks for new events, writes a keep-alive comment, and checks that an idle
 * stream's reader may still read it; shorter in tests.
 */
export interface CaseEventFeedTiming {
  pollIntervalMs?: number;
  heartbeatMs?: number;
  recheckEveryMs?: number;
}

export interface ApplicationFeedDependencies {
  prisma: PrismaClient;
  auth: AuthSettings;
  caseEventFeed?: CaseEventFeedTiming;
  /** The process's shared readers of case events; made here when not given (tests give one to watch it). */
  caseEventFeeds?: CaseEventFeeds;
  /** When given, a followed case is read as soon as the worker writes its events, not at the next poll. */
  caseEventSignals?: CaseEventSignals;
}

/** One server-sent event. JSON has no raw line breaks, so `data` is one line. */
function serverSentEvent(event: CaseEventMessage): string {
  return `id: ${event.sequence}\nevent: ${event.type.replace(/[\r\n]/g, '')}\ndata: ${JSON.stringify(event)}\n\n`;
}

/** What a group or the staff read about applications: lists, a case's timeline and its live events. */
export function applicationFeedRoutes({ prisma, auth, caseEventFeed = {}, caseEventFeeds, caseEventSignals }: ApplicationFeedDependencies): Route[] {
  const { pollIntervalMs = defaultPollIntervalMs, heartbeatMs = 15_000, recheckEveryMs = defaultRecheckEveryMs } = caseEventFeed;
  const feeds = caseEventFeeds ?? new CaseEventFeeds(prisma, pollIntervalMs);
  caseEventSignals?.onWritten((reference) => feeds.written(reference));
  const allowance = new StreamAllowance(auth.eventStreamsPerPerson);
  return [
    {
      method: 'get',
      path: '/api/applications',
      action: 'application.list',
      handler: async (req, res) => {
        const query = listApplicationsQuery.parse(req.query);
        res.json(await listApplications({ prisma, actor: req.actor, query, now: new Date(), language: readerLanguage(req) }));
      },
      docs: {
        summary: 'List the applications you may read',
        description:
          'Programme staff see every application of the programmes their roles cover; members of a group see their group’s. ' +
          'Filters combine (all must hold). A page at a time: pass `nextCursor` back as `cursor`, with the same `sort`.',
        tags: ['Applications'],
        query: listApplicationsQuery,
        responses: { 200: { description: 'A page of applications', body: applicationPageResponse } },
      },
    },
    {
      method: 'get',
      path: '/api/applications/:reference/timeline',
      action: 'application.read',
      handler: async (req, res) => {
        const { reference } = applicationFeedParams.parse(req.params);
        res.json({ timeline: await getApplicationTimeline({ prisma, actor: req.actor, reference, language: readerLanguage(req) }) });
      },
      docs: {
        summary: 'Read an application’s timeline in plain words',
        tags: ['Applications'],
        params: applicationFeedParams,
        responses: { 200: { description: 'What has happened, oldest first, in the reader’s language', body: applicationTimelineResponse } },
      },
    },
    {
      method: 'get',
      path: '/api/applications/:reference/events',
      action: 'application.read',
      handler: async (req, res) => {
        const { reference } = applicationFeedParams.parse(req.params);
        const { after: afterQuery } = caseEventStreamQuery.parse(req.query);
        const { 'last-event-id': lastEventId } = caseEventStreamHeaders.parse({ 'last-event-id': req.get('last-event-id') || undefined });
        // A reconnecting EventSource sends the URL it first opened (with its ?after=) and the id of the last
        // event it got: the header is the later position.
        const after = lastEventId ?? afterQuery ?? 0;
        const stop = new AbortController();
        // Refusals (401, 404) come from here, as problem details, before the stream begins…
        const events = await streamCaseEvents({
          prisma,
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
        summary: 'Follow an application’s events live (server-sent events)',
        description:
          'Sends every event after `Last-Event-ID` (or `after`, or from the start), then each new one as it is recorded, so an ' +
          'EventSource resumes where it left off. Ends once the case has closed and every event has been sent, and as soon as the ' +
          'session or token it was opened with ends (signed out, expired, revoked) or the reader may no longer read the case: ' +
          `nothing is sent after that. One person may hold EVENT_STREAMS_PER_PERSON streams open (${auth.eventStreamsPerPerson} here); the next is refused with 429.`,
        tags: ['Applications'],
        params: applicationFeedParams,
        query: caseEventStreamQuery,
        responses: { 200: { description: 'The event stream', contentType: 'text/event-stream', body: caseEventStreamResponse } },
        problems: [429],
      },
    },
  ];
}
