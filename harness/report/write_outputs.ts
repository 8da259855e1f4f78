// Writes a graded submission's files in its output folder: submission.json (the harness's
// whole result, which `cnn-grade report` renders again, with a TA's overrides, and never
// changes), then report.html and results.json. Each file is written atomically, so a reader
// never sees half a file, into a real folder, never through a link; student texts in all three
// are cut to a few kB (see bounded_result.ts).

import * as path from 'node:path';
import { writeFileAtomically } from '../atomic_file';
import { prepareOutputFolder, refuseLinkedFolder } from '../output_folder';
import type { SubmissionResult } from '../types';
import { boundedResult } from './bounded_result';
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
  prepareOutputFolder(outDir);
  const bounded = boundedResult(result);
  writeFileAtomically(path.join(outDir, SUBMISSION_FILE), JSON.stringify(bounded) + '\n');
  return render(bounded, outDir);
}

/** report.html and results.json for a result (the harness's, or as a TA's overrides changed it). */
export function writeRendered(recorded: SubmissionResult, outDir: string): WrittenOutputs {
  refuseLinkedFolder(outDir);
  // Records written before texts were bounded are bounded here; bounding again changes nothing.
  return render(boundedResult(recorded), outDir);
}

/** Writes the two renderings of a bounded result into a folder already checked. */
function render(result: SubmissionResult, outDir: string): WrittenOutputs {
  const reportPath = path.join(outDir, 'report.html');
  const resultsPath = path.join(outDir, 'results.json');
  const resultsJson = JSON.stringify(toResultsJson(result), null, 2) + '\n';
  writeFileAtomically(resultsPath, resultsJson);
  writeFileAtomically(reportPath, renderHtmlReport(result));
  return { reportPath, resultsPath, resultsJson };
}
