// A student's grading.json: the stamp that their results in a class run are complete and
// what they were graded from (commit, rubric, options, harness version). Written last and
// atomically, so a killed run resumes from it and an unchanged student is not graded again.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { writeFileAtomically } from '../atomic_file';
import { refuseLinkedFolder } from '../output_folder';
import type { SubmissionResult } from '../types';

const STAMP = 'grading.json';
/** The harness's record of the result (report/write_outputs.ts writes it). */
const RECORD = 'submission.json';

/** The stamp for a student's commit under a class run's settings (a digest of rubric and options). */
export function gradingStamp(commit: string, setting: string): string {
  return JSON.stringify({ commit, setting });
}

/** The recorded result of an earlier run that graded exactly this, if there is one. */
export function completedResults(outDir: string, stamp: string): SubmissionResult | undefined {
  // A student's folder that is a link is nobody's earlier run: refused, never read or cleared through.
  refuseLinkedFolder(outDir);
  const stampFile = path.join(outDir, STAMP);
  const recordFile = path.join(outDir, RECORD);
  if (!fs.existsSync(recordFile) || !fs.existsSync(stampFile) || fs.readFileSync(stampFile, 'utf8') !== stamp) return undefined;
  return JSON.parse(fs.readFileSync(recordFile, 'utf8')) as SubmissionResult;
}

/** Before grading again: nothing of an earlier run may pass for this one's. */
export function clearEarlierRun(outDir: string): void {
  refuseLinkedFolder(outDir);
  for (const f of [STAMP, RECORD, 'results.json', 'report.html']) fs.rmSync(path.join(outDir, f), { force: true });
}

export function markComplete(outDir: string, stamp: string): void {
  writeFileAtomically(path.join(outDir, STAMP), stamp);
}
