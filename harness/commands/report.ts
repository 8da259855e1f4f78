// `cnn-grade report --results DIR [--overrides FILE]`: renders graded results again, with a
// TA's overrides (see grade/overrides.ts): one submission's folder (from `check --out`) or a
// whole class's (from `grade --out`). It starts every time from what the harness recorded
// (submission.json, class.json), which it never changes, and checks every override before
// it writes anything, so a mistake in the file leaves the folder as it was.

import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ArgumentsCamelCase, Argv } from 'yargs';
import { UsageError } from '../errors';
import { inertLine } from '../inert_text';
import { refuseLinkedFolder } from '../output_folder';
import { applyOverrides, loadOverrides, NO_OVERRIDES, refuseUnknownStudents, type Overrides } from '../grade/overrides';
import { CLASS_FILE, writeClassRendered, type ClassRecord } from '../report/class_outputs';
import type { GradeRow } from '../report/grades_csv';
import { SUBMISSION_FILE, writeRendered } from '../report/write_outputs';
import type { SubmissionResult } from '../types';

interface ReportArgs {
  results: string;
  overrides?: string;
}

export const command = 'report';
export const describe = "Render graded results again, with a TA's score overrides";

export function builder(yargs: Argv): Argv<ReportArgs> {
  return yargs
    .option('results', { type: 'string', demandOption: true, describe: 'A folder written by "cnn-grade grade --out" (a class) or "cnn-grade check --out" (one submission)' })
    .option('overrides', { type: 'string', describe: 'YAML: per student id, check scores and late days to change, each with a comment for the student' })
    .example('$0 report --results grades --overrides overrides.yaml', "the class's reports, grades.csv and index.html with the TA's changes")
    .epilogue(
      [
        'An overrides file:',
        '  alice:',
        '    checks:',
        '      lenet5/params: { score: 15, comment: "The README explains the extra bias." }',
        '    lateDays: { days: 0, comment: "Extension granted (email of 2026-11-20)." }',
        'Comments in quotes. Check ids are shown next to each check in report.html (and in results.json, extra_data.tasks[].checks).',
        "Without --overrides the harness's own scores are rendered again.",
      ].join('\n'),
    ) as unknown as Argv<ReportArgs>;
}

function readRecorded<T>(file: string, what: string): T {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
  } catch (error) {
    throw new UsageError(`${file}: cannot read ${what} (${(error as Error).message}); grade again to write it`);
  }
}

function overridesFrom(file: string | undefined): Overrides {
  if (file === undefined) return NO_OVERRIDES;
  // "--overrides $UNSET" must not quietly render without the TA's changes.
  if (file.trim() === '') throw new UsageError('--overrides needs a file name; leave the option out to render the harness\'s own scores');
  return loadOverrides(path.resolve(file));
}

function adjustedCount(result: SubmissionResult): number {
  return result.tasks.flatMap((t) => t.checks).filter((c) => c.override).length + (result.lateOverride ? 1 : 0);
}

function renderSubmission(dir: string, overrides: Overrides): void {
  // One student's folder of a class run: grades.csv and the class page would go stale.
  if (fs.existsSync(path.join(dir, '..', CLASS_FILE))) {
    throw new UsageError(`${dir} is one student's folder of the class in ${path.dirname(dir)}: run report on that folder, so that grades.csv and index.html follow`);
  }
  const recorded = readRecorded<SubmissionResult>(path.join(dir, SUBMISSION_FILE), 'the graded submission');
  refuseUnknownStudents(overrides, [recorded.submission.id]);
  const result = applyOverrides(recorded, overrides);
  const { reportPath } = writeRendered(result, dir);
  process.stdout.write(`${inertLine(result.submission.id, 200)}: ${result.score} / ${result.maxScore} (${adjustedCount(result)} adjusted). Report: ${reportPath}\n`);
}

function renderClass(dir: string, overrides: Overrides): void {
  const record = readRecorded<ClassRecord>(path.join(dir, CLASS_FILE), 'the class record');
  const graded = record.rows.filter((r) => fs.existsSync(path.join(dir, r.id, SUBMISSION_FILE))).map((r) => r.id);
  refuseUnknownStudents(overrides, graded);
  // Like the overrides, checked before anything is written: no student's folder may be a link.
  for (const id of graded) refuseLinkedFolder(path.join(dir, id));
  // Every override is applied (and so checked) before anything is written.
  const results = new Map<string, SubmissionResult>();
  for (const id of graded) {
    const recorded = readRecorded<SubmissionResult>(path.join(dir, id, SUBMISSION_FILE), 'the graded submission');
    results.set(id, applyOverrides(recorded, overrides));
  }
  let adjusted = 0;
  const rows: GradeRow[] = record.rows.map((row) => {
    const result = results.get(row.id);
    if (!result) return row;
    writeRendered(result, path.join(dir, row.id));
    if (adjustedCount(result)) adjusted++;
    return { ...row, score: result.score, lateDays: result.lateOverride ? result.lateOverride.to : row.lateDays };
  });
  const { csv, index } = writeClassRendered(dir, { title: record.title, rows });
  process.stdout.write(`Rendered ${results.size} report(s) (${adjusted} student(s) adjusted). Grades: ${csv}; class page: ${index}\n`);
}

export async function handler(argv: ArgumentsCamelCase<ReportArgs>): Promise<void> {
  const dir = path.resolve(argv.results);
  if (!fs.existsSync(dir)) throw new UsageError(`--results ${argv.results}: no such folder`);
  const overrides = overridesFrom(argv.overrides);
  if (fs.existsSync(path.join(dir, SUBMISSION_FILE))) return renderSubmission(dir, overrides);
  if (fs.existsSync(path.join(dir, CLASS_FILE))) return renderClass(dir, overrides);
  throw new UsageError(
    `--results ${argv.results}: holds neither ${SUBMISSION_FILE} (written by "cnn-grade check --out") nor ${CLASS_FILE} (written by "cnn-grade grade --out"); results written by cnn-grade before 0.2 lack them: grade again`,
  );
}
