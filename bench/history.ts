import type { Client } from '@temporalio/client';

// Where the time of one Temporal round goes, read from the workflow's own history: waiting for a worker
// to take a task (scheduled → started), workflow code running (workflow tasks, with the local activities
// that run inside them), activities running, and how long the notifications activity took. From the last
// Update accepted to its completion (`lastUpdate`), or over the whole history.

export interface Breakdown {
  /** From the first event of the window to the last. */
  totalMs: number;
  /** Tasks waiting for a worker to take them. */
  dispatchMs: number;
  workflowTasksMs: number;
  activitiesMs: number;
  /** From scheduling deliverNotifications to its completion, inside the window. */
  notificationsMs: number;
  activities: number;
  /** Local activities (event writes), which run inside workflow tasks and leave a marker. */
  localActivities: number;
  workflowTasks: number;
}

type HistoryEvent = NonNullable<Awaited<ReturnType<ReturnType<Client['workflow']['getHandle']>['fetchHistory']>>['events']>[number];

const millis = (event: HistoryEvent) => Number(event.eventTime?.seconds ?? 0) * 1000 + Math.floor((event.eventTime?.nanos ?? 0) / 1e6);

export async function breakdown(client: Client, workflowId: string, { lastUpdate }: { lastUpdate: boolean }): Promise<Breakdown> {
  const events = (await client.workflow.getHandle(workflowId).fetchHistory()).events ?? [];
  const accepted = lastUpdate ? events.findLastIndex((e) => e.workflowExecutionUpdateAcceptedEventAttributes) : -1;
  // An accepted Update is written with the workflow task that took it: start at that task's scheduling.
  let from = 0;
  if (accepted >= 0) {
    from = accepted;
    while (from > 0 && !events[from]?.workflowTaskScheduledEventAttributes) from--;
  }
  const completed = events.findIndex((e, i) => i > accepted && e.workflowExecutionUpdateCompletedEventAttributes);
  const window = events.slice(from, accepted >= 0 && completed >= 0 ? completed + 1 : events.length);
  const at = new Map(events.map((e) => [Number(e.eventId), e]));
  const result: Breakdown = {
    totalMs: 0,
    dispatchMs: 0,
    workflowTasksMs: 0,
    activitiesMs: 0,
    notificationsMs: 0,
    activities: 0,
    localActivities: 0,
    workflowTasks: 0,
  };
  if (window.length === 0) return result;
  result.totalMs = millis(window.at(-1) as HistoryEvent) - millis(window[0] as HistoryEvent);
  for (const event of window) {
    const wftStarted = event.workflowTaskStartedEventAttributes;
    const wftCompleted = event.workflowTaskCompletedEventAttributes;
    const actStarted = event.activityTaskStartedEventAttributes;
    const actCompleted = event.activityTaskCompletedEventAttributes;
    if (event.markerRecordedEventAttributes?.markerName === 'core_local_activity') result.localActivities++;
    if (wftStarted) {
      const scheduled = at.get(Number(wftStarted.scheduledEventId));
      if (scheduled) result.dispatchMs += millis(event) - millis(scheduled);
    } else if (wftCompleted) {
      const started = at.get(Number(wftCompleted.startedEventId));
      if (started) result.workflowTasksMs += millis(event) - millis(started);
      result.workflowTasks++;
    } else if (actStarted) {
      const scheduled = at.get(Number(actStarted.scheduledEventId));
      if (scheduled) result.dispatchMs += millis(event) - millis(scheduled);
    } else if (actCompleted) {
      const started = at.get(Number(actCompleted.startedEventId));
      const scheduled = at.get(Number(actCompleted.scheduledEventId));
      if (started) result.activitiesMs += millis(event) - millis(started);
      result.activities++;
      if (scheduled?.activityTaskScheduledEventAttributes?.activityType?.name === 'deliverNotifications')
        result.notificationsMs += millis(event) - millis(scheduled);
    }
  }
  return result;
}

/** The median of each part over several breakdowns. */
export function medianBreakdown(all: Breakdown[]): Breakdown {
  const median = (pick: (b: Breakdown) => number) => {
    const sorted = all.map(pick).sort((a, b) => a - b);
    return sorted[Math.floor((sorted.length - 1) / 2)] ?? Number.NaN;
  };
  return {
    totalMs: median((b) => b.totalMs),
    dispatchMs: median((b) => b.dispatchMs),
    workflowTasksMs: median((b) => b.workflowTasksMs),
    activitiesMs: median((b) => b.activitiesMs),
    notificationsMs: median((b) => b.notificationsMs),
    activities: median((b) => b.activities),
    localActivities: median((b) => b.localActivities),
    workflowTasks: median((b) => b.workflowTasks),
  };
}
