import { proxyActivities } from '@temporalio/workflow';
import type { BaselineActivities } from './baseline-activity.js';

// The baseline of the submission benchmark: the least a Temporal-backed write can be, a workflow that runs
// one activity inserting one row. Registered only by the bench's own worker (bench/baseline-worker.ts).

// The same activity options as the real workflows' event recording.
const { insertBaselineRow } = proxyActivities<BaselineActivities>({ startToCloseTimeout: '1 minute', retry: { maximumInterval: '1 minute' } });

export async function baselineWorkflow(id: string): Promise<void> {
  await insertBaselineRow(id);
}
