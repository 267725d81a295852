import { log } from '@temporalio/workflow';

interface ChainedEvent {
  reference: string;
  sequence: number;
  notify: readonly unknown[];
}

/**
 * Writes a case's events one at a time, in the order they happened, each followed by sending its
 * notifications. Writing an event must happen (its activity retries until it does); sending mail may fail
 * for good (a bad address), and then the messages stay unsent in the outbox and the case goes on.
 */
export class EventChain<E extends ChainedEvent> {
  private last: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly write: (event: E) => Promise<unknown>,
    private readonly deliver: (key: { reference: string; sequence: number }) => Promise<unknown>,
  ) {}

  /** Queues `event`; resolves to its sequence once it is written and its mail has been tried. */
  append(event: E): Promise<number> {
    const { reference, sequence } = event;
    const written = this.last.then(async () => {
      await this.write(event);
      if (event.notify.length > 0) {
        await this.deliver({ reference, sequence }).catch((error: unknown) => log.warn('Notifications left unsent in the outbox', { reference, sequence, error: String(error) }));
      }
      return sequence;
    });
    this.last = written;
    return written;
  }

  /** Resolves when every event queued so far is written. */
  settled(): Promise<unknown> {
    return this.last;
  }
}
