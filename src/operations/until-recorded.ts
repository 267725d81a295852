import { setTimeout as sleep } from 'node:timers/promises';
import type { CaseEventSignals } from '../db/case-event-signals.js';
import { isDatabaseUnavailable } from '../db/database-errors.js';
import type { PrismaClient } from '../db/prisma.js';
import { AppError } from '../domain/app-error.js';

// A case command is done once the workflow task that took it is in the history: its events are written
// from there, by an activity that starts as that task completes (src/workflows/case/event-chain.ts). The API
// answers once the database shows them, so that what the client reads next is the case after its command.

const notRecorded = {
  cy: 'Derbyniwyd y newid ond ni ellid ei gofnodi’n llawn; mae’r staff wedi cael gwybod',
  en: 'The change was received but could not be recorded in full; staff have been told',
};

const notYetVisible = {
  cy: 'Derbyniwyd y gorchymyn ond nid yw i’w weld eto; anfonwch ef eto gyda’r un Idempotency-Key i gael yr ateb',
  en: 'The command was taken but is not visible yet; send it again with the same Idempotency-Key for its answer',
};

/** Where to look for written events, and (in the API) what wakes a look as soon as they are. */
export interface RecordedEvents {
  prisma: PrismaClient;
  signals?: CaseEventSignals;
}

/**
 * Waits until `reference`'s events `from`..`upTo` are written: 500 not_recorded when the database refused
 * one (event_write_failure), 503 when they are not visible by `deadline` (the database down, say: they
 * will be written, and a retry with the same key answers then). Looks again when the worker signals a
 * write of the case (src/db/case-event-signals.ts), and on its own now and then in case a signal is lost.
 */
export async function untilRecorded(
  { prisma, signals }: RecordedEvents,
  { reference, from, upTo }: { reference: string; from: number; upTo: number },
  deadline: number,
): Promise<void> {
  /** Written, refused, or not yet (also when the database cannot be asked just now). */
  const look = async (): Promise<'written' | 'waiting'> => {
    try {
      const [written, refused] = await Promise.all([
        prisma.caseEvent.count({ where: { reference, sequence: upTo } }),
        prisma.eventWriteFailure.count({ where: { reference, sequence: { gte: from, lte: upTo } } }),
      ]);
      if (refused > 0) throw new AppError('not_recorded', notRecorded);
      return written > 0 ? 'written' : 'waiting';
    } catch (error) {
      if (isDatabaseUnavailable(error)) return 'waiting';
      throw error;
    }
  };
  for (let pause = 2; ; pause = Math.min(pause * 1.5, signals?.listening ? 100 : 25)) {
    // Waiting for the signal begins before the look, so a write between the two is not missed.
    const wait = signals?.next(reference, Math.max(1, Math.min(pause, deadline - Date.now())));
    // A look that hangs (a lock held on the table) must not hold the answer past the deadline.
    const seen = await Promise.race([look(), sleep(Math.max(0, deadline - Date.now()), 'waiting' as const)]).catch((error: unknown) => {
      wait?.cancel();
      throw error;
    });
    if (seen === 'written' || Date.now() >= deadline) wait?.cancel();
    if (seen === 'written') return;
    if (Date.now() >= deadline) throw new AppError('unavailable', notYetVisible);
    if (wait) await wait.promise;
    else await sleep(Math.min(pause, deadline - Date.now()));
  }
}
