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
import type { CheckResult, SubmissionResult } from '../types';
import { parseYamlInput, placeOf, type YamlPath } from '../yaml_input';
import { priceLateness } from './late_policy';
import { totalScore } from './score';

const reason = z.string().trim().min(1, 'a comment is required: it is what the student reads');

const studentOverrideSchema = z.strictObject({
  /** By check id (`task/check`, as in results.json and the report). */
  checks: z.record(z.string(), z.strictObject({ score: z.number().min(0, 'a score of 0 or more'), comment: reason })).optional(),
  lateDays: z.strictObject({ days: z.number().int('whole days').min(0, '0 or more days'), comment: reason }).optional(),
});

export const overridesSchema = z.record(z.string(), studentOverrideSchema);

export type StudentOverride = z.infer<typeof studentOverrideSchema>;

export interface Overrides {
  file: string;
  students: Record<string, StudentOverride>;
  /** "alice.checks.lenet5/params.score, line 4": where a path's value is in the file, for messages. */
  whereIs(path: YamlPath): string;
  /** The same for the key at the end of the path (an id that names nothing). */
  whereIsKey(path: YamlPath): string;
}

/** No overrides: rendering with them gives the harness's own scores. */
export const NO_OVERRIDES: Overrides = { file: '', students: {}, whereIs: () => '', whereIsKey: () => '' };

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
  return { file, students: input.value ?? {}, whereIs: (path) => placeOf(path, input.lineOf(path)), whereIsKey: (path) => placeOf(path, input.lineOfKey(path)) };
}

/**
 * Every student the file names must have been graded: an id the results do not have is a
 * typo, and the TA must hear about it before anything is written.
 */
export function refuseUnknownStudents(overrides: Overrides, graded: string[]): void {
  const unknown = Object.keys(overrides.students).find((id) => !graded.includes(id));
  if (unknown === undefined) return;
  const shown = graded.length > 10 ? `${graded.slice(0, 10).join(', ')} and ${graded.length - 10} more` : graded.join(', ') || 'none';
  // YAML reads 0123 as the number 123: ids that look like numbers need quotes.
  const quoteHint = /^[\d.e+-]+$/i.test(unknown) ? '; write ids that look like numbers in quotes ("0123":)' : '';
  throw new OverridesError(overrides.file, overrides.whereIsKey([unknown]), `no graded submission for "${unknown}"; the graded ids are ${shown}${quoteHint}`);
}

/**
 * The result as the TA decided: overridden checks' scores (passed at full points, failed
 * below), the late days, and the total after the rubric's late penalty (if it has one), recomputed. The harness's
 * scores stay on record in `override.from`. Throws an OverridesError naming the place in the
 * file for an override that does not fit.
 */
export function applyOverrides(result: SubmissionResult, overrides: Overrides): SubmissionResult {
  const id = result.submission.id;
  const changes = overrides.students[id];
  if (!changes) return result;
  const problem = (path: YamlPath, message: string, atKey = false) => new OverridesError(overrides.file, (atKey ? overrides.whereIsKey : overrides.whereIs)([id, ...path]), message);
  const byId = new Map(result.tasks.flatMap((t) => t.checks.map((c) => [c.id, c] as const)));
  for (const [checkId, change] of Object.entries(changes.checks ?? {})) {
    const check = byId.get(checkId);
    if (!check) throw problem(['checks', checkId], `${id} has no check "${checkId}"; their checks are ${[...byId.keys()].join(', ')}`, true);
    if (change.score > check.maxScore) throw problem(['checks', checkId, 'score'], `${change.score} is more than the check's ${check.maxScore} points`);
  }
  // Late days as counted: the policy's record when it took points, else the commit's count.
  const countedDays = result.late?.days ?? result.submission.commit?.lateDays ?? 0;
  if (changes.lateDays && countedDays === 0) throw problem(['lateDays'], `${id} was on time: there are no late days to change`);
  const tasks = result.tasks.map((task) => ({
    ...task,
    checks: task.checks.map((check): CheckResult => {
      const change = changes.checks?.[check.id];
      if (!change) return check;
      const status = change.score >= check.maxScore ? 'passed' : check.status === 'error' ? 'error' : 'failed';
      return { ...check, score: change.score, status, override: { from: check.score, comment: change.comment } };
    }),
  }));
  const { score: earned } = totalScore(tasks.flatMap((t) => t.checks));
  const { late: _repriced, ...rest } = result;
  // The policy's rates are on record only when it took points; without a policy, days cost nothing.
  const { score, late } = priceLateness(earned, changes.lateDays?.days ?? result.late?.days ?? 0, result.late);
  return {
    ...rest,
    tasks,
    score,
    ...(late ? { late } : {}),
    ...(changes.lateDays ? { lateOverride: { from: countedDays, to: changes.lateDays.days, comment: changes.lateDays.comment } } : {}),
  };
}
