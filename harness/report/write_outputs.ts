// Writes a graded submission's files: report.html and results.json in the output folder.
// Each file is written atomically, so a reader never sees half a file.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { writeFileAtomically } from '../atomic_file';
import type { SubmissionResult } from '../types';
import { renderHtmlReport } from './html_report';
import { toResultsJson } from './results_json';

export interface WrittenOutputs {
  reportPath: string;
  resultsPath: string;
  resultsJson: string;
}

export function writeOutputs(result: SubmissionResult, outDir: string): WrittenOutputs {
  fs.mkdirSync(outDir, { recursive: true });
  const reportPath = path.join(outDir, 'report.html');
  const resultsPath = path.join(outDir, 'results.json');
  const resultsJson = JSON.stringify(toResultsJson(result), null, 2) + '\n';
  writeFileAtomically(resultsPath, resultsJson);
  writeFileAtomically(reportPath, renderHtmlReport(result));
  return { reportPath, resultsPath, resultsJson };
}
