import type { AssessmentCriterion, CfpPolicy } from './policy.js';

// Assessors score each criterion with a written justification; scores become a weighted total out of 100.
// When assessors' totals diverge by more than the policy's gap, a moderator settles the scores.

export interface CriterionScore {
  score: number;
  justification: string;
}

export type Scores = Record<string, CriterionScore>;

/** Why a set of scores cannot be accepted, or undefined when it can. */
export function scoresProblem(scores: Scores, criteria: readonly AssessmentCriterion[]): string | undefined {
  for (const criterion of criteria) {
    const given = scores[criterion.id];
    if (!given) return `No score for ${criterion.id}`;
    if (!Number.isInteger(given.score) || given.score < 0 || given.score > criterion.maxScore) {
      return `The score for ${criterion.id} must be a whole number from 0 to ${criterion.maxScore}`;
    }
    if (given.justification.trim() === '') return `The score for ${criterion.id} needs a justification`;
  }
  const unknown = Object.keys(scores).find((id) => !criteria.some((c) => c.id === id));
  return unknown ? `There is no criterion ${unknown}` : undefined;
}

/** The weighted total of `scores`, out of 100, to one decimal place. */
export function weightedTotal(scores: Scores, criteria: readonly AssessmentCriterion[]): number {
  const total = criteria.reduce((sum, c) => sum + ((scores[c.id]?.score ?? 0) / c.maxScore) * c.weight, 0);
  return Math.round(total * 10) / 10;
}

/** Whether the assessors' totals are further apart than the policy allows. */
export function needsModeration(totals: readonly number[], policy: CfpPolicy): boolean {
  if (totals.length < 2) return false;
  return Math.max(...totals) - Math.min(...totals) > policy.assessment.moderationGap;
}

/** The mean of the assessors' totals, to one decimal place. */
export function meanTotal(totals: readonly number[]): number {
  if (totals.length === 0) return 0;
  return Math.round((totals.reduce((a, b) => a + b, 0) / totals.length) * 10) / 10;
}

/** The score used to rank applications: the assessed total plus the deprivation bonus where it applies. */
export function priorityScore(total: number, wimdDecile: number | null, policy: CfpPolicy): number {
  const { upToDecile, bonusPoints } = policy.assessment.wimdPriority;
  const bonus = wimdDecile !== null && wimdDecile <= upToDecile ? bonusPoints : 0;
  return Math.round((total + bonus) * 10) / 10;
}
