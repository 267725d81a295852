import type { EventWriters } from '../case/event-chain.js';
import { eventWriters } from '../case/event-writers.js';
import type { TransferEventRecord } from '../asset-transfer.messages.js';

/** How a transfer's events are written and its mail sent. */
export const transferEventWriters: EventWriters<TransferEventRecord> = eventWriters('recordTransferEvents', 'recordTransferEvent');
