import type { PrismaClient } from '../../db/prisma.js';

/** Mail waiting longer than this is shown as stuck: delivery retries within a minute or two. */
const stuckAfterMs = 15 * 60 * 1000;
const limit = 100;

export interface FailuresView {
  /** Events the history holds that the database refused; the case went on without them. */
  events: { reference: string; sequence: number; type: string; reason: string; occurredAt: string; requestId: string | null; recordedAt: string }[];
  /** Messages the mail service refused for good; they will not be sent. */
  failedNotifications: { id: string; reference: string; email: string; subject: string; failure: string | null; failedAt: string | null }[];
  /** Messages still unsent long after they were queued: mail is failing for a passing reason. */
  stuckNotifications: { id: string; reference: string; email: string; subject: string; createdAt: string }[];
}

/**
 * What needs an administrator's hand: event writes refused by the database and mail that failed or is
 * stuck, newest first, up to a hundred of each. Each went wrong without stopping its case.
 */
export async function listFailures({ prisma, now }: { prisma: PrismaClient; now: Date }): Promise<FailuresView> {
  const [events, failed, stuck] = await Promise.all([
    prisma.eventWriteFailure.findMany({ orderBy: { recordedAt: 'desc' }, take: limit }),
    prisma.notification.findMany({ where: { failedAt: { not: null } }, orderBy: { failedAt: 'desc' }, take: limit }),
    prisma.notification.findMany({
      where: { sentAt: null, failedAt: null, createdAt: { lt: new Date(now.getTime() - stuckAfterMs) } },
      orderBy: { createdAt: 'asc' },
      take: limit,
    }),
  ]);
  return {
    events: events.map((event) => ({ ...event, occurredAt: event.occurredAt.toISOString(), recordedAt: event.recordedAt.toISOString() })),
    failedNotifications: failed.map(({ id, reference, email, subject, failure, failedAt }) => ({
      id,
      reference,
      email,
      subject,
      failure,
      failedAt: failedAt?.toISOString() ?? null,
    })),
    stuckNotifications: stuck.map(({ id, reference, email, subject, createdAt }) => ({ id, reference, email, subject, createdAt: createdAt.toISOString() })),
  };
}
