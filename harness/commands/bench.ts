// `cnn-grade bench`: training throughput per compute backend, to see what `auto` picks and
// how it compares (bench/vs_pytorch.js runs it next to PyTorch).

import type { ArgumentsCamelCase, Argv } from 'yargs';
import { UsageError } from '../errors';
import { BACKEND_NAMES, isInstalled, parseBackendChoice, useBackend, type BackendName } from '../train/backends';
import { BENCH_MODELS, benchmark, type BenchResult } from '../train/benchmark';

interface BenchArgs {
  model: string;
  batch: number;
  backend?: string;
  json: boolean;
  images: number;
  warmup: number;
  seconds: number;
}

export const command = 'bench';
export const describe = 'Measure training speed (images per second) on each compute backend';

export function builder(yargs: Argv): Argv<BenchArgs> {
  return yargs
    .option('model', { type: 'string', default: 'lenet5', choices: Object.keys(BENCH_MODELS), describe: 'What to train' })
    .option('batch', { type: 'number', default: 64, describe: 'Batch size' })
    .option('backend', { type: 'string', choices: ['auto', ...BACKEND_NAMES], describe: 'Measure only this backend (default: every installed one)' })
    .option('json', { type: 'boolean', default: false, describe: 'One JSON line per backend instead of a table' })
    .option('images', { type: 'number', default: 12_800, describe: 'Images to time, after the warm-up' })
    .option('warmup', { type: 'number', default: 640, describe: 'Images trained before timing starts' })
    .option('seconds', { type: 'number', default: 30, describe: 'Stop timing a backend after this long (the pure-JS cpu backend is slow)' })
    .example('$0 bench', 'every installed backend on LeNet-5, batch 64')
    .example('$0 bench --backend wasm --json', 'one backend, machine-readable') as unknown as Argv<BenchArgs>;
}

export async function handler(argv: ArgumentsCamelCase<BenchArgs>): Promise<void> {
  if (!Number.isInteger(argv.batch) || argv.batch < 1 || argv.batch > 4096) throw new UsageError(`--batch must be a whole number from 1 to 4096, not ${argv.batch}`);
  const autoPick = (await useBackend('auto')).name;
  const choice = argv.backend ? parseBackendChoice(argv.backend) : undefined;
  const backends: BackendName[] = choice === undefined ? BACKEND_NAMES.filter(isInstalled) : [choice === 'auto' ? autoPick : choice];
  const results: (BenchResult & { default: boolean })[] = [];
  for (const name of backends) {
    try {
      await useBackend(name);
    } catch (error) {
      // A backend asked for by name must work; among "every installed one", say and go on.
      if (choice !== undefined) throw error;
      process.stderr.write(`skipping ${name}: ${(error as Error).message}\n`);
      continue;
    }
    const result = { ...(await benchmark(name, argv.model, argv.batch, { images: argv.images, warmupImages: argv.warmup, maxSeconds: argv.seconds })), default: name === autoPick };
    results.push(result);
    if (argv.json) {
      const { backend, model, batchSize, imagesPerSecond } = result;
      process.stdout.write(JSON.stringify({ backend, model, batchSize, imagesPerSecond, default: result.default }) + '\n');
    }
  }
  if (!argv.json) process.stdout.write(table(results) + '\n');
}

function table(results: (BenchResult & { default: boolean })[]): string {
  const rows = results.map((r) => [r.backend + (r.default ? ' (auto)' : ''), r.model, String(r.batchSize), r.imagesPerSecond.toLocaleString('en-US'), `${r.images} in ${r.seconds.toFixed(1)} s`]);
  const head = ['backend', 'model', 'batch', 'images/s', 'measured'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 3 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ');
  return [line(head), ...rows.map(line)].join('\n');
}
