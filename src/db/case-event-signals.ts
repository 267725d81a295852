import pg from 'pg';
import type { Logger } from '../log.js';
import type { PrismaClient } from './prisma.js';

// The worker tells PostgreSQL's listeners when it has written a case's events (NOTIFY, delivered when the
// transaction commits); the API listens on one connection of its own, so that a command's answer and a
// live feed learn of the write at once rather than at the next poll. Nothing depends on a notification
// arriving: whoever waits also looks again on its own, less often, and while the connection is down.

export const caseEventChannel = 'case_event_written';

/** Inside the transaction that writes `reference`'s events: listeners hear of it once it commits. */
export async function signalCaseEventsWritten(tx: Pick<PrismaClient, '$executeRaw'>, reference: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_notify(${caseEventChannel}, ${reference})`;
}

export interface CaseEventWait {
  /** Resolves at the next notification for the case, or after the time given, whichever is first. */
  promise: Promise<void>;
  cancel(): void;
}

/** One listening connection per API process, shared by everyone waiting on any case. */
export class CaseEventSignals {
  private readonly waiting = new Map<string, Set<() => void>>();
  private readonly listeners = new Set<(reference: string) => void>();
  private client: pg.Client | undefined;
  private stopped = false;
  private reconnect: NodeJS.Timeout | undefined;

  constructor(
    private readonly databaseUrl: string,
    private readonly log?: Pick<Logger, 'warn' | 'info'>,
  ) {}

  /** Connects and listens; a connection that fails or is lost later is made again every second. */
  async start(): Promise<void> {
    await this.connect().catch((error: unknown) => this.retryLater(error));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.reconnect);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
    this.wakeAll();
  }

  /** Whether notifications are arriving now (otherwise waiters fall back on their own looks). */
  get listening(): boolean {
    return this.client !== undefined;
  }

  /** Waits for `reference`'s next write, at most `ms`. Register before looking, so no write falls between. */
  next(reference: string, ms: number): CaseEventWait {
    let cancel = () => {};
    const promise = new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      const set = this.waiting.get(reference) ?? new Set();
      this.waiting.set(reference, set);
      set.add(done);
      function done() {
        clearTimeout(timer);
        set.delete(done);
        resolve();
      }
      cancel = () => {
        done();
        if (set.size === 0 && this.waiting.get(reference) === set) this.waiting.delete(reference);
      };
    });
    return { promise, cancel };
  }

  /** Calls `listener` with each case whose events were written (a live feed reads it at once). */
  onWritten(listener: (reference: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.databaseUrl });
    client.on('notification', (message) => {
      if (message.channel === caseEventChannel && message.payload) this.written(message.payload);
    });
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client, new Error('the connection ended')));
    await client.connect();
    await client.query(`LISTEN ${caseEventChannel}`);
    if (this.stopped) {
      await client.end();
      return;
    }
    this.client = client;
  }

  private lost(client: pg.Client, error: unknown): void {
    if (this.client !== client) return;
    this.client = undefined;
    // Whoever waits looks again now: a write may have been missed while the connection went.
    this.wakeAll();
    this.retryLater(error);
  }

  private retryLater(error: unknown): void {
    if (this.stopped) return;
    this.log?.warn({ err: error }, 'Not listening for case event writes; trying again in a second');
    clearTimeout(this.reconnect);
    this.reconnect = setTimeout(() => void this.connect().catch((next: unknown) => this.retryLater(next)), 1000);
    this.reconnect.unref();
  }

  private written(reference: string): void {
    for (const done of [...(this.waiting.get(reference) ?? [])]) done();
    this.waiting.delete(reference);
    for (const listener of this.listeners) listener(reference);
  }

  private wakeAll(): void {
    for (const set of this.waiting.values()) for (const done of [...set]) done();
    this.waiting.clear();
  }
}
