import type { Bilingual } from '../../domain/bilingual.js';
import { capExceeded, capReason, capWhenExceeded, type RecentAwards } from '../../domain/cfp/organisation-cap.js';
import type { CfpPolicy } from '../../domain/cfp/policy.js';
import type { CfpApplicationState, OrganisationCapException } from '../cfp-application.messages.js';

/**
 * Why an award of `amountPence` would pass the per-organisation cap, when the policy applies it; the
 * awards are the database's, counted by the API as the command was sent.
 */
export function overCap(policy: CfpPolicy, recentAwards: RecentAwards | undefined, amountPence: number): Bilingual | undefined {
  if (!recentAwards || capWhenExceeded(policy) === 'advisory' || !capExceeded(recentAwards, amountPence, policy)) return undefined;
  return capReason(recentAwards, amountPence, policy);
}

/** Puts an award the panel is to decide despite the cap on the case's record. */
export function recordCapException(
  state: CfpApplicationState,
  policy: CfpPolicy,
  recentAwards: RecentAwards | undefined,
  amountPence: number,
  at: string,
): OrganisationCapException | undefined {
  const reason = overCap(policy, recentAwards, amountPence);
  if (!reason || !recentAwards) return undefined;
  state.organisationCap = { recentAwards, amountPence, reason, at };
  return state.organisationCap;
}
