// `cnn-grade reference`: the harness's reference architectures, listed or summarised as
// Keras would (computed from their topology; no weights are created, so VGG-19 takes
// milliseconds and no memory to speak of).

import type { ArgumentsCamelCase, Argv } from 'yargs';
import { REFERENCES, referenceNames } from '../../reference';
import { UsageError } from '../errors';
import { TopologyError } from '../model/graph';
import { summarize } from '../model/summarize';
import { formatCount } from '../format';
import { summaryText } from '../report/summary_text';

interface SummaryArgs {
  name: string;
  json: boolean;
  inputShape?: string;
  classes?: number;
}

export const command = 'reference <action>';
export const describe = 'List the reference architectures, or summarise one';

function parseShape(text: string): number[] {
  const dims = text.split(/[x,]/).map((d) => Number(d.trim()));
  if (dims.length < 1 || dims.length > 3 || !dims.every((d) => Number.isInteger(d) && d > 0 && d <= 4096)) {
    throw new UsageError(`--input-shape ${text}: expected height,width,channels such as 32,32,3`);
  }
  return dims;
}

export function builder(yargs: Argv): Argv {
  return yargs
    .command(
      'list',
      'Every reference, with its default input and parameter count',
      (y) => y.option('json', { type: 'boolean', default: false, describe: 'One JSON object per line' }),
      (argv) => {
        for (const name of referenceNames()) {
          const ref = REFERENCES[name];
          const summary = summarize(ref.topology({}));
          const row = { name, description: ref.description, inputShape: ref.defaults.inputShape, numClasses: ref.defaults.numClasses, totalParams: summary.totalParams };
          process.stdout.write(argv.json ? `${JSON.stringify(row)}\n` : `${name.padEnd(14)} ${formatCount(summary.totalParams).padStart(12)}  ${ref.defaults.inputShape.join('x').padEnd(10)} ${ref.description}\n`);
        }
      },
    )
    .command(
      'summary <name>',
      'Layer table and parameter counts of one reference',
      (y) =>
        y
          .positional('name', { type: 'string', demandOption: true, describe: `One of: ${referenceNames().join(', ')}` })
          .option('json', { type: 'boolean', default: false, describe: 'The summary as JSON (totalParams, trainableParams, layers, ...)' })
          .option('input-shape', { type: 'string', describe: 'Input height,width,channels instead of the paper\'s (e.g. 32,32,3)' })
          .option('classes', { type: 'number', describe: 'Number of classes instead of the paper\'s' })
          .example('$0 reference summary vgg19', 'VGG-19 on 224x224x3, 1000 classes')
          .example('$0 reference summary resnet18 --classes 10', 'ResNet-18 for 10 classes'),
      (argv) => summaryHandler(argv as unknown as ArgumentsCamelCase<SummaryArgs>),
    )
    .demandCommand(1, 'Give an action: list or summary NAME');
}

function summaryHandler(argv: ArgumentsCamelCase<SummaryArgs>): void {
  const ref = REFERENCES[argv.name];
  if (!ref) throw new UsageError(`no reference named "${argv.name}"; the references are ${referenceNames().join(', ')}`);
  if (argv.classes !== undefined && !(Number.isInteger(argv.classes) && argv.classes > 0)) throw new UsageError(`--classes ${argv.classes}: expected a positive whole number`);
  let summary;
  try {
    summary = summarize(ref.topology({ inputShape: argv.inputShape ? parseShape(argv.inputShape) : undefined, numClasses: argv.classes }));
  } catch (error) {
    if (!(error instanceof TopologyError)) throw error;
    throw new UsageError(`${argv.name} cannot take --input-shape ${argv.inputShape}: ${error.message}`);
  }
  process.stdout.write(argv.json ? `${JSON.stringify(summary, null, 2)}\n` : `${summaryText(summary)}\n`);
}

export function handler(): void {
  // The sub-commands do the work.
}
