import type { Prisma } from '../../generated/prisma/client.js';
import type { PrismaClient } from '../db/prisma.js';
import type { Bilingual } from '../domain/bilingual.js';
import { isFinished, transferStatuses, type TransferStatus } from '../domain/cat/status.js';
import { stageFor, statuses, type CfpStatus } from '../domain/cfp/status.js';
import { known } from '../domain/input-schemas.js';

// The live feeds of case events (of applications and of transfers alike), shared: however many people follow one case (its group's members, its
// officer, an administrator, each perhaps in several tabs), one reader per case looks for new events, and
// only while someone follows it; what it finds goes to every follower. Each follower has its own position
// (where its client resumed), so the reader reads from the earliest position among them and hands each
// only what it has not had.
//
// The reader reads when the worker signals that it wrote the case's events (PostgreSQL's LISTEN/NOTIFY,
// src/db/case-event-signals.ts, when the API listens) and polls as well, less often, for what a lost
// signal would miss. Polling per case rather than per stream keeps the cost at one small indexed query per
// followed case per interval, whatever the number of streams.

/** One case event as the feeds carry it, in both languages; a stream picks its reader's. */
export interface FedCaseEvent<S extends string = string> {
  sequence: number;
  type: string;
  at: string;
  summary: Bilingual;
  /** The case's status after this event (for events recorded before case_event kept it, the status now). */
  status: S;
}

/** What a feed needs to know of one kind of case: where its status is kept, and when it has closed. */
export interface FedCaseKind<S extends string> {
  /** The case's status now, in the snapshot the events are read in; null once the case is gone. */
  statusNow(prisma: PrismaClient, reference: string): Prisma.PrismaPromise<{ status: string } | null>;
  /** The statuses it may hold, to check what the read model holds. */
  statuses: readonly S[];
  /** Whether a case in `status` will record no more events. */
  closed(status: S): boolean;
}

export const applicationFeed: FedCaseKind<CfpStatus> = {
  statusNow: (prisma, reference) => prisma.application.findUnique({ where: { reference }, select: { status: true } }),
  statuses,
  closed: (status) => stageFor(status) === 'closed',
};

/** A transfer in monitoring still records the group's community-benefit reports. */
export const transferFeed: FedCaseKind<TransferStatus> = {
  statusNow: (prisma, reference) => prisma.transfer.findUnique({ where: { reference }, select: { status: true } }),
  statuses: transferStatuses,
  closed: isFinished,
};

export const defaultPollIntervalMs = 1000;
/** Events read per query; a case has a few dozen, so one query normally catches up. */
const batchSize = 200;

/** What a follower is handed next: some events, the end (the case closed or is gone), or a failure. */
type Delivery<S extends string> = { events: FedCaseEvent<S>[] } | { end: true } | { error: unknown };

class Follower<S extends string> {
  private readonly queue: Delivery<S>[] = [];
  private waiting: (() => void) | undefined;

  constructor(public position: number) {}

  deliver(delivery: Delivery<S>): void {
    this.queue.push(delivery);
    this.waiting?.();
  }

  /** The next delivery, or undefined once `signal` aborts. */
  async next(signal: AbortSignal): Promise<Delivery<S> | undefined> {
    while (this.queue.length === 0) {
      if (signal.aborted) return undefined;
      await new Promise<void>((resolve) => {
        const done = () => {
          this.waiting = undefined;
          signal.removeEventListener('abort', done);
          resolve();
        };
        this.waiting = done;
        signal.addEventListener('abort', done, { once: true });
      });
    }
    return signal.aborted ? undefined : this.queue.shift();
  }
}

/** The one reader of one case's events, alive while the case has followers. */
class CaseFeed<S extends string> {
  readonly followers = new Set<Follower<S>>();
  private wake: (() => void) | undefined;

  constructor(
    private readonly prisma: PrismaClient,
    private readonly kind: FedCaseKind<S>,
    private readonly reference: string,
    private readonly pollIntervalMs: number,
    private readonly counted: () => void,
    private readonly finished: () => void,
  ) {}

  add(follower: Follower<S>): void {
    this.followers.add(follower);
    // A newcomer wants its catch-up now, not at the next interval.
    this.poke();
  }

  remove(follower: Follower<S>): void {
    this.followers.delete(follower);
    if (this.followers.size === 0) this.poke();
  }

  poke(): void {
    this.wake?.();
  }

  /** Reads and hands out until nobody follows, the case closes or is gone, or a read fails. */
  async run(): Promise<void> {
    try {
      while (this.followers.size > 0) {
        const full = await this.readOnce();
        if (full === 'ended') return;
        if (!full) await this.pause();
      }
    } catch (error) {
      for (const follower of this.followers) follower.deliver({ error });
      this.followers.clear();
    } finally {
      this.finished();
    }
  }

  /**
   * One read for every follower. True to read again at once (the batch was full, or a newcomer is further
   * back), 'ended' when nobody is left to serve because the case has closed or gone.
   */
  private async readOnce(): Promise<boolean | 'ended'> {
    const from = Math.min(...[...this.followers].map((follower) => follower.position));
    this.counted();
    // One snapshot for both reads: the status is the one the newest event read left, and "closed" means
    // the closing event is among those read.
    const [rows, current] = await this.prisma.$transaction(
      [
        this.prisma.caseEvent.findMany({
          where: { reference: this.reference, sequence: { gt: from } },
          orderBy: { sequence: 'asc' },
          take: batchSize,
          select: { sequence: true, type: true, status: true, occurredAt: true, summaryCy: true, summaryEn: true },
        }),
        this.kind.statusNow(this.prisma, this.reference),
      ],
      { isolationLevel: 'RepeatableRead' },
    );
    if (!current) {
      this.endAll();
      return 'ended';
    }
    const now = known(this.kind.statuses, current.status, 'status');
    const events: FedCaseEvent<S>[] = rows.map((row) => ({
      sequence: row.sequence,
      type: row.type,
      at: row.occurredAt.toISOString(),
      summary: { cy: row.summaryCy, en: row.summaryEn },
      status: row.status === null ? now : known(this.kind.statuses, row.status, 'status'),
    }));
    // Followers who joined during the read, further back than it began, are served by the next read: handing
    // them these events would skip the ones between.
    const served = [...this.followers].filter((follower) => follower.position >= from);
    for (const follower of served) {
      const unseen = events.filter((event) => event.sequence > follower.position);
      if (unseen.length === 0) continue;
      follower.position = unseen[unseen.length - 1]?.sequence ?? follower.position;
      follower.deliver({ events: unseen });
    }
    if (events.length === batchSize) return true;
    if (this.kind.closed(now)) {
      // Those served now have every event there will be.
      for (const follower of served) {
        follower.deliver({ end: true });
        this.followers.delete(follower);
      }
      return this.followers.size === 0 ? 'ended' : true;
    }
    return served.length < this.followers.size;
  }

  private endAll(): void {
    for (const follower of this.followers) follower.deliver({ end: true });
    this.followers.clear();
  }

  private pause(): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, this.pollIntervalMs);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = () => {
        this.wake = undefined;
        done();
      };
    });
  }
}

/** Every case of one kind being followed in this process, each with its one reader. One per kind per API process. */
export class CaseEventFeeds<S extends string = CfpStatus> {
  private readonly cases = new Map<string, CaseFeed<S>>();
  private reads = 0;

  constructor(
    private readonly prisma: PrismaClient,
    private readonly pollIntervalMs = defaultPollIntervalMs,
    // Applications unless told: what the feeds were first made for, and what tests that watch them give.
    private readonly kind: FedCaseKind<S> = applicationFeed as unknown as FedCaseKind<S>,
  ) {}

  /**
   * A case's events after `after`, oldest first, in batches as they are found: every one recorded so far,
   * then each new one. Ends once the case has closed and every event has been yielded, if the application
   * is gone, or when `signal` aborts. Does not authorise: see streamCaseEvents.
   */
  async *follow(reference: string, after: number, signal: AbortSignal): AsyncGenerator<FedCaseEvent<S>[], void, undefined> {
    const follower = new Follower<S>(after);
    const feed = this.feedOf(reference);
    feed.add(follower);
    try {
      for (;;) {
        const delivery = await follower.next(signal);
        if (delivery === undefined || 'end' in delivery) return;
        if ('error' in delivery) throw delivery.error;
        yield delivery.events;
      }
    } finally {
      feed.remove(follower);
    }
  }

  /** The worker has written `reference`'s events: if anyone follows the case, read it now. */
  written(reference: string): void {
    this.cases.get(reference)?.poke();
  }

  /** How many cases are read, by how many followers, and how many reads have been made: for tests and logs. */
  stats(): { cases: number; followers: number; reads: number } {
    let followers = 0;
    for (const feed of this.cases.values()) followers += feed.followers.size;
    return { cases: this.cases.size, followers, reads: this.reads };
  }

  private feedOf(reference: string): CaseFeed<S> {
    const existing = this.cases.get(reference);
    if (existing) return existing;
    const feed = new CaseFeed(
      this.prisma,
      this.kind,
      reference,
      this.pollIntervalMs,
      () => (this.reads += 1),
      () => {
        if (this.cases.get(reference) === feed) this.cases.delete(reference);
      },
    );
    this.cases.set(reference, feed);
    // Started on the next turn, once the first follower is in.
    queueMicrotask(() => void feed.run());
    return feed;
  }
}
