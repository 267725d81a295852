import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { WorkflowHandle } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils.js';

export const historiesDir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'histories');

/**
 * Saves a finished workflow's history under test/histories when RECORD_HISTORIES=1, for
 * test/workflows/replay.test.ts to replay against today's workflow code. Recorded deliberately and committed:
 * a history is the contract a running case holds us to.
 */
export async function recordHistory(name: string, handle: WorkflowHandle): Promise<void> {
  if (process.env.RECORD_HISTORIES !== '1') return;
  const history = await handle.fetchHistory();
  mkdirSync(historiesDir, { recursive: true });
  // Temporal's own JSON form, the one `temporal workflow show --output json` and the Web UI export.
  writeFileSync(path.join(historiesDir, `${name}.json`), `${JSON.stringify(JSON.parse(historyToJSON(history)), null, 2)}\n`);
}
