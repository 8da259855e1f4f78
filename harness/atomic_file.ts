// Writes a file so that a reader (or a run killed halfway) never sees half of it: the
// contents go to a temporary name beside it, then replace the file in one rename. Neither the
// file nor the temporary name is ever written through a symbolic link (an output folder may
// lie inside a submission, where a student chooses what each name is).

import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import { UsageError } from './errors';

export function writeFileAtomically(file: string, contents: string): void {
  // A link in the file's place would be replaced by the rename, not followed; refused all the
  // same, because a link there means that something other than the harness chose the name.
  let existing: fs.Stats | undefined;
  try {
    existing = fs.lstatSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  if (existing?.isSymbolicLink()) throw new UsageError(`${file} is a symbolic link; cnn-grade does not write through links: delete it and run again`);
  // An unpredictable name, created new (O_EXCL fails on any existing entry, a link included;
  // O_NOFOLLOW where the platform has it): nothing planted beside the file is written through.
  const temp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  const fd = fs.openSync(temp, fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL | (fs.constants.O_NOFOLLOW ?? 0), 0o666);
  try {
    try {
      fs.writeFileSync(fd, contents);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(temp, file);
  } catch (error) {
    fs.rmSync(temp, { force: true });
    throw error;
  }
}
