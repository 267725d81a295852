import type { Client } from '@temporalio/client';
import type { CaseEventSignals } from '../db/case-event-signals.js';
import type { PrismaClient } from '../db/prisma.js';
import type { CfpPolicyCatalogue } from '../programmes/cfp-policy.js';
import type { TransferProcessCatalogue } from '../programmes/transfer-processes.js';
import type { PageContext } from './render.js';

/** What the pages need: the operations' own dependencies, as the API's routes have them. */
export interface PageDependencies extends PageContext {
  prisma: PrismaClient;
  temporal: Client;
  taskQueue: string;
  transferProcesses: TransferProcessCatalogue;
  cfpPolicies: CfpPolicyCatalogue;
  /** Where evidence files are kept (src/operations/evidence/upload-evidence.ts). */
  evidenceDir: string;
  caseEventSignals?: CaseEventSignals;
}
