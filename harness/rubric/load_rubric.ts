// Reads and validates a rubric file; every problem becomes a RubricError naming the file,
// the place in it (e.g. tasks[0].checks[2].points) and what was expected.

import * as fs from 'node:fs';
import * as path from 'node:path';
import YAML, { LineCounter } from 'yaml';
import type { z } from 'zod';
import { RubricError } from '../errors';
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
  const lines = new LineCounter();
  const doc = YAML.parseDocument(text, { prettyErrors: true, uniqueKeys: true, lineCounter: lines });
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    const where = e.linePos ? `line ${e.linePos[0].line}, column ${e.linePos[0].col}` : '';
    throw new RubricError(file, where, `not valid YAML: ${e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')}`);
  }
  const parsed = rubricSchema.safeParse(doc.toJS(), { reportInput: true });
  if (!parsed.success) {
    // A misspelt key also makes the real key "missing"; the misspelling is the better clue.
    const issue = parsed.error.issues.find((i) => i.code === 'unrecognized_keys') ?? parsed.error.issues[0];
    const line = lineOf(doc, lines, [...issue.path] as (string | number)[], issue.code === 'unrecognized_keys' ? issue.keys[0] : undefined);
    throw new RubricError(file, `${formatPath(issue.path)}${line ? `, line ${line}` : ''}`, describeIssue(issue));
  }
  resolveDataPaths(parsed.data, path.dirname(path.resolve(file)));
  const [problem] = [...rubricProblems(parsed.data), ...(checkData ? dataProblems(parsed.data) : [])];
  if (problem) {
    const line = lineOf(doc, lines, problem.path);
    throw new RubricError(file, `${formatPath(problem.path)}${line ? `, line ${line}` : ''}`, problem.message);
  }
  return parsed.data;
}

/**
 * The line of the YAML node an issue is about: the misspelt key itself for an unknown key,
 * else the value at the issue's path, else the nearest enclosing node that exists.
 */
function lineOf(doc: YAML.Document, lines: LineCounter, path: (string | number)[], unknownKey?: string): number | undefined {
  if (unknownKey !== undefined) {
    const map = path.length ? doc.getIn(path, true) : doc.contents;
    if (YAML.isMap(map)) {
      const pair = map.items.find((p) => YAML.isScalar(p.key) && p.key.value === unknownKey);
      const range = pair && YAML.isScalar(pair.key) ? pair.key.range : undefined;
      if (range) return lines.linePos(range[0]).line;
    }
  }
  for (let n = path.length; n >= 0; n--) {
    const node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true);
    const range = (node as { range?: [number, number, number] } | undefined)?.range;
    if (range) return lines.linePos(range[0]).line;
  }
  return undefined;
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

/** ['tasks', 0, 'checks', 2, 'points'] -> 'tasks[0].checks[2].points' */
export function formatPath(path: readonly PropertyKey[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${String(p)}`)).join('');
}

function describeIssue(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'unrecognized_keys':
      return `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')} (check the spelling against the rubric reference in README.md)`;
    case 'invalid_type':
      return issue.input === undefined ? `missing; expected ${issue.expected}` : `expected ${issue.expected}, found ${JSON.stringify(issue.input)?.slice(0, 40)}`;
    default:
      return issue.message;
  }
}
