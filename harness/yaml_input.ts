// A YAML input file checked against a zod schema, for files people write by hand (rubrics,
// TA overrides): the first problem comes back as a place (a path such as
// tasks[0].checks[2].points, and its line) and what is wrong, and a valid document keeps a
// way to find the line of any path, for problems found after the schema.

import YAML, { LineCounter } from 'yaml';
import type { z } from 'zod';

export type YamlPath = (string | number)[];

export type YamlInput<T> =
  | { ok: true; value: T; lineOf(path: YamlPath): number | undefined; lineOfKey(path: YamlPath): number | undefined }
  | { ok: false; where: string; problem: string };

/** `unknownKeyHint`: what to add to an unknown key's message, e.g. where the keys are listed. */
export function parseYamlInput<T>(text: string, schema: z.ZodType<T>, unknownKeyHint: string): YamlInput<T> {
  const lines = new LineCounter();
  const doc = YAML.parseDocument(text, { prettyErrors: true, uniqueKeys: true, lineCounter: lines });
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    const where = e.linePos ? `line ${e.linePos[0].line}, column ${e.linePos[0].col}` : '';
    return { ok: false, where, problem: `not valid YAML: ${e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')}` };
  }
  const parsed = schema.safeParse(doc.toJS(), { reportInput: true });
  if (!parsed.success) {
    // A misspelt key also makes the real key "missing"; the misspelling is the better clue.
    const issue = parsed.error.issues.find((i) => i.code === 'unrecognized_keys') ?? parsed.error.issues[0];
    const line = lineOf(doc, lines, [...issue.path] as YamlPath, issue.code === 'unrecognized_keys' ? issue.keys[0] : undefined);
    return { ok: false, where: placeOf(issue.path, line), problem: describeIssue(issue, unknownKeyHint) };
  }
  return {
    ok: true,
    value: parsed.data,
    lineOf: (path) => lineOf(doc, lines, path),
    // The key itself, for a key that names something that does not exist (an id with a typo).
    lineOfKey: (path) => lineOf(doc, lines, path.slice(0, -1), String(path[path.length - 1])),
  };
}

/** 'tasks[0].checks[2].points, line 12' */
export function placeOf(path: readonly PropertyKey[], line: number | undefined): string {
  return `${formatPath(path)}${line ? `, line ${line}` : ''}`;
}

/**
 * The line of the YAML node an issue is about: the misspelt key itself for an unknown key,
 * else the value at the issue's path, else the nearest enclosing node that exists.
 */
function lineOf(doc: YAML.Document, lines: LineCounter, path: YamlPath, unknownKey?: string): number | undefined {
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

/** ['tasks', 0, 'checks', 2, 'points'] -> 'tasks[0].checks[2].points' */
export function formatPath(path: readonly PropertyKey[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${String(p)}`)).join('');
}

function describeIssue(issue: z.core.$ZodIssue, unknownKeyHint: string): string {
  switch (issue.code) {
    case 'unrecognized_keys':
      return `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')} (${unknownKeyHint})`;
    case 'invalid_type':
      return issue.input === undefined ? `missing; expected ${issue.expected}` : `expected ${issue.expected}, found ${JSON.stringify(issue.input)?.slice(0, 40)}`;
    default:
      return issue.message;
  }
}
