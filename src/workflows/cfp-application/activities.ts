import type { EventWriters } from '../case/event-chain.js';
import { eventWriters } from '../case/event-writers.js';
import type { CaseEventRecord } from '../cfp-application.messages.js';

/** How an application's events are written and its mail sent. */
export const applicationEventWriters: EventWriters<CaseEventRecord> = eventWriters('recordCaseEvents', 'recordCaseEvent');
