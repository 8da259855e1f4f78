// Trims a stack from the sandbox to the frames in the student's own files.

import * as path from 'node:path';

/**
 * The bundle's source map names the student's files relative to the submission root, and
 * the child resolves them against the folder holding the bundle; so frames under that folder
 * are the student's, and everything else (the sandbox runtime, tfjs, Node) means nothing to them.
 */
export function trimStudentStack(stack: string | undefined, bundleDir: string): string | undefined {
  if (!stack) return undefined;
  const prefix = bundleDir + path.sep;
  const lines = stack.split('\n');
  const head = lines.filter((l) => !/^\s+at /.test(l)).slice(0, 3);
  const own = lines
    .filter((l) => /^\s+at /.test(l) && l.includes(prefix))
    .slice(0, 8)
    .map((l) => l.split(prefix).join(''));
  return [...head, ...own].join('\n').slice(0, 4000);
}
