// TA overrides: a YAML file, kept by the TA next to a class's results, that changes a
// check's score or a student's late days, each with the reason the student will read.
// `cnn-grade report` applies it to the harness's own results (submission.json, never
// changed) every time it renders, so editing the file and rendering again is always safe.
//
//   alice:
//     checks:
//       lenet5/params:
//         score: 15
//         comment: The README explains the extra bias; the model itself is right.
//     lateDays:
//       days: 0
//       comment: Extension granted (email of 2026-11-20).

import * as fs from 'node:fs';
import { z } from 'zod';
import { OverridesError } from '../errors';
import type { SubmissionResult } from '../types';
import { parseYamlInput, placeOf, type YamlPath } from '../yaml_input';
import { applyLatePenalty } from './late_policy';
import { totalScore } from './score';

const reason = z.string().trim().min(1, 'a comment is required: it is what the student reads');

const studentOverrideSchema = z.strictObject({
  /** By check id (`task/check`, as in results.json and the report). */
  checks: z.record(z.string(), z.strictObject({ score: z.number().min(0), comment: reason })).optional(),
  lateDays: z.strictObject({ days: z.number().int().min(0), comment: reason }).optional(),
});

export const overridesSchema = z.record(z.string(), studentOverrideSchema);

export type StudentOverride = z.infer<typeof studentOverrideSchema>;

export interface Overrides {
  file: string;
  students: Record<string, StudentOverride>;
  /** "alice.checks.lenet5/params.score, line 4": where a path's value is in the file, for messages. */
  placeOf(path: YamlPath): string;
  /** The same for the key at the end of the path (an id that names nothing). */
  placeOfKey(path: YamlPath): string;
}

export function loadOverrides(file: string): Overrides {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new OverridesError(file, '', code === 'ENOENT' ? 'no such file' : `cannot be read (${code})`);
  }
  const input = parseYamlInput(text, overridesSchema.nullable(), 'a student takes "checks" and "lateDays"; see "TA overrides" in README.md');
  if (!input.ok) throw new OverridesError(file, input.where, input.problem);
  return { file, students: input.value ?? {}, placeOf: (path) => placeOf(path, input.lineOf(path)), placeOfKey: (path) => placeOf(path, input.lineOfKey(path)) };
}

/**
 * The result as the TA decided: overridden checks' scores, the late days, and the total
 * after the late penalty, recomputed. The harness's scores stay on record in `override.from`.
 * Throws an OverridesError naming the place in the file for an override that does not fit.
 */
export function applyOverrides(result: SubmissionResult, overrides: Overrides): SubmissionResult {
  const id = result.submission.id;
  const mine = overrides.students[id];
  if (!mine) return result;
  const fail = (path: YamlPath, problem: string, atKey = false): never => {
    throw new OverridesError(overrides.file, (atKey ? overrides.placeOfKey : overrides.placeOf)([id, ...path]), problem);
  };
  const byId = new Map(result.tasks.flatMap((t) => t.checks.map((c) => [c.id, c] as const)));
  for (const [checkId, change] of Object.entries(mine.checks ?? {})) {
    const check = byId.get(checkId);
    if (!check) fail(['checks', checkId], `${id} has no check "${checkId}"; their checks are ${[...byId.keys()].join(', ')}`, true);
    if (change.score > check!.maxScore) fail(['checks', checkId, 'score'], `${change.score} is more than the check's ${check!.maxScore} points`);
  }
  const tasks = result.tasks.map((task) => ({
    ...task,
    checks: task.checks.map((check) => {
      const change = mine.checks?.[check.id];
      return change ? { ...check, score: change.score, override: { from: check.score, comment: change.comment } } : check;
    }),
  }));
  const { score: earned } = totalScore(tasks.flatMap((t) => t.checks));
  if (mine.lateDays && !result.late) {
    fail(['lateDays'], `${id} was not charged for lateness (on time, or the rubric has no late policy): there are no late days to change`);
  }
  const days = mine.lateDays?.days ?? result.late?.days ?? 0;
  const penalty = result.late && days > 0 ? applyLatePenalty(earned, days, result.late) : undefined;
  const { late: _replaced, ...rest } = result;
  return {
    ...rest,
    tasks,
    score: penalty ? penalty.score : earned,
    ...(penalty ? { late: { ...result.late!, days, penaltyPercent: penalty.penaltyPercent, scoreBeforePenalty: earned } } : {}),
    ...(mine.lateDays ? { lateOverride: { from: result.late!.days, comment: mine.lateDays.comment } } : {}),
  };
}

/** Students the file names that the results do not have: a typo the TA must hear about. */
export function unknownStudents(overrides: Overrides, graded: Set<string>): string[] {
  return Object.keys(overrides.students).filter((id) => !graded.has(id));
}
