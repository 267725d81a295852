import { proxyActivities, proxyLocalActivities } from '@temporalio/workflow';
import type { createActivities } from '../../activities/index.js';

type Activities = ReturnType<typeof createActivities>;

// Events are written by a scheduled activity, so only once the history holds them (see event-chain.ts),
// retried until written: a lost connection or a database restart only delays them. The local and the
// one-event activities are for cases begun before. Mail retries until sent; a message refused for good
// is marked failed in the outbox, for staff to see, and the case goes on.
const writeEvent = { startToCloseTimeout: '10 seconds', retry: { initialInterval: '200 milliseconds', maximumInterval: '10 seconds' } } as const;
const scheduled = proxyActivities<Activities>(writeEvent);
const local = proxyLocalActivities<Activities>(writeEvent);
const { deliverNotifications } = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  heartbeatTimeout: '10 seconds',
  retry: { maximumInterval: '1 minute' },
});

/** The activities that write a kind of case's events (`batch` in order, `one` for cases begun before batches) and send their mail. */
export function eventWriters<Batch extends keyof Activities, One extends keyof Activities>(batch: Batch, one: One) {
  return { writeAfterHistory: scheduled[batch], write: local[batch], writeScheduled: scheduled[one], deliver: deliverNotifications };
}
