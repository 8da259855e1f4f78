// Where the harness writes results: a real folder, never one reached through a symbolic link
// that a submission could have committed (`cnn-grade-out -> ../other-student/cnn-grade-out`),
// so that grading a folder never overwrites files outside the output folder.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { UsageError } from './errors';
import { inertLine } from './inert_text';

function lstatOrUndefined(file: string): fs.Stats | undefined {
  try {
    return fs.lstatSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** Where a link points, as inert text: the target is the submission's choice. */
function linkTarget(link: string): string {
  try {
    return inertLine(fs.readlinkSync(link), 200);
  } catch {
    return 'somewhere';
  }
}

/** Refuses `dir` when it is a symbolic link or not a folder; a folder that does not exist yet is fine. */
export function refuseLinkedFolder(dir: string): void {
  const stat = lstatOrUndefined(dir);
  if (stat?.isSymbolicLink()) {
    throw new UsageError(`${dir} is a symbolic link (to ${linkTarget(dir)}); cnn-grade writes results only into a real folder, never through a link: remove the link or give another output folder`);
  }
  if (stat && !stat.isDirectory()) throw new UsageError(`${dir} is a file, not a folder: give another output folder`);
}

/** Makes the output folder `dir` if it is missing, after refusing a link or a file in its place. */
export function prepareOutputFolder(dir: string): void {
  refuseLinkedFolder(dir);
  fs.mkdirSync(dir, { recursive: true });
}

/**
 * Refuses an output folder that a link inside the submission would redirect: a student may
 * commit `cnn-grade-out` (or any folder on the way to --out) as a link to another folder, and
 * `check .` run in their folder would then write there. Links outside the submission are the
 * user's own (a home folder on another disk) and are followed as usual.
 */
export function refuseLinksInSubmission(out: string, submissionDir: string): void {
  const submission = fs.realpathSync(submissionDir);
  const inside = (dir: string) => dir === submission || dir.startsWith(submission + path.sep);
  const { root } = path.parse(out);
  let at = root;
  for (const part of path.relative(root, out).split(path.sep).filter(Boolean)) {
    const parent = at;
    at = path.join(at, part);
    const stat = lstatOrUndefined(at);
    if (!stat) return; // the rest is made by the harness, as real folders
    if (stat.isSymbolicLink() && inside(fs.realpathSync(parent))) {
      throw new UsageError(`${at} is a symbolic link in the submission (to ${linkTarget(at)}); cnn-grade does not write its results through it: delete the link, or give --out a folder outside the submission`);
    }
  }
}
