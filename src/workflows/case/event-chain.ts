import { ActivityFailure, ApplicationFailure, log, patched } from '@temporalio/workflow';

interface ChainedEvent {
  reference: string;
  sequence: number;
  type: string;
  notify: readonly unknown[];
}

/**
 * What a batch write reports (see case-event-writes.ts): the events a data error kept out, each with the
 * reason, and the written events whose mail the write could not send (it sends the rest itself).
 */
export interface EventWriteOutcome {
  failed: { sequence: number; reason: string }[];
  mailLeft?: number[];
}

export interface EventWriters<E extends ChainedEvent> {
  /**
   * Writes events, in order and in one transaction, as a scheduled activity: its input is in the history
   * before it runs, so nothing reaches the database that the history does not hold.
   */
  writeAfterHistory: (events: E[]) => Promise<unknown>;
  /** The same write as a local activity: how cases begun between `eventWritesInWorker` and `eventsWrittenAfterHistory` wrote. */
  write: (events: E[]) => Promise<unknown>;
  /** Writes one event as a scheduled activity: how cases begun before `eventWritesInWorker` wrote. */
  writeScheduled: (event: E) => Promise<unknown>;
  /** Sends an event's notifications from the outbox, as a scheduled activity. */
  deliver: (key: { reference: string; sequence: number }) => Promise<unknown>;
}

/**
 * Cases begun from this change write their events with a scheduled activity. A local activity runs inside
 * the workflow task, before the history has the task's outcome: when that task was lost (a worker or
 * Temporal restart, or concurrent Updates retrying it), its write stayed in PostgreSQL while the history
 * moved on without it, and the same sequence was later given to a different event. A scheduled activity
 * exists only once the workflow task that scheduled it is in the history, with its input, so every write
 * (and every retry of it) is of an event the history holds. See the README, "What the history holds".
 */
export const eventsWrittenAfterHistory = 'events-written-after-history';

/** Cases begun between these two changes wrote with a local activity (see `eventsWrittenAfterHistory`). */
export const eventWritesInWorker = 'event-writes-in-worker';

type WriteMode = 'after-history' | 'in-worker';

interface Queued<E> {
  event: E;
  mode: WriteMode;
  /** Written; `mailLeft` when its mail is still to be sent by an activity of its own. */
  written: (mailLeft: boolean) => void;
  failed: (error: unknown) => void;
}

/**
 * Writes a case's events in the order they happened, and sends their mail after them. Writing retries
 * until it succeeds unless the data itself is refused (then it is logged, staff are told through
 * event_write_failure, no mail goes about it, and the events after it are still written); sending mail
 * retries until sent or refused for good.
 */
export class EventChain<E extends ChainedEvent> {
  /** Events written the oldest way, one scheduled activity each. */
  private last: Promise<unknown> = Promise.resolve();
  private readonly queue: Queued<E>[] = [];
  private writing: Promise<void> | null = null;
  private readonly deliveries = new Set<Promise<unknown>>();

  constructor(private readonly writers: EventWriters<E>) {}

  /**
   * Queues `event`. Resolves to its sequence: at once for cases begun from `eventsWrittenAfterHistory`
   * (the write is as good as done once the workflow task that scheduled it is in the history, and the
   * API waits for the database to show it: src/operations/until-recorded.ts), once it is written for
   * cases begun before.
   */
  append(event: E): Promise<number> {
    if (patched(eventsWrittenAfterHistory)) return this.appendQueued(event, 'after-history');
    if (patched(eventWritesInWorker)) return this.appendQueued(event, 'in-worker');
    return this.appendScheduled(event);
  }

  /** Resolves when every event queued so far is written and its mail has been tried. */
  async settled(): Promise<void> {
    await this.last;
    while (this.writing) await this.writing;
    while (this.deliveries.size > 0) await Promise.all(this.deliveries);
  }

  private appendQueued(event: E, mode: WriteMode): Promise<number> {
    const written = new Promise<boolean>((resolve, reject) => {
      this.queue.push({ event, mode, written: resolve, failed: reject });
    });
    this.writing ??= this.writeQueued();
    // No mail about an event that was never written.
    const delivery = written.then(
      (mailLeft) => (mailLeft ? this.deliver(event) : undefined),
      () => undefined,
    );
    this.deliveries.add(delivery);
    void delivery.finally(() => this.deliveries.delete(delivery));
    // Waiting for the write would hold the command's answer for a second workflow task (the one that
    // learns the activity finished): a command answers as soon as its events are scheduled.
    return mode === 'after-history' ? Promise.resolve(event.sequence) : written.then(() => event.sequence);
  }

  /** Writes what is queued, in batches: what queued together, then what queued while that was written. */
  private async writeQueued(): Promise<void> {
    try {
      // Also a turn of the event loop, in which the rest of this activation's jobs queue their events
      // (an update sent with the start saves the first answers beside the case's first event).
      await this.last;
      while (this.queue.length > 0) {
        // One mode per batch: a case moving to the new way finishes the old way's writes first.
        const mode = this.queue[0]?.mode;
        const end = this.queue.findIndex((queued) => queued.mode !== mode);
        const batch = this.queue.splice(0, end === -1 ? this.queue.length : end);
        const events = batch.map((queued) => queued.event);
        if (mode === 'in-worker') {
          await this.writers.write(events);
          for (const queued of batch) queued.written(true);
        } else {
          await this.writeAfterHistory(batch);
        }
      }
    } catch (error) {
      // Only a cancelled workflow gets here (writes retry until they succeed): nothing after it is written.
      for (const queued of this.queue.splice(0)) queued.failed(error);
    } finally {
      this.writing = null;
    }
  }

  private async writeAfterHistory(batch: Queued<E>[]): Promise<void> {
    let outcome: EventWriteOutcome;
    try {
      outcome = (await this.writers.writeAfterHistory(batch.map((queued) => queued.event))) as EventWriteOutcome;
    } catch (error) {
      // A write refused for good as a whole: it is logged (and the activity kept it for staff), and the
      // case goes on with the events after it.
      if (!(error instanceof ActivityFailure && error.cause instanceof ApplicationFailure && error.cause.nonRetryable)) throw error;
      const reason = error.cause.message;
      for (const queued of batch) queued.failed(new Error(reason));
      log.error('Events were not recorded', { reference: batch[0]?.event.reference, sequences: batch.map((queued) => queued.event.sequence), reason });
      return;
    }
    const failed = new Map((outcome.failed ?? []).map((failure) => [failure.sequence, failure.reason]));
    // A write that says nothing of mail sent none: all of it is left to send.
    const mailLeft = outcome.mailLeft ? new Set(outcome.mailLeft) : undefined;
    for (const queued of batch) {
      const reason = failed.get(queued.event.sequence);
      if (reason === undefined) queued.written(mailLeft?.has(queued.event.sequence) ?? true);
      else queued.failed(new Error(reason));
    }
    if (failed.size > 0) log.error('Events were not recorded', { reference: batch[0]?.event.reference, failed: [...failed.entries()] });
  }

  private appendScheduled(event: E): Promise<number> {
    const written = this.last.then(async () => {
      await this.writers.writeScheduled(event);
      await this.deliver(event);
      return event.sequence;
    });
    this.last = written;
    return written;
  }

  private async deliver(event: E): Promise<void> {
    if (event.notify.length === 0) return;
    const { reference, sequence } = event;
    await this.writers
      .deliver({ reference, sequence })
      .catch((error: unknown) => log.warn('Notifications left unsent in the outbox', { reference, sequence, error: String(error) }));
  }
}
