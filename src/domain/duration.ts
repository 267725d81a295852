import { msToNumber } from '@temporalio/common/lib/time.js';

/**
 * Milliseconds in a policy duration such as '28 days', '3 days' or '5 seconds' (the format Temporal's
 * timers take). Throws on anything else. Pure, so workflows use it too.
 */
export function durationMs(duration: string): number {
  const ms = msToNumber(duration as Parameters<typeof msToNumber>[0]);
  if (!Number.isFinite(ms) || Number.isNaN(ms)) throw new RangeError(`Not a duration: ${duration}`);
  return ms;
}
