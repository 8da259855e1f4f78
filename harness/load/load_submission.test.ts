import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { summarize } from '../model/summarize';
import { loadSubmission } from './load_submission';
import { typeCheck } from './type_check';

const FIXTURES = path.resolve(__dirname, '..', '..', 'fixtures', 'lenet5');
const TASK = { file: 'models.ts', exportName: 'buildLeNet5', args: { inputShape: [28, 28, 1], numClasses: 10 } };
const LIMITS = { timeoutMs: 20_000, heapMb: 512 };

function tempSubmission(code: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cnn-grade-test-'));
  fs.writeFileSync(path.join(dir, 'models.ts'), code);
  return dir;
}

describe('loadSubmission', () => {
  it('returns the topology of a Sequential and of a functional LeNet-5', async () => {
    const seq = await loadSubmission(path.join(FIXTURES, 'correct'), TASK, LIMITS);
    const fun = await loadSubmission(path.join(FIXTURES, 'functional'), TASK, LIMITS);
    // Both in the harness's own functional form, as every later stage reads them.
    expect(seq.ok && seq.topology.class_name).toBe('Model');
    expect(fun.ok && fun.topology.class_name).toBe('Model');
    expect(seq.ok && seq.topology.config.layers.map((l) => l.class_name)).toEqual(['InputLayer', 'Conv2D', 'AveragePooling2D', 'Conv2D', 'AveragePooling2D', 'Flatten', 'Dense', 'Dense', 'Dense']);
  });

  it('refuses a model whose JSON carries keys beside the real ones, instead of checking one model and training another', async () => {
    const hostile = path.resolve(FIXTURES, '..', 'hostile', 'smuggles-config-keys');
    const result = await loadSubmission(hostile, TASK, LIMITS);
    expect(result).toMatchObject({ ok: false, kind: 'invalid-model' });
    expect(!result.ok && result.message).toMatch(/layer "conv2d_Conv2D\d+": kernel_initializer.config has a setting the harness does not know: seed_/);
  });

  it('reports a syntax error with file, line and column', async () => {
    const result = await loadSubmission(path.join(FIXTURES, 'syntax-error'), TASK, LIMITS);
    expect(result).toMatchObject({ ok: false, kind: 'compile', location: { file: 'models.ts', line: 7, column: 31 } });
  });

  it('names the missing export and what the module does export', async () => {
    const result = await loadSubmission(path.join(FIXTURES, 'missing-export'), TASK, LIMITS);
    expect(result).toMatchObject({ ok: false, kind: 'missing-export' });
    expect(!result.ok && result.message).toMatch(/does not export a function named buildLeNet5 \(it exports buildLenet\)/);
  });

  it("returns a throw with the student's own frames, mapped back to models.ts", async () => {
    const result = await loadSubmission(path.join(FIXTURES, 'throws'), TASK, LIMITS);
    expect(result).toMatchObject({ ok: false, kind: 'throw' });
    if (result.ok) return;
    expect(result.message).toMatch(/TypeError: Cannot read properties of undefined/);
    // The fixture throws in inputDims on line 7, called from buildLeNet5 on line 12.
    expect(result.stack!.split('\n').slice(1)).toEqual([expect.stringMatching(/at inputDims \(models\.ts:7:\d+\)/), expect.stringMatching(/at buildLeNet5 \(models\.ts:12:\d+\)/)]);
  });

  it('says the file is missing when the submission has no models.ts', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cnn-grade-test-'));
    expect(await loadSubmission(dir, TASK, LIMITS)).toMatchObject({ ok: false, kind: 'missing-file' });
  });

  it('refuses packages other than tfjs, naming the import', async () => {
    const dir = tempSubmission(`import _ from 'lodash';\nexport const buildLeNet5 = () => _;\n`);
    const result = await loadSubmission(dir, TASK, LIMITS);
    expect(result).toMatchObject({ ok: false, kind: 'compile', location: { file: 'models.ts', line: 1 } });
    expect(!result.ok && result.message).toMatch(/cannot import "lodash"/);
  });

  it('refuses to read files outside the submission through an import', async () => {
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'cnn-grade-secret-'));
    fs.writeFileSync(path.join(outside, 'secret.ts'), 'export const token = "hunter2";\n');
    const dir = tempSubmission(`import { token } from '${path.join(outside, 'secret')}';\nexport const buildLeNet5 = () => token;\n`);
    const result = await loadSubmission(dir, TASK, LIMITS);
    expect(result).toMatchObject({ ok: false, kind: 'compile' });
    expect(JSON.stringify(result)).not.toContain('hunter2');
  });

  it('stops a builder that never returns at its time limit', async () => {
    const dir = tempSubmission(`export function buildLeNet5() { for (;;) {} }\n`);
    const started = Date.now();
    const result = await loadSubmission(dir, TASK, { timeoutMs: 1500, heapMb: 256 });
    expect(result).toMatchObject({ ok: false, kind: 'timeout' });
    expect(Date.now() - started).toBeLessThan(1500 + 1000);
  });

  it('denies the builder writes, child processes and the environment', async () => {
    const target = path.join(os.tmpdir(), `cnn-grade-should-not-exist-${process.pid}`);
    const dir = tempSubmission(
      [
        `import * as fs from 'node:fs';`,
        `import * as cp from 'node:child_process';`,
        `export function buildLeNet5() {`,
        `  const seen: string[] = [];`,
        `  try { fs.writeFileSync(${JSON.stringify(target)}, 'x'); seen.push('wrote'); } catch (e) { seen.push((e as any).code); }`,
        `  try { cp.execSync('true'); seen.push('spawned'); } catch (e) { seen.push((e as any).code); }`,
        `  seen.push('env:' + Object.keys(process.env).length);`,
        `  throw new Error(seen.join(','));`,
        `}`,
      ].join('\n'),
    );
    const result = await loadSubmission(dir, TASK, LIMITS);
    expect(!result.ok && result.message).toMatch(/ERR_ACCESS_DENIED,ERR_ACCESS_DENIED,env:0/);
    expect(fs.existsSync(target)).toBe(false);
  });
});

describe('the harness layers students may import', () => {
  it("gives submissions cnn-grade/layers' LRN, with its types", async () => {
    const dir = tempSubmission(
      [
        `import * as tf from '@tensorflow/tfjs';`,
        `import { LRN } from 'cnn-grade/layers';`,
        `export function buildLeNet5(opts: { inputShape: number[]; numClasses: number }): tf.LayersModel {`,
        `  return tf.sequential({ layers: [tf.layers.conv2d({ inputShape: opts.inputShape, filters: 4, kernelSize: 3 }), new LRN({ depthRadius: 2 }), tf.layers.flatten(), tf.layers.dense({ units: opts.numClasses })] });`,
        `}`,
      ].join('\n'),
    );
    const result = await loadSubmission(dir, TASK, LIMITS);
    expect(result.ok && result.topology.config.layers.map((l) => l.class_name)).toEqual(['InputLayer', 'Conv2D', 'LRN', 'Flatten', 'Dense']);
    expect(await typeCheck(dir, 'models.ts')).toEqual({ errors: [] });
  });
});

describe('each way to import what the sandbox provides', () => {
  const FORMS = path.resolve(FIXTURES, '..', 'import-forms');

  // The same LeNet-5 written with each import form: the sandbox gives each the same model,
  // which the harness summarises as it does fixtures/lenet5/correct (type_check.test.ts checks
  // that the checker agrees with each form).
  it.each(['default-import', 'import-equals', 'require', 'commonjs', 'core-and-layers', 'core-and-layers-default'])(
    'builds fixtures/import-forms/%s',
    async (form) => {
      const result = await loadSubmission(path.join(FORMS, form), TASK, LIMITS);
      if (!result.ok) throw new Error(`${result.kind}: ${result.message}`);
      const summary = summarize(result.topology);
      expect(summary.layers.map((l) => l.className)).toEqual(['InputLayer', 'Conv2D', 'AveragePooling2D', 'Conv2D', 'AveragePooling2D', 'Flatten', 'Dense', 'Dense', 'Dense']);
      expect(summary.totalParams).toBe(61_706);
    },
  );

  it('gives a default import of cnn-grade/layers the module (which TypeScript, reading its ES module, refuses)', async () => {
    const result = await loadSubmission(path.join(FORMS, 'layers-module-default'), TASK, LIMITS);
    if (!result.ok) throw new Error(`${result.kind}: ${result.message}`);
    expect(result.topology.config.layers.map((l) => l.class_name)).toEqual(['InputLayer', 'Conv2D', 'LRN', 'AveragePooling2D', 'Conv2D', 'AveragePooling2D', 'Flatten', 'Dense', 'Dense', 'Dense']);
  });

  it('grades a CommonJS file and one of default imports as it grades the namespace import', () => {
    const checksOf = (dir: string) => {
      const out = fs.mkdtempSync(path.join(os.tmpdir(), 'cnn-grade-import-forms-'));
      const cli = path.resolve(FIXTURES, '..', '..', 'bin', 'cnn-grade.js');
      const rubric = path.resolve(FIXTURES, '..', '..', 'rubrics', 'lenet5-mnist.yaml');
      const run = spawnSync(process.execPath, [cli, 'check', dir, '--rubric', rubric, '--out', out, '--no-train'], { encoding: 'utf8' });
      expect(run.status).toBe(0);
      const results = JSON.parse(fs.readFileSync(path.join(out, 'results.json'), 'utf8'));
      return { score: results.score, typeErrors: results.extra_data.tasks[0].typeErrors, checks: results.tests.map((t: { name: string; score: number }) => [t.name, t.score]) };
    };
    const namespace = checksOf(path.join(FIXTURES, 'correct'));
    // Everything but training (--no-train) scores: 60 of the LeNet-5 lab's 100.
    expect(namespace.score).toBe(60);
    expect(checksOf(path.join(FORMS, 'commonjs'))).toEqual(namespace);
    expect(checksOf(path.join(FORMS, 'core-and-layers-default'))).toEqual(namespace);
  });
});
