import { proxyActivities, proxyLocalActivities } from '@temporalio/workflow';
import type { createActivities } from '../../activities/index.js';
import type { EventWriters } from '../case/event-chain.js';
import type { CaseEventRecord } from '../cfp-application.messages.js';

type Activities = ReturnType<typeof createActivities>;

// Events are written by a scheduled activity, so only once the history holds them (see event-chain.ts),
// retried until written: a lost connection or a database restart only delays them. The local and the
// one-event activities are for cases begun before. Mail retries until sent; a message refused for good
// is marked failed in the outbox, for staff to see, and the case goes on.
const writeEvent = { startToCloseTimeout: '10 seconds', retry: { initialInterval: '200 milliseconds', maximumInterval: '10 seconds' } } as const;
const { recordCaseEvents: writeAfterHistory } = proxyActivities<Activities>(writeEvent);
const { recordCaseEvents } = proxyLocalActivities<Activities>(writeEvent);
const { recordCaseEvent } = proxyActivities<Activities>(writeEvent);
const { deliverNotifications } = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  heartbeatTimeout: '10 seconds',
  retry: { maximumInterval: '1 minute' },
});

/** How an application's events are written and its mail sent. */
export const applicationEventWriters: EventWriters<CaseEventRecord> = {
  writeAfterHistory,
  write: recordCaseEvents,
  writeScheduled: recordCaseEvent,
  deliver: deliverNotifications,
};
