import { randomUUID } from 'node:crypto';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import { inject } from 'vitest';
import type { PrismaClient } from '../../src/db/prisma.js';
import { installTemporalRuntime } from '../../src/temporal/runtime.js';
import { createWorker } from '../../src/temporal/worker.js';
import { createLogger } from '../../src/log.js';
import { requestIdClientInterceptor } from '../../src/temporal/request-context.js';
import { Client } from '@temporalio/client';

export interface TemporalTestContext {
  env: TestWorkflowEnvironment;
  /** A client with the same interceptors the API uses. */
  client: Client;
  taskQueue: string;
  /** A worker on this file's own task queue, with the run's prebuilt workflow bundle. */
  createWorker(prisma: PrismaClient): Promise<Worker>;
  teardown(): Promise<void>;
}

/** Connects to the run's Temporal server; each call gets its own task queue, so files never share work. */
export async function connectTemporal(): Promise<TemporalTestContext> {
  installTemporalRuntime(createLogger(process.env.LOG_LEVEL ?? 'warn', { process: 'test' }));
  const env = await TestWorkflowEnvironment.createFromExistingServer({ address: inject('temporalAddress') });
  const taskQueue = `test-${randomUUID()}`;
  const client = new Client({
    connection: env.connection,
    namespace: env.namespace ?? 'default',
    interceptors: { workflow: [requestIdClientInterceptor] },
  });
  return {
    env,
    client,
    taskQueue,
    createWorker: (prisma) =>
      createWorker({
        connection: env.nativeConnection,
        namespace: env.namespace ?? 'default',
        taskQueue,
        prisma,
        workflowBundlePath: inject('workflowBundlePath'),
      }),
    teardown: () => env.teardown(),
  };
}
