// `cnn-grade rubric`: tools for rubric authors: check a rubric, print the JSON Schema.

import type { Argv } from 'yargs';
import { rubricJsonSchema } from '../rubric/json_schema';
import { loadRubric } from '../rubric/load_rubric';

export const command = 'rubric <action>';
export const describe = 'Validate a rubric, or print the rubric JSON Schema for editors';

export function builder(yargs: Argv): Argv {
  return yargs
    .command(
      'validate <file>',
      'Check a rubric file; exit 2 with the place of the first problem',
      (y) => y.positional('file', { type: 'string', demandOption: true }),
      (argv) => {
        const rubric = loadRubric(argv.file as string);
        const checks = rubric.tasks.flatMap((t) => t.checks);
        process.stdout.write(`${argv.file}: ${rubric.tasks.length} task(s), ${checks.length} checks, ${checks.reduce((s, c) => s + c.points, 0)} points\n`);
      },
    )
    .command(
      'schema',
      'Print the JSON Schema of the rubric language',
      (y) => y,
      () => {
        process.stdout.write(`${JSON.stringify(rubricJsonSchema(), null, 2)}\n`);
      },
    )
    .demandCommand(1, 'Give an action: validate FILE or schema');
}

export function handler(): void {
  // The sub-commands do the work.
}
