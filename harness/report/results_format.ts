// Gradescope's autograder results format (results.json), as far as the harness writes it.
// https://gradescope-autograders.readthedocs.io/en/latest/specs/ : the file a Gradescope
// autograder leaves at /autograder/results/results.json.

import type { Visibility } from '../types';

export interface GradescopeTest {
  name: string;
  score: number;
  max_score: number;
  status: 'passed' | 'failed';
  visibility: Visibility;
  output: string;
}

export interface GradescopeResults {
  score: number;
  execution_time: number;
  output: string;
  visibility: Visibility;
  stdout_visibility: Visibility;
  tests: GradescopeTest[];
  /** The harness's richer data: layer tables, training curves, backend. */
  extra_data: Record<string, unknown>;
}
