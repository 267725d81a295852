import { setTimeout as sleep } from 'node:timers/promises';
import { isDatabaseUnavailable } from '../db/database-errors.js';
import type { PrismaClient } from '../db/prisma.js';
import { AppError } from '../domain/app-error.js';

// A case command is done once the workflow task that took it is in the history: its events are written
// from there, by an activity that starts as that task completes (src/workflows/event-chain.ts). The API
// answers once the database shows them, so that what the client reads next is the case after its command.

const notRecorded = {
  cy: 'Derbyniwyd y newid ond ni ellid ei gofnodi’n llawn; mae’r staff wedi cael gwybod',
  en: 'The change was received but could not be recorded in full; staff have been told',
};

const notYetVisible = {
  cy: 'Derbyniwyd y gorchymyn ond nid yw i’w weld eto; anfonwch ef eto gyda’r un Idempotency-Key i gael yr ateb',
  en: 'The command was taken but is not visible yet; send it again with the same Idempotency-Key for its answer',
};

/**
 * Waits until `reference`'s events `from`..`upTo` are written: 500 not_recorded when the database refused
 * one (event_write_failure), 503 when they are not visible by `deadline` (the database down, say: they
 * will be written, and a retry with the same key answers then). Looks often at first, then less.
 */
export async function untilRecorded(prisma: PrismaClient, { reference, from, upTo }: { reference: string; from: number; upTo: number }, deadline: number): Promise<void> {
  for (let pause = 2; ; pause = Math.min(pause * 1.5, 25)) {
    try {
      const [written, refused] = await Promise.all([
        prisma.caseEvent.count({ where: { reference, sequence: upTo } }),
        prisma.eventWriteFailure.count({ where: { reference, sequence: { gte: from, lte: upTo } } }),
      ]);
      if (refused > 0) throw new AppError('not_recorded', notRecorded);
      if (written > 0) return;
    } catch (error) {
      if (!isDatabaseUnavailable(error)) throw error;
    }
    if (Date.now() + pause > deadline) throw new AppError('unavailable', notYetVisible);
    await sleep(pause);
  }
}
