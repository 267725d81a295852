import { log, patched } from '@temporalio/workflow';

interface ChainedEvent {
  reference: string;
  sequence: number;
  notify: readonly unknown[];
}

export interface EventWriters<E extends ChainedEvent> {
  /** Writes an event as a local activity: in the worker, inside the workflow task that made it. */
  write: (event: E) => Promise<unknown>;
  /** The same write as a scheduled activity: how cases started before `eventWritesInWorker` wrote. */
  writeScheduled: (event: E) => Promise<unknown>;
  /** Sends an event's notifications from the outbox, as a scheduled activity. */
  deliver: (key: { reference: string; sequence: number }) => Promise<unknown>;
}

/**
 * Cases started from this change write their events as local activities, and send mail alongside rather
 * than before the next event. A command then answers within the one workflow task that handled it: no
 * round trip through Temporal's activity queue, and no wait for the mail server. Cases whose history was
 * written before it replay the old way, where each event was a scheduled activity and the next event
 * waited for the last one's mail.
 */
export const eventWritesInWorker = 'event-writes-in-worker';

/**
 * Writes a case's events one at a time, in the order they happened. Writing an event must happen (its
 * activity retries until it does); sending mail may fail for good (a bad address), and then the messages
 * stay unsent in the outbox and the case goes on.
 */
export class EventChain<E extends ChainedEvent> {
  private last: Promise<unknown> = Promise.resolve();
  private readonly deliveries = new Set<Promise<unknown>>();

  constructor(private readonly writers: EventWriters<E>) {}

  /** Queues `event`; resolves to its sequence once it is written. */
  append(event: E): Promise<number> {
    const { sequence } = event;
    const inWorker = patched(eventWritesInWorker);
    const written = this.last.then(async () => {
      await (inWorker ? this.writers.write(event) : this.writers.writeScheduled(event));
      // Before the patch, the event's mail went before the next event and before the command answered.
      if (!inWorker) await this.deliver(event);
      return sequence;
    });
    this.last = written;
    if (inWorker) {
      // A write that never happened is the caller's to hear of, through `written`.
      const delivery = written.then(
        () => this.deliver(event),
        () => undefined,
      );
      this.deliveries.add(delivery);
      void delivery.finally(() => this.deliveries.delete(delivery));
    }
    return written;
  }

  /** Resolves when every event queued so far is written and its mail has been tried. */
  async settled(): Promise<void> {
    await this.last;
    while (this.deliveries.size > 0) await Promise.all(this.deliveries);
  }

  private async deliver(event: E): Promise<void> {
    if (event.notify.length === 0) return;
    const { reference, sequence } = event;
    await this.writers.deliver({ reference, sequence }).catch((error: unknown) => log.warn('Notifications left unsent in the outbox', { reference, sequence, error: String(error) }));
  }
}
