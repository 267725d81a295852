import type { PrismaClient } from '../db/prisma.js';
import type { Mailer } from '../notifications/mailer.js';
import { deliverNotifications } from './deliver-notifications.js';
import { instructPayment } from './instruct-payment.js';
import { caseEventRecorder } from './record-case-event.js';
import { recordClaimEvent } from './record-claim-event.js';
import { recordEnquiry } from './record-enquiry.js';
import { recordMonitoringEvent } from './record-monitoring-event.js';
import { transferEventRecorder } from './record-transfer-event.js';

export interface ActivityDependencies {
  prisma: PrismaClient;
  mailer: Mailer;
}

/** Every activity, given its dependencies; workflows proxy `ReturnType<typeof createActivities>`. */
export function createActivities({ prisma, mailer }: ActivityDependencies) {
  const deliver = deliverNotifications(prisma, mailer);
  const caseEvents = caseEventRecorder(prisma, deliver);
  const transferEvents = transferEventRecorder(prisma, deliver);
  return {
    recordEnquiry: recordEnquiry(prisma),
    recordCaseEvents: caseEvents.many,
    recordCaseEvent: caseEvents.one,
    deliverNotifications: deliver,
    recordMonitoringEvent: recordMonitoringEvent(prisma),
    recordClaimEvent: recordClaimEvent(prisma),
    instructPayment: instructPayment(prisma),
    recordTransferEvents: transferEvents.many,
    recordTransferEvent: transferEvents.one,
  };
}
