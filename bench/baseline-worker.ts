import { fileURLToPath } from 'node:url';
import { NativeConnection, Worker } from '@temporalio/worker';
import { createPrisma } from '../src/db/prisma.js';
import { baselineActivities } from './baseline-activity.js';

// The baseline's worker, run as a child process like the real worker (`src/main.ts worker`): its own task
// queue, its own workflow bundle (bench/baseline-workflow.ts only), Temporal's default worker options.
// Usage: DATABASE_URL=… TEMPORAL_ADDRESS=… BENCH_TASK_QUEUE=… node --import tsx bench/baseline-worker.ts

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
}

const prisma = createPrisma(required('DATABASE_URL'));
const connection = await NativeConnection.connect({ address: required('TEMPORAL_ADDRESS') });
const worker = await Worker.create({
  connection,
  namespace: process.env.TEMPORAL_NAMESPACE ?? 'default',
  taskQueue: required('BENCH_TASK_QUEUE'),
  workflowsPath: fileURLToPath(new URL('./baseline-workflow.ts', import.meta.url)),
  activities: baselineActivities(prisma),
});
const stop = () => {
  if (worker.getState() === 'RUNNING') worker.shutdown();
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
await worker.run();
await connection.close();
await prisma.$disconnect();
