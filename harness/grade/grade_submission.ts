// The engine: one submission through load, inspect, check, train and grade. Every front door
// (`check` today, `grade` for a class) calls this. Failures of the student's code are values
// in the result; only harness bugs and bad rubrics throw.

import { taskReferenceTopology } from '../../reference';
import { detectIsolation } from '../load/isolation';
import { loadSubmission } from '../load/load_submission';
import { typeCheck, type TypeCheckResult } from '../load/type_check';
import { loadFailureHeading } from '../report/load_failure_text';
import { multiplyAddsPerImage } from '../model/compute_cost';
import { summarize } from '../model/summarize';
import type { CheckContext } from '../rubric/check_context';
import { formatCount } from '../format';
import { runChecks } from '../rubric/run_checks';
import type { Rubric, RubricTask } from '../rubric/schema';
import { useBackend, type BackendChoice } from '../train/backends';
import type { ReferenceCache } from '../train/reference_cache';
import { runTraining } from '../train/run_training';
import type { LoadFailure, ModelSummary, Submission, SubmissionResult, TaskResult } from '../types';
import { HARNESS_VERSION } from '../version';
import { priceLateness } from './late_policy';
import { totalScore } from './score';

export interface GradeOptions {
  train: boolean;
  backend: BackendChoice;
  /** Where reference runs are cached; none: train the reference every time. */
  cache?: ReferenceCache;
  /** Progress lines for a person watching ("training the reference..."). */
  progress?: (line: string) => void;
}

export async function gradeSubmission(submission: Submission, rubric: Rubric, rubricFile: string, options: GradeOptions): Promise<SubmissionResult> {
  const started = Date.now();
  const tasks: TaskResult[] = [];
  // Tasks often share a file (two builders in one models.ts): TypeScript checks it once.
  const typeChecks = new Map<string, Promise<TypeCheckResult>>();
  const typeCheckOf = (file: string) => {
    if (!typeChecks.has(file)) typeChecks.set(file, typeCheck(submission.dir, file));
    return typeChecks.get(file)!;
  };
  for (const task of rubric.tasks) tasks.push(await gradeTask(submission, rubric, task, options, typeCheckOf));
  // The backend that trained, if anything did: a submission that never built is not "trained on wasm".
  const backend = tasks.find((t) => t.train)?.train?.backend ?? null;
  const { score: earned, maxScore } = totalScore(tasks.flatMap((t) => t.checks));
  const { score, late } = priceLateness(earned, submission.commit?.lateDays ?? 0, rubric.late);
  return {
    submission,
    rubric: { title: rubric.title, file: rubricFile },
    score,
    maxScore,
    ...(late ? { late } : {}),
    tasks,
    backend,
    isolation: detectIsolation().level,
    harnessVersion: HARNESS_VERSION,
    executionSeconds: (Date.now() - started) / 1000,
    gradedAt: new Date().toISOString(),
  };
}

/** What a task records of TypeScript's check: its errors, or why it did not finish. */
function typeCheckFields(result: TypeCheckResult): Pick<TaskResult, 'typeErrors' | 'typeCheckSkipped'> {
  return { typeErrors: result.errors, ...(result.skipped ? { typeCheckSkipped: result.skipped } : {}) };
}

async function gradeTask(submission: Submission, rubric: Rubric, task: RubricTask, options: GradeOptions, typeCheckOf: (file: string) => Promise<TypeCheckResult>): Promise<TaskResult> {
  const say = options.progress ?? (() => {});
  const title = task.title ?? task.id;
  const referenceTopology = taskReferenceTopology(task);
  const referenceSummary = summarize(referenceTopology);

  say(`${title}: building the model from ${task.file}`);
  const limits = { timeoutMs: rubric.limits.buildTimeoutSeconds * 1000, heapMb: rubric.limits.memoryMb };
  // TypeScript checks the file in its own process while the sandbox builds the model.
  const checking = typeCheckOf(task.file);
  const loaded = await loadSubmission(submission.dir, { file: task.file, exportName: task.export, args: task.args }, limits);
  // Type errors explain many a wrong or failing model; code that does not parse has none to give.
  const typeCheckResult = typeCheckFields(loaded.ok || (loaded.kind !== 'missing-file' && loaded.kind !== 'compile') ? await checking : { errors: [] });
  if (!loaded.ok) return failedTask(task, title, loaded, referenceSummary, typeCheckResult);

  let summary: ModelSummary;
  try {
    summary = summarize(loaded.topology);
  } catch (error) {
    return failedTask(task, title, { ok: false, kind: 'invalid-model', message: (error as Error).message }, referenceSummary, typeCheckResult);
  }
  if (summary.outputCount !== 1) {
    const message = `the model has ${summary.outputCount} outputs; this lab expects one (the class probabilities)`;
    return failedTask(task, title, { ok: false, kind: 'invalid-model', message }, referenceSummary, typeCheckResult);
  }
  // Checked on the static summary, before the trusted process creates a single weight.
  if (summary.totalParams > rubric.limits.maxParams) {
    const message = `the model has ${formatCount(summary.totalParams)} parameters, more than this lab's limit of ${formatCount(rubric.limits.maxParams)}`;
    return failedTask(task, title, { ok: false, kind: 'invalid-model', message }, referenceSummary, typeCheckResult);
  }

  const context: CheckContext = { task, student: summary, reference: referenceSummary };
  context.trainSkipped = whyNotTrain(task, options, summary, referenceSummary, rubric.limits.maxComputeRatio);
  if (task.train && !context.trainSkipped) {
    const active = await useBackend(options.backend);
    const backend = active.name;
    // A backend that is installed but failed its probe deserves a word; absent ones do not.
    for (const reason of active.skipped.filter((r) => !r.endsWith('not installed'))) say(`skipped backend ${reason}`);
    say(`${title}: training the model and the reference for ${task.train.steps} steps on ${backend}`);
    context.train = await runTraining(loaded.topology, referenceTopology, task.train, task.args, backend, options.cache);
  }
  return {
    id: task.id,
    title,
    load: { ok: true, buildMs: loaded.buildMs },
    ...typeCheckResult,
    summary,
    referenceSummary,
    revealReference: task.revealReference,
    checks: runChecks(task, context),
    ...(context.train ? { train: context.train } : {}),
    ...(context.trainSkipped ? { trainSkipped: context.trainSkipped } : {}),
  };
}

/** Why the task does not train, or undefined when it does. */
function whyNotTrain(task: RubricTask, options: GradeOptions, student: ModelSummary, reference: ModelSummary, maxComputeRatio: number): string | undefined {
  if (!task.train) return 'the rubric sets no training for this task';
  if (!options.train) return '--no-train was given';
  if (!task.checks.some((c) => c.kind === 'training')) return 'no check of this task uses training';
  // Judged from the summary, before any weight exists: such a model would only run out its
  // time limit, or the grader's memory.
  const ratio = multiplyAddsPerImage(student) / Math.max(1, multiplyAddsPerImage(reference));
  if (ratio > maxComputeRatio) return `the model needs ${Math.round(ratio)} times the reference's multiply-adds per image; this lab trains models up to ${maxComputeRatio} times`;
  return undefined;
}

function failedTask(task: RubricTask, title: string, failure: LoadFailure, referenceSummary: ModelSummary, typeErrors: Pick<TaskResult, 'typeErrors' | 'typeCheckSkipped'>): TaskResult {
  return { id: task.id, title, load: failure, ...typeErrors, referenceSummary, revealReference: task.revealReference, checks: runChecks(task, { noModel: loadFailureHeading(failure).toLowerCase() }) };
}
