// Writes a file so that a reader (or a run killed halfway) never sees half of it: the
// contents go to a temporary name beside it, then replace the file in one rename.

import * as fs from 'node:fs';

export function writeFileAtomically(file: string, contents: string): void {
  const temp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temp, contents);
  fs.renameSync(temp, file);
}
