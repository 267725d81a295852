import { ApplicationFailure } from '@temporalio/workflow';
import type { Bilingual } from '../../domain/bilingual.js';
import { REFUSED_CONFLICT } from './case.messages.js';

/** Refuses a command: the caller gets the reason in Welsh and English, and history gets nothing. */
export function refuse(reason: Bilingual, type: string = REFUSED_CONFLICT): never {
  throw ApplicationFailure.create({ type, message: reason.en, details: [reason], nonRetryable: true });
}
