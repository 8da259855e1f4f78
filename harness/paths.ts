// Where the harness's own files are, whether it runs from source (harness/) or built (dist/).

import * as fs from 'node:fs';
import * as path from 'node:path';

let root: string | undefined;

/** The folder holding cnn-grade's package.json. */
export function packageRoot(): string {
  if (root) return root;
  let dir = __dirname;
  for (;;) {
    const manifest = path.join(dir, 'package.json');
    if (fs.existsSync(manifest) && (JSON.parse(fs.readFileSync(manifest, 'utf8')) as { name?: string }).name === 'cnn-grade') return (root = dir);
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`cannot find cnn-grade's package.json above ${__dirname}`);
    dir = parent;
  }
}
