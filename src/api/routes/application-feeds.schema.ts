import { z } from 'zod';
import { groupActions, stages, statuses } from '../../domain/cfp/status.js';
import type { ApplicationPage } from '../../operations/applications/list-applications.js';
import { eventSequence } from '../../operations/stream-case-events.js';
import { describes } from '../describes.js';
import { timelineResponse } from './timeline.schema.js';

/** The `:reference` in an application's path. A wrong one is simply not found. */
export const applicationFeedParams = z.object({
  reference: z.string().meta({ description: 'The application’s case reference', example: 'CFP-2026-000123' }),
});

const instant = () => z.iso.datetime({ offset: true });

export const applicationPageResponse = describes<ApplicationPage>()(
  z
    .object({
      items: z.array(
        z
          .object({
            reference: z.string().meta({ example: 'CFP-2026-000123' }),
            organisationId: z.uuid(),
            organisationName: z.string(),
            projectTitle: z.string(),
            status: z.enum(statuses),
            statusText: z.string().meta({ description: 'The status in plain words, in the reader’s language' }),
            stage: z.enum(stages),
            tier: z.enum(['small', 'large']).nullable(),
            requestedPence: z.number().int().nullable().meta({ description: 'Integer pence' }),
            awardedPence: z.number().int().nullable().meta({ description: 'Integer pence' }),
            localAuthorityCode: z.string().nullable(),
            localAuthorityName: z.string().nullable(),
            wimdDecile: z.number().int().min(1).max(10).nullable(),
            caseOfficerId: z.uuid().nullable().optional().meta({ description: 'Present for programme staff only' }),
            fastTrack: z.boolean(),
            stageDueAt: instant().nullable().meta({ description: 'When the current stage’s service level runs out' }),
            clockPaused: z.boolean().meta({ description: 'The stage’s clock is stopped while the group answers a request for information' }),
            slaBreached: z.boolean(),
            groupAction: z.enum(groupActions).nullable().meta({ description: 'What the group must do next' }),
            groupActionText: z.string().nullable().meta({ description: 'The same, in plain words in the reader’s language' }),
            groupDueAt: instant().nullable().meta({ description: 'By when the group must do it' }),
            updatedAt: instant(),
          })
          .meta({ id: 'ApplicationSummary' }),
      ),
      nextCursor: z.string().nullable().meta({ description: 'Pass as `cursor` (with the same `sort`) for the next page; null on the last page' }),
    })
    .meta({ id: 'ApplicationPage' }),
);

export const applicationTimelineResponse = timelineResponse('ApplicationTimeline', 'eoi.submitted');

export const caseEventStreamQuery = z.strictObject({
  after: eventSequence.optional().meta({ description: 'Send only events after this sequence; a `Last-Event-ID` header takes precedence' }),
});

export const caseEventStreamHeaders = z.object({
  'last-event-id': eventSequence.optional(),
});

export const caseEventStreamResponse = z.string().meta({
  description:
    'Server-sent events (text/event-stream). Each case event is sent as `id: <sequence>`, `event: <type>` and one `data:` line ' +
    'holding JSON `{ sequence, type, at, summary, status }` (summary in the reader’s language; status the case’s status as of the ' +
    'newest event sent with it). `: keep-alive` comments keep the connection open; the stream ends once the case has closed and ' +
    'every event has been sent.',
  example:
    'id: 3\nevent: eoi.submitted\ndata: {"sequence":3,"type":"eoi.submitted","at":"2026-06-01T09:00:00.000Z","summary":"Your group sent the expression of interest","status":"eoi_screening"}\n\n',
});
