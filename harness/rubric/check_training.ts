// Check kind `training`: held-out accuracy after the same brief training as the reference.
// Full points at `minRatio` of the reference's accuracy; below it, credit grows linearly from
// chance level (1 / classes), so a model that learned nothing scores 0.

import type { RubricCheck } from './schema';
import { partial, type CheckContext, type CheckOutcome } from './check_context';

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

export function checkTraining(ctx: CheckContext, check: Extract<RubricCheck, { kind: 'training' }>): CheckOutcome {
  const run = ctx.train;
  if (!run) {
    return { score: 0, status: 'error', messages: [`training did not run: ${ctx.trainSkipped ?? 'unknown reason'}`] };
  }
  const target = check.minRatio * run.reference.accuracy;
  const chance = 1 / ctx.task.args.numClasses;
  const acc = run.student.accuracy;
  const passed = acc >= target;
  const fraction = passed ? 1 : (acc - chance) / Math.max(target - chance, 1e-9);
  const messages: string[] = [];
  if (run.student.stoppedEarly) messages.push(`training stopped early: ${run.student.stoppedEarly}`);
  if (!passed) messages.push(`held-out accuracy ${pct(acc)}, below ${pct(target)} (${check.minRatio} x the reference's ${pct(run.reference.accuracy)})`);
  return {
    score: partial(check.points, fraction),
    status: passed ? 'passed' : 'failed',
    expected: `≥ ${pct(target)} accuracy (${check.minRatio} x reference ${pct(run.reference.accuracy)})`,
    found: `${pct(acc)} accuracy after ${run.student.steps} steps`,
    messages,
  };
}
