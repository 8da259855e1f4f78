// results.json: the graded submission in Gradescope's format, with the harness's own data
// (layer tables, training runs, backend) under extra_data.

import type { CheckResult, SubmissionResult, TaskResult } from '../types';
import type { GradescopeResults, GradescopeTest } from './results_format';
import { checkOverrideText, lateOverrideText, lateText } from './adjustment_text';
import { loadFailureText } from './load_failure_text';

function testOutput(check: CheckResult): string {
  const lines: string[] = [];
  if (check.expected !== undefined) lines.push(`Expected: ${check.expected}`);
  if (check.found !== undefined) lines.push(`Found: ${check.found}`);
  lines.push(...check.messages);
  const adjusted = checkOverrideText(check);
  if (adjusted) lines.push(adjusted);
  return lines.join('\n');
}

function toTest(task: TaskResult, check: CheckResult): GradescopeTest {
  return {
    name: `${task.title}: ${check.name}`,
    score: check.score,
    max_score: check.maxScore,
    status: check.status === 'passed' ? 'passed' : 'failed',
    visibility: check.visibility,
    output: testOutput(check),
  };
}

export function toResultsJson(result: SubmissionResult): GradescopeResults {
  const problems = result.tasks.flatMap((t) => [
    ...(t.load.ok ? [] : [`${t.title}: ${loadFailureText(t.load)}`]),
    ...(t.typeErrors.length ? [`${t.title}: TypeScript errors (not graded):`, ...t.typeErrors.map((e) => `  ${e}`)] : []),
    ...(t.typeCheckSkipped ? [`${t.title}: type check skipped (not graded): ${t.typeCheckSkipped}`] : []),
  ]);
  return {
    score: result.score,
    execution_time: Math.round(result.executionSeconds),
    output: [
      `${result.rubric.title}: ${result.score} / ${result.maxScore}`,
      ...[lateText(result), lateOverrideText(result)].filter((line) => line !== null),
      ...problems,
    ].join('\n'),
    visibility: 'visible',
    stdout_visibility: 'hidden',
    tests: result.tasks.flatMap((task) => task.checks.map((check) => toTest(task, check))),
    extra_data: {
      harness: 'cnn-grade',
      harnessVersion: result.harnessVersion,
      submission: result.submission.id,
      commit: result.submission.commit ?? null,
      late: result.late ?? null,
      lateOverride: result.lateOverride ?? null,
      rubric: result.rubric,
      maxScore: result.maxScore,
      backend: result.backend,
      isolation: result.isolation,
      gradedAt: result.gradedAt,
      tasks: result.tasks.map((t) => ({
        id: t.id,
        load: t.load,
        typeErrors: t.typeErrors,
        typeCheckSkipped: t.typeCheckSkipped ?? null,
        summary: t.summary ?? null,
        train: t.train ?? null,
        trainSkipped: t.trainSkipped ?? null,
        // The ids a TA's overrides file names checks by, in the order of tests[].
        checks: t.checks.map((c) => ({ id: c.id, name: c.name })),
      })),
    },
  };
}
