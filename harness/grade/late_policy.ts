// Late days and the penalty they cost, by a rubric's late policy: a late day is each started
// 24 hours after the deadline and its grace period (12 hours late is 1 day, 25 hours is 2).

import type { LatePolicy } from '../rubric/schema';
import type { SubmissionResult } from '../types';

type LateRates = Pick<LatePolicy, 'percentPerDay' | 'capPercent'>;

const DAY_MS = 24 * 60 * 60 * 1000;

export function lateDays(submittedAt: Date, deadline: Date, graceMinutes: number): number {
  const late = submittedAt.getTime() - deadline.getTime() - graceMinutes * 60_000;
  return late <= 0 ? 0 : Math.ceil(late / DAY_MS);
}

/** The score after the policy's penalty for `days` late days, rounded to hundredths. */
export function applyLatePenalty(score: number, days: number, policy: LateRates): { score: number; penaltyPercent: number } {
  const penaltyPercent = Math.min(policy.capPercent, days * policy.percentPerDay);
  return { score: Math.round(score * (1 - penaltyPercent / 100) * 100) / 100, penaltyPercent };
}

/**
 * A submission's score after lateness: the points earned, less the policy's penalty for
 * `days` late days, and the record of it (with the rates, so it can be re-priced) when the
 * policy took something. No policy, or no late days: the points as earned.
 */
export function priceLateness(earned: number, days: number, policy: LateRates | undefined): Pick<SubmissionResult, 'score' | 'late'> {
  if (!policy || days <= 0) return { score: earned };
  const { score, penaltyPercent } = applyLatePenalty(earned, days, policy);
  return { score, late: { days, penaltyPercent, scoreBeforePenalty: earned, percentPerDay: policy.percentPerDay, capPercent: policy.capPercent } };
}
