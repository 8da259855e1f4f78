// report.html: one self-contained page per submission (CSS inlined, no scripts, no network),
// rendered with Handlebars from reports/. Every value from the submission goes through
// Handlebars' escaping; the only unescaped insert is the harness's own CSS.

import * as fs from 'node:fs';
import * as path from 'node:path';
import Handlebars from 'handlebars';
import { totalScore } from '../grade/score';
import { packageRoot } from '../paths';
import { checkOverrideText, lateOverrideText, lateText } from './adjustment_text';
import type { LoadFailure, SubmissionResult, TaskResult } from '../types';
import { layerTable } from './layer_table';
import { loadFailureHeading } from './load_failure_text';
import { gradientChart } from './gradient_chart';
import { lossChart } from './loss_chart';

const PARTIALS = ['checks', 'layer_table', 'load_failure', 'training'];

let compiled: Handlebars.TemplateDelegate | undefined;
let css = '';

function template(): Handlebars.TemplateDelegate {
  if (compiled) return compiled;
  const dir = path.join(packageRoot(), 'reports');
  const hb = Handlebars.create();
  for (const name of PARTIALS) hb.registerPartial(name, fs.readFileSync(path.join(dir, 'partials', `${name}.hbs`), 'utf8'));
  css = fs.readFileSync(path.join(dir, 'report.css'), 'utf8');
  compiled = hb.compile(fs.readFileSync(path.join(dir, 'report.hbs'), 'utf8'), { strict: true });
  return compiled;
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

function failureView(failure: LoadFailure) {
  const loc = failure.location;
  // The caret sits under the column esbuild reported, in the untrimmed line.
  const location = loc ? { ...loc, lineText: loc.lineText ?? null, caret: `${' '.repeat(Math.max(0, loc.column - 1))}^`, gutter: `${' '.repeat(String(loc.line).length)} |` } : null;
  return { heading: loadFailureHeading(failure), message: failure.message, location, stack: failure.stack ?? null };
}

function taskView(task: TaskResult) {
  const train = task.train;
  return {
    title: task.title,
    ...totalScore(task.checks),
    failure: task.load.ok ? null : failureView(task.load),
    typeErrors: task.typeErrors,
    typeCheckSkipped: task.typeCheckSkipped ?? null,
    checks: task.checks.map((c) => ({ ...c, passed: c.status === 'passed', expected: c.expected ?? null, found: c.found ?? null, adjusted: checkOverrideText(c) })),
    student: task.summary ? layerTable(task.summary) : null,
    reference: task.revealReference ? layerTable(task.referenceSummary) : null,
    train: train
      ? {
          ...train,
          studentAccuracy: pct(train.student.accuracy),
          referenceAccuracy: pct(train.reference.accuracy),
          studentLoss: train.student.finalLoss === null ? '–' : train.student.finalLoss.toFixed(3),
          referenceLoss: train.reference.finalLoss === null ? '–' : train.reference.finalLoss.toFixed(3),
          studentSeconds: train.student.seconds.toFixed(1),
          referenceSeconds: train.reference.seconds.toFixed(1),
          stoppedEarly: train.student.stoppedEarly ?? null,
          chart: lossChart(train.student.curve, train.reference.curve),
          gradients: train.student.gradients ? gradientChart(train.student.gradients) : null,
        }
      : null,
    trainSkipped: task.trainSkipped ?? null,
  };
}

export function renderHtmlReport(result: SubmissionResult): string {
  return template()({
    css,
    title: result.rubric.title,
    submission: result.submission.id,
    score: result.score,
    maxScore: result.maxScore,
    percent: result.maxScore > 0 ? Math.round((result.score / result.maxScore) * 100) : 0,
    backend: result.backend ?? 'none (no training)',
    isolation: result.isolation,
    gradedAt: result.gradedAt,
    harnessVersion: result.harnessVersion,
    executionSeconds: result.executionSeconds.toFixed(1),
    late: lateText(result),
    lateOverride: lateOverrideText(result),
    tasks: result.tasks.map(taskView),
  });
}
