// cnn-grade's command line: a yargs root with one module per command in commands/. Maps
// errors to exit codes: 2 for usage and rubric problems, 1 for a bug in the harness.

import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import * as bench from './commands/bench';
import * as check from './commands/check';
import * as grade from './commands/grade';
import * as reference from './commands/reference';
import * as report from './commands/report';
import * as rubric from './commands/rubric';
import * as trainJob from './commands/train_job';
import * as worker from './commands/worker';
import { isUserError, UsageError } from './errors';
import { inertLines } from './inert_text';

const ISSUES_URL = 'https://github.com/cnn-grade/cnn-grade/issues';

export async function main(argv: string[]): Promise<number> {
  const parser = yargs(argv)
    .scriptName('cnn-grade')
    .usage('$0 <command> [options]\n\nGrades convolutional-network labs written with TensorFlow.js.')
    .command(check)
    .command(grade)
    .command(report)
    .command(bench)
    .command(reference)
    .command(rubric)
    .command(worker)
    .command(trainJob)
    .demandCommand(1, 'Give a command, e.g. cnn-grade check . --rubric rubrics/lenet5-mnist.yaml')
    .strict()
    .help()
    .alias('h', 'help')
    .version()
    .wrap(Math.min(100, process.stdout.columns || 100))
    .fail((message, error) => {
      // Throwing stops yargs: a mistyped option must not go on to grade.
      throw error ?? new UsageError(`${message}\nRun "cnn-grade --help" for the commands and options.`);
    });
  try {
    await parser.parseAsync();
  } catch (error) {
    if (isUserError(error)) {
      // Messages quote rubric, roster and student text: shown inert.
      process.stderr.write(`cnn-grade: ${inertLines(error.message)}\n`);
      return 2;
    }
    process.stderr.write(`cnn-grade: internal error, this is a bug in the harness:\n${inertLines((error as Error).stack ?? String(error))}\nPlease report it with the command you ran: ${ISSUES_URL}\n`);
    return 1;
  }
  return 0;
}

if (require.main === module) {
  main(hideBin(process.argv)).then((code) => {
    process.exitCode = code;
  });
}
