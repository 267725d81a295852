import type { CfpPolicy } from '../../domain/cfp/policy.js';
import { clockFor, isClosed, type CfpStatus } from '../../domain/cfp/status.js';
import { durationMs } from '../../domain/duration.js';
import { addMs, type DurableTimers } from '../case/durable-timers.js';
import type { CfpApplicationState } from '../cfp-application.messages.js';

/** An application's stages and the service-level clock each runs, which a request for information stops. */
export interface ServiceClock {
  /** Moves the case on, starting the new stage's service-level clock (or stopping the old one). */
  moveTo(status: CfpStatus, at: string): void;
  pauseClock(at: string): void;
  resumeClock(at: string): void;
  /** The allowance of a stage, fast-tracked or not. */
  serviceLevelMs(stage: string): number;
}

export function serviceClock(state: CfpApplicationState, policy: CfpPolicy, timers: DurableTimers): ServiceClock {
  function serviceLevelMs(stage: string): number {
    const levels = state.fastTrack ? policy.durations.fastTrackServiceLevels : policy.durations.serviceLevels;
    return durationMs(levels[stage as keyof typeof levels]);
  }

  function moveTo(status: CfpStatus, at: string): void {
    const before = clockFor(state.status);
    state.status = status;
    const after = clockFor(status);
    if (isClosed(status)) {
      state.applicantAction = null;
      state.informationRequest = null;
    }
    if (after === before && state.clock) return;
    timers.cancel('clock');
    if (!after) {
      state.clock = null;
      return;
    }
    const dueAt = addMs(at, serviceLevelMs(after));
    state.clock = { stage: after, dueAt, pausedRemainingMs: null, breached: false };
    if (state.informationRequest) pauseClock(at);
    else timers.set('clock', dueAt, at);
  }

  function pauseClock(at: string): void {
    if (!state.clock?.dueAt) return;
    state.clock = { ...state.clock, dueAt: null, pausedRemainingMs: Math.max(0, Date.parse(state.clock.dueAt) - Date.parse(at)) };
    timers.cancel('clock');
  }

  function resumeClock(at: string): void {
    if (!state.clock || state.clock.pausedRemainingMs === null) return;
    const dueAt = addMs(at, state.clock.pausedRemainingMs);
    state.clock = { ...state.clock, dueAt, pausedRemainingMs: null };
    if (!state.clock.breached) timers.set('clock', dueAt, at);
  }

  return { moveTo, pauseClock, resumeClock, serviceLevelMs };
}
