// Points: a submission's score is the sum of its checks' scores, out of the sum of their points.

import type { CheckResult } from '../types';

export function totalScore(checks: CheckResult[]): { score: number; maxScore: number } {
  const round = (x: number) => Math.round(x * 100) / 100;
  return { score: round(checks.reduce((s, c) => s + c.score, 0)), maxScore: round(checks.reduce((s, c) => s + c.maxScore, 0)) };
}
