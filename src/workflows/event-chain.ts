import { log, patched } from '@temporalio/workflow';

interface ChainedEvent {
  reference: string;
  sequence: number;
  notify: readonly unknown[];
}

export interface EventWriters<E extends ChainedEvent> {
  /** Writes events, in order and in one transaction, as a local activity: in the worker, inside the workflow task that made them. */
  write: (events: E[]) => Promise<unknown>;
  /** Writes one event as a scheduled activity: how cases started before `eventWritesInWorker` wrote. */
  writeScheduled: (event: E) => Promise<unknown>;
  /** Sends an event's notifications from the outbox, as a scheduled activity. */
  deliver: (key: { reference: string; sequence: number }) => Promise<unknown>;
}

/**
 * Cases started from this change write their events as local activities, the events made together in
 * one write, and send mail alongside rather than before the next event. A command then answers within
 * the one workflow task that handled it: no round trip through Temporal's activity queue, and no wait for
 * the mail server. Cases whose history was written before it replay the old way, where each event was a
 * scheduled activity and the next event waited for the last one's mail.
 */
export const eventWritesInWorker = 'event-writes-in-worker';

interface Queued<E> {
  event: E;
  written: () => void;
  failed: (error: unknown) => void;
}

/**
 * Writes a case's events in the order they happened. Writing an event must happen (its activity retries
 * until it does); sending mail may fail for good (a bad address), and then the messages stay unsent in
 * the outbox and the case goes on.
 */
export class EventChain<E extends ChainedEvent> {
  /** Events written the old way, one scheduled activity each. */
  private last: Promise<unknown> = Promise.resolve();
  private readonly queue: Queued<E>[] = [];
  private writing: Promise<void> | null = null;
  private readonly deliveries = new Set<Promise<unknown>>();

  constructor(private readonly writers: EventWriters<E>) {}

  /** Queues `event`; resolves to its sequence once it is written. */
  append(event: E): Promise<number> {
    if (!patched(eventWritesInWorker)) return this.appendScheduled(event);
    const written = new Promise<number>((resolve, reject) => {
      this.queue.push({ event, written: () => resolve(event.sequence), failed: reject });
    });
    this.writing ??= this.writeQueued();
    // A write that never happened is the caller's to hear of, through `written`.
    const delivery = written.then(
      () => this.deliver(event),
      () => undefined,
    );
    this.deliveries.add(delivery);
    void delivery.finally(() => this.deliveries.delete(delivery));
    return written;
  }

  /** Resolves when every event queued so far is written and its mail has been tried. */
  async settled(): Promise<void> {
    await this.last;
    while (this.writing) await this.writing;
    while (this.deliveries.size > 0) await Promise.all(this.deliveries);
  }

  /** Writes what is queued, in batches: what queued together, then what queued while that was written. */
  private async writeQueued(): Promise<void> {
    try {
      // Also a turn of the event loop, in which the rest of this activation's jobs queue their events
      // (an update sent with the start saves the first answers beside the case's first event).
      await this.last;
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0);
        await this.writers.write(batch.map((queued) => queued.event));
        for (const queued of batch) queued.written();
      }
    } catch (error) {
      // Only a cancelled workflow gets here (writes retry until they succeed): nothing after it is written.
      for (const queued of this.queue.splice(0)) queued.failed(error);
    } finally {
      this.writing = null;
    }
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
    await this.writers.deliver({ reference, sequence }).catch((error: unknown) => log.warn('Notifications left unsent in the outbox', { reference, sequence, error: String(error) }));
  }
}
