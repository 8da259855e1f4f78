// What reports and results.json say about lateness and a TA's changes, written once.

import type { CheckResult, SubmissionResult } from '../types';

export function lateText(result: SubmissionResult): string | null {
  return result.late ? `${result.late.days} late day(s): ${result.late.penaltyPercent}% off ${result.late.scoreBeforePenalty}` : null;
}

export function lateOverrideText(result: SubmissionResult): string | null {
  return result.lateOverride ? `Late days changed by a TA from ${result.lateOverride.from} to ${result.lateOverride.to}: ${result.lateOverride.comment}` : null;
}

export function checkOverrideText(check: CheckResult): string | null {
  return check.override ? `Adjusted by a TA from ${check.override.from} to ${check.score}: ${check.override.comment}` : null;
}
