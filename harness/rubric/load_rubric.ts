// Reads and validates a rubric file; every problem becomes a RubricError naming the file,
// the place in it (e.g. tasks[0].checks[2].points) and what was expected.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { RubricError } from '../errors';
import { parseYamlInput, placeOf } from '../yaml_input';
import { rubricSchema, type Rubric } from './schema';
import { dataProblems, rubricProblems } from './validate_rubric';

/** `checkData`: also check the training data sets (skip it when nothing will train). */
export function loadRubric(file: string, options: { checkData?: boolean } = {}): Rubric {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new RubricError(file, '', code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a folder, not a rubric file' : `cannot be read (${code})`);
  }
  return parseRubric(text, file, options);
}

export function parseRubric(text: string, file: string, { checkData = true }: { checkData?: boolean } = {}): Rubric {
  const input = parseYamlInput(text, rubricSchema, 'check the spelling against the rubric reference in README.md');
  if (!input.ok) throw new RubricError(file, input.where, input.problem);
  const rubric = input.value;
  resolveDataPaths(rubric, path.dirname(path.resolve(file)));
  const [problem] = [...rubricProblems(rubric), ...(checkData ? dataProblems(rubric) : [])];
  if (problem) throw new RubricError(file, placeOf(problem.path, input.lineOf(problem.path)), problem.message);
  return rubric;
}

/** Data set paths are written relative to the rubric; from here on they are absolute. */
function resolveDataPaths(rubric: Rubric, dir: string): void {
  for (const task of rubric.tasks) {
    const data = task.train?.dataset;
    if (!data || typeof data === 'string') continue;
    const at = (p: string) => path.resolve(dir, p);
    if ('cifar10' in data) data.cifar10 = at(data.cifar10);
    else if ('imageFolder' in data) data.imageFolder = { train: at(data.imageFolder.train), test: at(data.imageFolder.test) };
    else data.idx = { trainImages: at(data.idx.trainImages), trainLabels: at(data.idx.trainLabels), testImages: at(data.idx.testImages), testLabels: at(data.idx.testLabels) };
  }
}

