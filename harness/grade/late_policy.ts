// Late days and the penalty they cost, by a rubric's late policy: a late day is each started
// 24 hours after the deadline and its grace period (12 hours late is 1 day, 25 hours is 2).

import type { LatePolicy } from '../rubric/schema';

const DAY_MS = 24 * 60 * 60 * 1000;

export function lateDays(submittedAt: Date, deadline: Date, graceMinutes: number): number {
  const late = submittedAt.getTime() - deadline.getTime() - graceMinutes * 60_000;
  return late <= 0 ? 0 : Math.ceil(late / DAY_MS);
}

/** The score after the policy's penalty for `days` late days, rounded to hundredths. */
export function applyLatePenalty(score: number, days: number, policy: Pick<LatePolicy, 'percentPerDay' | 'capPercent'>): { score: number; penaltyPercent: number } {
  const penaltyPercent = Math.min(policy.capPercent, days * policy.percentPerDay);
  return { score: Math.round(score * (1 - penaltyPercent / 100) * 100) / 100, penaltyPercent };
}
