// `cnn-grade check`: grade one submission folder against a rubric, as a student does before
// the deadline or an autograder does for one student.

import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ArgumentsCamelCase, Argv } from 'yargs';
import { UsageError } from '../errors';
import { gradeSubmission } from '../grade/grade_submission';
import { inertLine } from '../inert_text';
import { refuseLinkedFolder, refuseLinksInSubmission } from '../output_folder';
import { terminalSummary } from '../report/terminal_summary';
import { writeOutputs } from '../report/write_outputs';
import { loadRubric } from '../rubric/load_rubric';
import { studentView } from '../rubric/visibility';
import { BACKEND_NAMES, parseBackendChoice } from '../train/backends';
import { defaultCacheDir, ReferenceCache } from '../train/reference_cache';

interface CheckArgs {
  dir: string;
  rubric: string;
  out: string;
  json: boolean;
  train: boolean;
  backend: string;
  all: boolean;
  cache: boolean;
}

export const command = 'check [dir]';
export const describe = 'Grade one submission folder and write its report';

export function builder(yargs: Argv): Argv<CheckArgs> {
  return yargs
    .positional('dir', { type: 'string', default: '.', describe: 'The submission folder (the one holding models.ts)' })
    .option('rubric', { type: 'string', demandOption: true, describe: 'The lab rubric, e.g. rubrics/lenet5-mnist.yaml' })
    .option('out', { type: 'string', default: 'cnn-grade-out', describe: 'Where report.html and results.json go' })
    .option('json', { type: 'boolean', default: false, describe: 'Print results.json to standard output instead of the summary' })
    .option('train', { type: 'boolean', default: true, describe: 'Train briefly next to the reference (--no-train: structure checks only, training scores 0)' })
    .option('backend', { type: 'string', default: 'auto', choices: ['auto', ...BACKEND_NAMES], describe: 'Where training runs; auto picks the fastest that works' })
    .option('cache', { type: 'boolean', default: true, describe: `Reuse the reference's training run from the cache (${defaultCacheDir()}; set CNN_GRADE_CACHE to move it); --no-cache trains it anew and replaces the entry` })
    .option('all', { type: 'boolean', default: false, describe: "Instructors: run every check, not only the rubric's visible ones" })
    .example('$0 check . --rubric lab1.yaml', 'grade the folder you are in')
    .example('$0 check lab --rubric lab1.yaml --no-train', 'structure checks only, in seconds')
    .epilogue('Exit status: 0 when grading ran, whatever the score; 2 for a bad rubric or bad usage.') as unknown as Argv<CheckArgs>;
}

export async function handler(argv: ArgumentsCamelCase<CheckArgs>): Promise<void> {
  const dir = path.resolve(argv.dir);
  if (!fs.existsSync(dir)) throw new UsageError(`submission folder ${argv.dir} does not exist`);
  if (!fs.statSync(dir).isDirectory()) throw new UsageError(`${argv.dir} is a file; give the folder that holds it`);
  // Refused before grading: the default out folder lies in the submission when run there, and
  // a committed cnn-grade-out link would send the results into another folder.
  const out = path.resolve(argv.out);
  refuseLinksInSubmission(out, dir);
  refuseLinkedFolder(out);
  // A student's --no-train check must not need the instructor's data files.
  const fullRubric = loadRubric(argv.rubric, { checkData: argv.train });
  const rubric = argv.all ? fullRubric : studentView(fullRubric);
  if (rubric.tasks.length === 0) throw new UsageError(`${argv.rubric} has no visible checks; an instructor can run them all with --all`);
  const backend = parseBackendChoice(argv.backend);
  const progress = argv.json ? undefined : (line: string) => process.stderr.write(`… ${inertLine(line)}\n`);
  const cache = new ReferenceCache(defaultCacheDir(), !argv.cache);
  const result = await gradeSubmission({ id: path.basename(dir), dir }, rubric, argv.rubric, { train: argv.train, backend, progress, cache });
  const written = writeOutputs(result, out);
  if (argv.json) {
    process.stdout.write(written.resultsJson);
  } else {
    const color = process.stdout.isTTY === true && !process.env.NO_COLOR;
    const relative = path.relative(process.cwd(), written.reportPath);
    const shown = relative.startsWith('..') ? written.reportPath : relative;
    process.stdout.write(terminalSummary(result, shown, { color }) + '\n');
  }
}
