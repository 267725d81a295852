import type { PrismaClient } from '../db/prisma.js';
import type { Mailer } from '../notifications/mailer.js';
import { deliverNotifications } from './deliver-notifications.js';
import { instructPayment } from './instruct-payment.js';
import { recordCaseEvent } from './record-case-event.js';
import { recordClaimEvent } from './record-claim-event.js';
import { recordEnquiry } from './record-enquiry.js';
import { recordMonitoringEvent } from './record-monitoring-event.js';
import { recordTransferEvent } from './record-transfer-event.js';

export interface ActivityDependencies {
  prisma: PrismaClient;
  mailer: Mailer;
}

/** Every activity, given its dependencies; workflows proxy `ReturnType<typeof createActivities>`. */
export function createActivities({ prisma, mailer }: ActivityDependencies) {
  return {
    recordEnquiry: recordEnquiry(prisma),
    recordCaseEvent: recordCaseEvent(prisma),
    deliverNotifications: deliverNotifications(prisma, mailer),
    recordMonitoringEvent: recordMonitoringEvent(prisma),
    recordClaimEvent: recordClaimEvent(prisma),
    instructPayment: instructPayment(prisma),
    recordTransferEvent: recordTransferEvent(prisma),
  };
}
