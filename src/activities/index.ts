import type { PrismaClient } from '../db/prisma.js';
import { recordEnquiry } from './record-enquiry.js';

export interface ActivityDependencies {
  prisma: PrismaClient;
}

/** Every activity, given its dependencies; workflows proxy `ReturnType<typeof createActivities>`. */
export function createActivities({ prisma }: ActivityDependencies) {
  return {
    recordEnquiry: recordEnquiry(prisma),
  };
}
