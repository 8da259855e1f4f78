// `cnn-grade worker --job FILE`: grades one submission of a class run in its own process, so
// that one student's crash or memory spike ends that process only; `grade` starts it.
// `cnn-grade worker --queue URL`: on a grading machine, takes jobs from a class run's Redis
// queue until stopped (Ctrl-C finishes the job in hand first).

import * as fs from 'node:fs';
import type { ArgumentsCamelCase, Argv } from 'yargs';
import { gradeSubmission } from '../grade/grade_submission';
import type { GradeJob } from '../grade/job';
import { writeOutputs } from '../report/write_outputs';
import { UsageError } from '../errors';
import { inertLine } from '../inert_text';
import { chooseIsolation, ISOLATION_CHOICES, ISOLATION_HELP, type IsolationChoice } from '../load/isolation';
import { serveQueue } from '../grade/queue_worker';
import { loadRubric, parseRubric } from '../rubric/load_rubric';
import { parseBackendChoice } from '../train/backends';
import { defaultCacheDir, ReferenceCache } from '../train/reference_cache';

interface WorkerArgs {
  job?: string;
  queue?: string;
  isolation: IsolationChoice;
}

export const command = 'worker';
export const describe = 'On a grading machine: take jobs from a class run\'s Redis queue (grade --queue)';

export function builder(yargs: Argv): Argv<WorkerArgs> {
  return yargs
    .option('queue', { type: 'string', describe: 'The Redis URL given to "cnn-grade grade --queue", e.g. redis://grader:6379' })
    .option('job', { type: 'string', hidden: true, describe: 'One job file (how grade runs a submission in its own process)' })
    .option('isolation', { type: 'string', default: 'auto', choices: ISOLATION_CHOICES, describe: ISOLATION_HELP })
    .check((a) => {
      if (!a.queue === !a.job) throw new UsageError('give --queue URL (or, internally, --job FILE)');
      return true;
    })
    .example('$0 worker --queue redis://grader:6379', 'grade jobs from the queue until stopped') as unknown as Argv<WorkerArgs>;
}

export async function handler(argv: ArgumentsCamelCase<WorkerArgs>): Promise<void> {
  // Before any job: a worker that would isolate students' code too weakly takes none.
  chooseIsolation(argv.isolation, { forClass: true, queue: !!argv.queue });
  if (argv.queue) return serveQueue(argv.queue, (line) => process.stderr.write(`${inertLine(line)}\n`));
  const job = JSON.parse(fs.readFileSync(argv.job!, 'utf8')) as GradeJob;
  const rubric = job.rubricText !== undefined ? parseRubric(job.rubricText, job.rubricFile, { checkData: job.train }) : loadRubric(job.rubricFile, { checkData: job.train });
  const result = await gradeSubmission(job.submission, rubric, job.rubricFile, { train: job.train, backend: parseBackendChoice(job.backend), cache: new ReferenceCache(defaultCacheDir()) });
  writeOutputs(result, job.outDir);
}
