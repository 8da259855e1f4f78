// The job a class run hands one grader process: which submission, against which rubric,
// where its outputs go. Plain data, written as JSON for the worker command.

import type { Submission } from '../types';

export interface GradeJob {
  submission: Submission;
  rubricFile: string;
  /** The rubric's text, when the job came from another machine (rubricFile may not exist here; its folder still anchors data paths). */
  rubricText?: string;
  outDir: string;
  backend: string;
  train: boolean;
}
