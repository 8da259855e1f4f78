// The type check in its child: errors come back; a file that crashes the checker, outruns its
// time or heap, or is over the source cap is "skipped" with the reason, never an exception, and
// leaves no process behind.

import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { typeCheck } from './type_check';

const ROOT = path.resolve(__dirname, '..', '..');
const CLI = path.join(ROOT, 'bin', 'cnn-grade.js');
const RUBRIC = path.join(ROOT, 'rubrics', 'lenet5-mnist.yaml');
const CORRECT = path.join(ROOT, 'fixtures', 'lenet5', 'correct');
const NESTED = path.join(ROOT, 'fixtures', 'hostile', 'nested-tuple-types');
const OVERLOADS = path.join(ROOT, 'fixtures', 'hostile', 'many-overloads');
const IMPORT_FORMS = path.join(ROOT, 'fixtures', 'import-forms');

/** The type-check children still running on a submission folder. */
function checkersOn(dir: string): string[] {
  const ps = spawnSync('ps', ['-eo', 'pid,args'], { encoding: 'utf8' }).stdout;
  return ps.split('\n').filter((line) => line.includes('type-check-child.js') && line.includes(dir));
}

describe('typeCheck', () => {
  it('finds nothing to say about a correct lab file, within the default limits', async () => {
    expect(await typeCheck(CORRECT, 'models.ts')).toEqual({ errors: [] });
  });

  it('reports type errors with the file, line and column', async () => {
    expect(await typeCheck(path.join(ROOT, 'fixtures', 'hostile', 'type-error'), 'models.ts')).toEqual({
      errors: ["models.ts:10:9 Type 'string' is not assignable to type 'number'."],
    });
  });

  it('skips a file whose nested tuple types overflow the checker, at once', async () => {
    const started = Date.now();
    expect(await typeCheck(NESTED, 'models.ts', { timeoutMs: 10_000, heapMb: 512 })).toEqual({ errors: [], skipped: 'TypeScript failed (Maximum call stack size exceeded)' });
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('opens no inspector when signalled: a sandbox of the same account could reach it', async () => {
    const checking = typeCheck(OVERLOADS, 'models.ts', { timeoutMs: 4000, heapMb: 512 });
    let pids: number[] = [];
    for (let i = 0; i < 50 && pids.length === 0; i++) {
      await new Promise((r) => setTimeout(r, 50));
      pids = checkersOn(OVERLOADS).map((line) => Number(line.trim().split(/\s+/)[0]));
    }
    expect(pids.length).toBeGreaterThan(0);
    for (const pid of pids) process.kill(pid, 'SIGUSR1');
    await new Promise((r) => setTimeout(r, 500));
    // Node's inspector listens on 127.0.0.1:9229 when SIGUSR1 opens it.
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect(9229, '127.0.0.1', () => (socket.destroy(), resolve(true)));
      socket.on('error', () => resolve(false));
    });
    expect(open).toBe(false);
    await checking;
  });

  it('stops a file of overloads at its time limit and leaves no process behind', async () => {
    // Unlimited, the fixture takes over 10 s; killed at 3 s, plus the time to reap the child.
    const started = Date.now();
    expect(await typeCheck(OVERLOADS, 'models.ts', { timeoutMs: 3000, heapMb: 512 })).toEqual({ errors: [], skipped: 'it took longer than 3 s' });
    const ms = Date.now() - started;
    expect(ms).toBeGreaterThanOrEqual(3000);
    expect(ms).toBeLessThan(5000);
    expect(checkersOn(OVERLOADS)).toEqual([]);
  });

  it('stops a checker that outgrows its heap', async () => {
    // tfjs' declarations alone take some 70 MB of the checker's heap.
    expect(await typeCheck(CORRECT, 'models.ts', { timeoutMs: 30_000, heapMb: 32 })).toEqual({ errors: [], skipped: 'it needed more than 32 MB of memory' });
    expect(checkersOn(CORRECT)).toEqual([]);
  });

  it('skips a file over the source cap without reading it', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cnn-grade-typecheck-'));
    // Sparse: 200 MiB to stat, nothing on disk.
    fs.writeFileSync(path.join(dir, 'models.ts'), '');
    fs.truncateSync(path.join(dir, 'models.ts'), 200 * 1024 * 1024);
    expect(await typeCheck(dir, 'models.ts')).toEqual({
      errors: [],
      skipped: "models.ts is 209,715,200 bytes; a submission's source files may total at most 1,048,576 bytes (1 MB)",
    });
  });
});

describe("typeCheck of each way to import what the sandbox provides (bundle.ts' ALLOWED_PACKAGES)", () => {
  // Each of these builds its model in the sandbox (load_submission.test.ts), so none may get a
  // type error: not "Cannot find module", "has no default export" or advice to install @types/node.
  it.each(['default-import', 'import-equals', 'require', 'commonjs', 'core-and-layers', 'core-and-layers-default'])('finds nothing to say about fixtures/import-forms/%s', async (form) => {
    expect(await typeCheck(path.join(IMPORT_FORMS, form), 'models.ts')).toEqual({ errors: [] });
  });

  it('names a module by the name the student wrote, never by where the grader keeps it', async () => {
    // A default import of cnn-grade/layers (an ES module with named exports only) is the one
    // form TypeScript still refuses; its message quoted the grader's harness/layers/index.
    const result = await typeCheck(path.join(IMPORT_FORMS, 'layers-module-default'), 'models.ts');
    expect(result).toEqual({ errors: [`models.ts:4:8 Module '"cnn-grade/layers"' has no default export.`] });
  });

  it('shows a type inside tfjs as a path inside its package', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cnn-grade-typecheck-'));
    fs.writeFileSync(
      path.join(dir, 'models.ts'),
      [
        `import * as tf from '@tensorflow/tfjs';`,
        `export const conv = tf.layers.conv2D({ filters: 6, kernelSize: 5 });`,
        `export const width: number = tf.sequential();`,
        `export const g = tf.nonsense;`,
        `export const own = require('./helpers');`,
        '',
      ].join('\n'),
    );
    fs.writeFileSync(path.join(dir, 'helpers.ts'), 'export const k = 1;\n');
    const result = await typeCheck(dir, 'models.ts');
    expect(result).toEqual({
      errors: [
        `models.ts:2:31 Property 'conv2D' does not exist on type 'typeof import("@tensorflow/tfjs-layers/dist/exports_layers")'. Did you mean 'conv2d'?`,
        `models.ts:3:14 Type 'Sequential' is not assignable to type 'number'.`,
        `models.ts:4:21 Property 'nonsense' does not exist on type 'typeof import("@tensorflow/tfjs")'.`,
      ],
    });
    expect(JSON.stringify(result)).not.toContain(ROOT);
  });
});

describe('a check of a file that crashes TypeScript, through the CLI', () => {
  it('grades the model and says the type check was skipped', () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'cnn-grade-typecheck-out-'));
    const r = spawnSync(process.execPath, [CLI, 'check', NESTED, '--rubric', RUBRIC, '--out', out, '--no-train'], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    const results = JSON.parse(fs.readFileSync(path.join(out, 'results.json'), 'utf8'));
    expect(results.extra_data.tasks[0]).toMatchObject({ load: { ok: true }, typeErrors: [], typeCheckSkipped: 'TypeScript failed (Maximum call stack size exceeded)' });
    expect(results.extra_data.tasks[0].summary.totalParams).toBe(61_706);
    const skipped = 'ype check skipped (not graded): TypeScript failed (Maximum call stack size exceeded)';
    expect(results.output).toContain(skipped);
    expect(r.stdout).toContain(skipped);
    expect(fs.readFileSync(path.join(out, 'report.html'), 'utf8')).toContain(skipped);
  });
});
