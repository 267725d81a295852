import type { ResolvedTransferProcess } from '../../domain/cat/process.js';
import type { TransferEventType } from '../../domain/cat/events.js';
import type { TransferStatus } from '../../domain/cat/status.js';
import type { CaseCommand } from '../case/case-command.js';
import type { DurableTimers } from '../case/durable-timers.js';
import type { Recorder } from '../case/event-recorder.js';
import type { StageGuard } from '../case/stage-guard.js';
import type { TransferAudience, TransferStart, TransferState } from '../asset-transfer.messages.js';
import type { TransferRoute } from './route.js';

/**
 * What every stage's handlers share: the transfer's state and the owning body's process, how it records
 * events, its timers, its route through the stages and who may act. The workflow function makes one; each
 * stage module registers its handlers on it.
 */
export interface TransferCase {
  reference: string;
  start: TransferStart;
  process: ResolvedTransferProcess;
  state: TransferState;
  record: Recorder<TransferEventType, TransferAudience>;
  timers: DurableTimers;
  route: TransferRoute;
  mustBe: StageGuard<TransferStatus>;
  command: CaseCommand<TransferStatus>;
}
