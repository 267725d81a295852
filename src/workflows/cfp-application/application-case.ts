import type { CfpEventType } from '../../domain/cfp/events.js';
import type { CfpPolicy } from '../../domain/cfp/policy.js';
import type { CfpStatus } from '../../domain/cfp/status.js';
import type { CaseCommand } from '../case/case-command.js';
import type { NotificationAudience } from '../case/case.messages.js';
import type { DurableTimers } from '../case/durable-timers.js';
import type { Recorder } from '../case/event-recorder.js';
import type { StageGuard } from '../case/stage-guard.js';
import type { CaseEventRecord, CfpApplicationState } from '../cfp-application.messages.js';
import type { ServiceClock } from './clock.js';

/**
 * What every stage's handlers share: the application's state and policy, how it records events, its
 * timers and clock, and who may act. The workflow function makes one; each stage module registers its
 * handlers on it.
 */
export interface ApplicationCase {
  reference: string;
  policy: CfpPolicy;
  state: CfpApplicationState;
  /** Writes one event (read model, audit, timeline, outbox), then sends its notifications; resolves to its sequence once written. */
  record: Recorder<CfpEventType, NotificationAudience, Pick<CaseEventRecord, 'award'>>;
  timers: DurableTimers;
  clock: ServiceClock;
  mustBe: StageGuard<CfpStatus>;
  command: CaseCommand<CfpStatus>;
}
