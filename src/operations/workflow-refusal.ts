import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { AppError } from '../domain/app-error.js';
import type { Bilingual } from '../domain/bilingual.js';
import { REFUSED_FORBIDDEN } from '../workflows/cfp-application.messages.js';

function isBilingual(value: unknown): value is Bilingual {
  return typeof value === 'object' && value !== null && typeof (value as Bilingual).cy === 'string' && typeof (value as Bilingual).en === 'string';
}

const closedApplication: Bilingual = { cy: 'Mae’r cais hwn wedi cau', en: 'This application is closed' };

/**
 * Sends a command to a case's workflow, turning its refusals into coded errors: 403 when the workflow says
 * the sender may not do it (separation of duties, delegated authority), 409 when the case is not at a
 * stage where it can be done, with the workflow's reason in Welsh and English either way. A workflow that
 * has ended is a case that has closed (409, saying `closed`).
 */
export async function commandWorkflow<T>(send: () => Promise<T>, closed: Bilingual = closedApplication): Promise<T> {
  try {
    return await send();
  } catch (error) {
    if (error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure) {
      const reason = error.cause.details?.[0];
      const detail = isBilingual(reason) ? reason : { cy: 'Ni ellir gwneud hyn nawr', en: error.cause.message };
      throw new AppError(error.cause.type === REFUSED_FORBIDDEN ? 'forbidden' : 'conflict', detail);
    }
    if (error instanceof WorkflowNotFoundError) {
      throw new AppError('conflict', closed);
    }
    throw error;
  }
}
