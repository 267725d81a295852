import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import type { ActivityInterceptorsFactory, Worker } from '@temporalio/worker';
import { inject } from 'vitest';
import type { PrismaClient } from '../../src/db/prisma.js';
import { installTemporalRuntime } from '../../src/temporal/runtime.js';
import { createWorker } from '../../src/create-worker.js';
import { createLogger } from '../../src/log.js';
import { fileMailbox } from '../../src/notifications/file-mailbox.js';
import type { Mailer } from '../../src/notifications/mailer.js';
import { requestIdClientInterceptor } from '../../src/temporal/request-id-interceptors.js';
import { Client, type WorkflowHandle } from '@temporalio/client';
import { untilRecorded } from '../../src/operations/until-recorded.js';

export interface TemporalTestContext {
  env: TestWorkflowEnvironment;
  /** A client with the same interceptors the API uses. */
  client: Client;
  taskQueue: string;
  /** Where workers' mail goes unless a test passes its own mailer; made on the first message, removed at teardown. */
  mailboxDir: string;
  /** A worker on this file's own task queue, with the run's prebuilt workflow bundle. */
  createWorker(
    prisma: PrismaClient,
    options?: { mailer?: Mailer; activityInterceptors?: ActivityInterceptorsFactory[]; stickyQueueTimeout?: string },
  ): Promise<Worker>;
  teardown(): Promise<void>;
}

/** Connects to the run's Temporal server; each call gets its own task queue, so files never share work. */
export async function connectTemporal(): Promise<TemporalTestContext> {
  installTemporalRuntime(createLogger(process.env.LOG_LEVEL ?? 'warn', { process: 'test' }));
  const env = await TestWorkflowEnvironment.createFromExistingServer({ address: inject('temporalAddress') });
  const taskQueue = `test-${randomUUID()}`;
  const mailboxDir = path.join(tmpdir(), `cymuned-mailbox-${randomUUID()}`);
  const client = new Client({
    connection: env.connection,
    namespace: env.namespace ?? 'default',
    interceptors: { workflow: [requestIdClientInterceptor] },
  });
  return {
    env,
    client,
    taskQueue,
    mailboxDir,
    createWorker: (prisma, { mailer = fileMailbox(mailboxDir, 'Cymuned <no-reply@cymuned.example>'), activityInterceptors = [], stickyQueueTimeout } = {}) =>
      createWorker({
        connection: env.nativeConnection,
        namespace: env.namespace ?? 'default',
        taskQueue,
        prisma,
        mailer,
        activityInterceptors,
        ...(stickyQueueTimeout ? { stickyQueueTimeout } : {}),
        workflowBundlePath: inject('workflowBundlePath'),
      }),
    teardown: async () => {
      await env.teardown();
      await rm(mailboxDir, { recursive: true, force: true });
    },
  };
}

/**
 * `handle`, whose executeUpdate also waits, as the API does, until the database shows the events the
 * command recorded: commands answer once their events are scheduled in the history, and are written just
 * after (src/operations/until-recorded.ts).
 */
export function writingHandle(prisma: PrismaClient, handle: WorkflowHandle): WorkflowHandle {
  return new Proxy(handle, {
    get(target, property, receiver) {
      if (property !== 'executeUpdate') return Reflect.get(target, property, receiver) as unknown;
      return async (...args: Parameters<WorkflowHandle['executeUpdate']>) => {
        const result: unknown = await target.executeUpdate(...args);
        await untilWritten(prisma, result);
        return result;
      };
    },
  });
}

/** Waits for the events a case command's result says it recorded (nothing to wait for when it says none). */
export async function untilWritten(prisma: PrismaClient, result: unknown): Promise<void> {
  const { reference, sequence, recordedUpTo } = (result ?? {}) as { reference?: string; sequence?: number; recordedUpTo?: number };
  if (reference && sequence !== undefined && recordedUpTo !== undefined)
    await untilRecorded({ prisma }, { reference, from: sequence, upTo: recordedUpTo }, Date.now() + 20_000);
}
