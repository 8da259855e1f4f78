// Two students' sandboxes at once, at the permission-model level (no PID namespace): as root,
// each runs as an account of its own, so one cannot kill or stop the other's build.

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { detectIsolation } from './isolation';
import { loadSubmission } from './load_submission';

// Before the first detection, which this file's module registry caches: the weaker level.
process.env.CNN_GRADE_NO_BWRAP = '1';

const SABOTEUR = path.resolve(__dirname, '..', '..', 'fixtures', 'hostile', 'kills-classmates');
const TASK = { file: 'models.ts', exportName: 'buildLeNet5', args: { inputShape: [28, 28, 1], numClasses: 10 } };
const LIMITS = { timeoutMs: 20_000, heapMb: 512 };

/** A classmate whose builder takes two seconds: long enough to be running while the saboteur sweeps. */
function slowClassmate(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cnn-grade-classmate-'));
  fs.writeFileSync(
    path.join(dir, 'models.ts'),
    [
      `import * as tf from '@tensorflow/tfjs';`,
      `export function buildLeNet5(opts: { inputShape: number[]; numClasses: number }): tf.LayersModel {`,
      `  const until = Date.now() + 2000;`,
      `  while (Date.now() < until) { /* a slow builder */ }`,
      `  return tf.sequential({ layers: [tf.layers.flatten({ inputShape: opts.inputShape }), tf.layers.dense({ units: opts.numClasses, activation: 'softmax' })] });`,
      `}`,
    ].join('\n'),
  );
  return dir;
}

// As a user, every sandbox shares the grader's account (and grade refuses this level); the
// saboteur would signal the test runner itself, so the case is for root graders, as in CI.
const asRoot = process.getuid?.() === 0 ? it : it.skip;

describe('sandboxes running at once', () => {
  asRoot("cannot signal each other's processes", async () => {
    expect(detectIsolation().level).toBe('permissions');
    // The classmate first: its pid is below the saboteur's, where the saboteur's sweep reaches it.
    const classmate = loadSubmission(slowClassmate(), TASK, LIMITS);
    await new Promise((r) => setTimeout(r, 300));
    const saboteur = await loadSubmission(SABOTEUR, TASK, LIMITS);
    expect(saboteur.ok).toBe(true);
    expect(await classmate).toMatchObject({ ok: true });
  });
});
