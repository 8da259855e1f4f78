// `cnn-grade worker --job FILE`: grades one submission of a class run in its own process, so
// that one student's crash or memory spike ends that process only. Not for people: `grade`
// starts it.

import * as fs from 'node:fs';
import type { ArgumentsCamelCase, Argv } from 'yargs';
import { gradeSubmission } from '../grade/grade_submission';
import type { GradeJob } from '../grade/job';
import { writeOutputs } from '../report/write_outputs';
import { loadRubric } from '../rubric/load_rubric';
import { parseBackendChoice } from '../train/backends';
import { defaultCacheDir, ReferenceCache } from '../train/reference_cache';

export const command = 'worker';
export const describe = false as const;

export function builder(yargs: Argv): Argv<{ job: string }> {
  return yargs.option('job', { type: 'string', demandOption: true }) as unknown as Argv<{ job: string }>;
}

export async function handler(argv: ArgumentsCamelCase<{ job: string }>): Promise<void> {
  const job = JSON.parse(fs.readFileSync(argv.job, 'utf8')) as GradeJob;
  const rubric = loadRubric(job.rubricFile, { checkData: job.train });
  const result = await gradeSubmission(job.submission, rubric, job.rubricFile, { train: job.train, backend: parseBackendChoice(job.backend), cache: new ReferenceCache(defaultCacheDir()) });
  writeOutputs(result, job.outDir);
}
