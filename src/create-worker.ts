import { fileURLToPath } from 'node:url';
import { Worker, type ActivityInterceptorsFactory, type NativeConnection, type WorkerOptions } from '@temporalio/worker';
import { createActivities, type ActivityDependencies } from './activities/index.js';
import { requestIdActivityInterceptors } from './temporal/request-id-interceptors.js';

export const workflowsPath = fileURLToPath(new URL('./workflows/index.ts', import.meta.url));
export const workflowInterceptorsPath = fileURLToPath(new URL('./workflows/interceptors.ts', import.meta.url));

export interface CreateWorkerOptions extends ActivityDependencies {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  /** A prebuilt bundle (tests bundle once per run); otherwise the worker bundles src/workflows at start. */
  workflowBundlePath?: string;
  /**
   * How long a stop may take, whatever activities are doing: those in flight may run on for most of it,
   * then are cancelled, and the worker gives up on any that ignore it a second before the end.
   */
  shutdownGraceSeconds?: number;
  /** More activity interceptors, after the request-id one (tests inject failures with these). */
  activityInterceptors?: ActivityInterceptorsFactory[];
  /**
   * How long a case's next workflow task waits for this worker (which holds the case in its cache) before
   * any worker may take it. Temporal's default is 10 s; tests that restart workers shorten it.
   */
  stickyQueueTimeout?: string;
  /**
   * How many workflows stay in memory between their tasks; the rest are replayed from their history when
   * they next have work. Unset: Temporal's default, which grows with the heap size limit.
   */
  maxCachedWorkflows?: number;
}

export function createWorker({
  connection,
  namespace,
  taskQueue,
  workflowBundlePath,
  shutdownGraceSeconds = 30,
  activityInterceptors = [],
  stickyQueueTimeout,
  maxCachedWorkflows,
  ...deps
}: CreateWorkerOptions): Promise<Worker> {
  const workflowCode: Pick<WorkerOptions, 'workflowsPath' | 'workflowBundle'> = workflowBundlePath
    ? { workflowBundle: { codePath: workflowBundlePath } }
    : { workflowsPath };
  return Worker.create({
    connection,
    namespace,
    taskQueue,
    ...workflowCode,
    shutdownGraceTime: Math.max(500, shutdownGraceSeconds * 1000 - 2000),
    shutdownForceTime: Math.max(750, shutdownGraceSeconds * 1000 - 1000),
    ...(stickyQueueTimeout ? { stickyQueueScheduleToStartTimeout: stickyQueueTimeout as `${number} seconds` } : {}),
    ...(maxCachedWorkflows === undefined ? {} : { maxCachedWorkflows }),
    activities: createActivities(deps),
    interceptors: {
      // A prebuilt bundle carries its workflow interceptors already (see bundleWorkflowCode in tests).
      workflowModules: workflowBundlePath ? [] : [workflowInterceptorsPath],
      activity: [requestIdActivityInterceptors, ...activityInterceptors],
    },
  });
}
