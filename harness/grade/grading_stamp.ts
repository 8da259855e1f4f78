// A student's grading.json: the stamp that their results in a class run are complete and
// what they were graded from (commit, rubric, options, harness version). Written last and
// atomically, so a killed run resumes from it and an unchanged student is not graded again.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { writeFileAtomically } from '../atomic_file';

const STAMP = 'grading.json';
const RESULTS = 'results.json';

/** The stamp for a student's commit under a class run's settings (a digest of rubric and options). */
export function gradingStamp(commit: string, setting: string): string {
  return JSON.stringify({ commit, setting });
}

/** The results of an earlier run that graded exactly this, if there are any. */
export function completedResults(outDir: string, stamp: string): unknown | undefined {
  const stampFile = path.join(outDir, STAMP);
  const resultsFile = path.join(outDir, RESULTS);
  if (!fs.existsSync(resultsFile) || !fs.existsSync(stampFile) || fs.readFileSync(stampFile, 'utf8') !== stamp) return undefined;
  return JSON.parse(fs.readFileSync(resultsFile, 'utf8'));
}

/** Before grading again: nothing of an earlier run may pass for this one's. */
export function clearEarlierRun(outDir: string): void {
  for (const f of [STAMP, RESULTS, 'report.html', 'submission.json']) fs.rmSync(path.join(outDir, f), { force: true });
}

export function markComplete(outDir: string, stamp: string): void {
  writeFileAtomically(path.join(outDir, STAMP), stamp);
}
