// Writes a graded submission's files in its output folder: submission.json (the harness's
// whole result, which `cnn-grade report` renders again, with a TA's overrides, and never
// changes), then report.html and results.json. Each file is written atomically, so a reader
// never sees half a file.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { writeFileAtomically } from '../atomic_file';
import type { SubmissionResult } from '../types';
import { renderHtmlReport } from './html_report';
import { toResultsJson } from './results_json';

/** The harness's own result for a submission, beside its report. */
export const SUBMISSION_FILE = 'submission.json';

export interface WrittenOutputs {
  reportPath: string;
  resultsPath: string;
  resultsJson: string;
}

/** After grading: the result on record, and its rendering. */
export function writeOutputs(result: SubmissionResult, outDir: string): WrittenOutputs {
  fs.mkdirSync(outDir, { recursive: true });
  writeFileAtomically(path.join(outDir, SUBMISSION_FILE), JSON.stringify(result) + '\n');
  return writeRendered(result, outDir);
}

/** report.html and results.json for a result (the harness's, or as a TA's overrides changed it). */
export function writeRendered(result: SubmissionResult, outDir: string): WrittenOutputs {
  const reportPath = path.join(outDir, 'report.html');
  const resultsPath = path.join(outDir, 'results.json');
  const resultsJson = JSON.stringify(toResultsJson(result), null, 2) + '\n';
  writeFileAtomically(resultsPath, resultsJson);
  writeFileAtomically(reportPath, renderHtmlReport(result));
  return { reportPath, resultsPath, resultsJson };
}
