import { getApplicationTimeline } from '../../operations/applications/get-application-timeline.js';
import { listApplications, listApplicationsQuery } from '../../operations/applications/list-applications.js';
import { readerLanguage } from '../reader-language.js';
import type { Route } from '../route-table.js';
import { applicationFeedParams, applicationPageResponse, applicationTimelineResponse } from './application-feeds.schema.js';
import { caseEventStreamRoutes, type CaseEventStreamDependencies } from './case-event-streams.js';

export type { CaseEventFeedTiming } from './case-event-streams.js';

export type ApplicationFeedDependencies = CaseEventStreamDependencies;

/**
 * What a group or the staff read about applications: lists, a case's timeline and its live events (with
 * transfers' live events, which share the streams' allowance and feeds' signals).
 */
export function applicationFeedRoutes({
  prisma,
  auth,
  caseEventFeed,
  caseEventFeeds,
  transferEventFeeds,
  caseEventSignals,
}: ApplicationFeedDependencies): Route[] {
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
    ...caseEventStreamRoutes({ prisma, auth, caseEventFeed, caseEventFeeds, transferEventFeeds, caseEventSignals }),
  ];
}
