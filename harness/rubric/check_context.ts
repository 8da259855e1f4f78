// What every check receives, and the result helpers they share.

import type { CheckResult, ModelSummary, TrainRun } from '../types';
import type { RubricCheck, RubricTask } from './schema';

export interface CheckContext {
  task: RubricTask;
  student: ModelSummary;
  reference: ModelSummary;
  /** Absent when training did not run; `trainSkipped` says why. */
  train?: TrainRun;
  trainSkipped?: string;
}

export type CheckOutcome = Pick<CheckResult, 'score' | 'status' | 'expected' | 'found' | 'messages'>;

export function checkId(task: RubricTask, check: RubricCheck, index: number): string {
  return `${task.id}/${check.kind}${task.checks.filter((c) => c.kind === check.kind).length > 1 ? `-${index}` : ''}`;
}

/** Rounds partial credit to hundredths so that totals add up as people read them. */
export function partial(points: number, fraction: number): number {
  return Math.round(points * Math.min(1, Math.max(0, fraction)) * 100) / 100;
}
