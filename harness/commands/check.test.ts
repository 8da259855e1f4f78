// The `check` command as a user runs it: the built CLI in a child process.

import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');
const CLI = path.join(ROOT, 'bin', 'cnn-grade.js');
const RUBRIC = path.join(ROOT, 'rubrics', 'lenet5-mnist.yaml');
const fixture = (name: string) => path.join(ROOT, 'fixtures', 'lenet5', name);

// The reference cache of these tests, apart from the user's.
const CACHE = fs.mkdtempSync(path.join(os.tmpdir(), 'cnn-grade-cache-'));

function cnnGrade(...args: string[]) {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd: os.tmpdir(), encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', CNN_GRADE_CACHE: CACHE } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'cnn-grade-cli-'));
}

/** The shipped rubric with a tiny training budget, so the suite stays fast. */
function tinyRubric(steps = 25): string {
  const text = fs
    .readFileSync(RUBRIC, 'utf8')
    .replace(/steps: \d+/, `steps: ${steps}`)
    .replace(/evalImages: \d+/, 'evalImages: 500');
  const file = path.join(tempDir(), 'tiny.yaml');
  fs.writeFileSync(file, text);
  return file;
}

describe('cnn-grade check', () => {
  it('exits 2 naming a rubric that does not exist', () => {
    const r = cnnGrade('check', fixture('correct'), '--rubric', '/nonexistent/lab.yaml', '--out', tempDir());
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('/nonexistent/lab.yaml: no such file');
  });

  it('exits 2 naming the place of a mistake in a rubric', () => {
    const bad = path.join(tempDir(), 'bad.yaml');
    fs.writeFileSync(bad, fs.readFileSync(RUBRIC, 'utf8').replace('kind: params', 'kind: parameters'));
    const r = cnnGrade('check', fixture('correct'), '--rubric', bad, '--out', tempDir());
    expect(r.code).toBe(2);
    const line = fs.readFileSync(RUBRIC, 'utf8').split('\n').findIndex((l) => l.includes('kind: params')) + 1;
    expect(r.stderr).toContain(`bad.yaml (tasks[0].checks[1].kind, line ${line}): Invalid discriminator value`);
  });

  it('exits 2 for a submission folder that does not exist, and for no rubric at all', () => {
    const missing = cnnGrade('check', '/nonexistent/submission', '--rubric', RUBRIC);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('submission folder /nonexistent/submission does not exist');
    const noRubric = cnnGrade('check', fixture('correct'));
    expect(noRubric.code).toBe(2);
    expect(noRubric.stderr).toMatch(/Missing required argument: rubric/);
    expect(noRubric.stderr).not.toMatch(/cannot be read/);
  });

  it('exits 2 on a mistyped option without grading anything', () => {
    const out = path.join(tempDir(), 'out');
    const r = cnnGrade('check', fixture('correct'), '--rubric', RUBRIC, '--out', out, '--no-trian');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Unknown argument: trian/);
    expect(fs.existsSync(out)).toBe(false);
  });

  it('grades a 3x3 second convolution down, naming the layer and the field (--json, --no-train)', () => {
    const out = tempDir();
    const r = cnnGrade('check', fixture('wrong-kernel'), '--rubric', RUBRIC, '--out', out, '--json', '--no-train');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json).toEqual(JSON.parse(fs.readFileSync(path.join(out, 'results.json'), 'utf8')));
    const byName = Object.fromEntries(json.tests.map((t: { name: string }) => [t.name, t]));
    expect(byName['LeNet-5: Layer sequence matches LeNet-5'].output).toContain('conv2d_2: kernelSize [3,3], expected [5,5]');
    expect(byName["LeNet-5: Parameter count equals LeNet-5's (61,706)"]).toMatchObject({ score: 0, status: 'failed' });
    expect(fs.readFileSync(path.join(out, 'report.html'), 'utf8')).toContain('conv2d_2: kernelSize [3,3], expected [5,5]');
  });

  it('grades a broken submission 0 with its reason, exit 0', () => {
    const r = cnnGrade('check', fixture('syntax-error'), '--rubric', RUBRIC, '--out', tempDir(), '--no-train');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Score: 0 / 100');
    expect(r.stdout).toContain('Does not compile: models.ts:7:31');
  });

  it('gives a functional-API LeNet-5 full marks, training included (tiny budget)', () => {
    const out = tempDir();
    const r = cnnGrade('check', fixture('functional'), '--rubric', tinyRubric(), '--out', out, '--json');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.tests.map((t: { score: number; max_score: number }) => t.score === t.max_score)).toEqual([true, true, true, true]);
    expect(json.score).toBe(100);
    const train = json.extra_data.tasks[0].train;
    expect(train).toMatchObject({ steps: 25, dataset: 'mnist', backend: json.extra_data.backend });
    expect(train.student.steps).toBe(25);
    // After 25 steps of Adam, LeNet-5 is well above the 10% of chance on held-out digits.
    expect(train.reference.accuracy).toBeGreaterThan(0.3);
  });

  it('takes training points from a 2-unit bottleneck; the correct LeNet-5 keeps them', () => {
    const rubric = tinyRubric(100);
    const training = (name: string) => JSON.parse(cnnGrade('check', fixture(name), '--rubric', rubric, '--out', tempDir(), '--json').stdout).tests.find((t: { name: string }) => t.name.includes('training'));
    expect(training('correct')).toMatchObject({ score: 40, status: 'passed' });
    const bottleneck = training('bottleneck');
    // Two numbers cannot tell ten digits apart: far below 0.9 x the reference's accuracy.
    expect(bottleneck.status).toBe('failed');
    expect(bottleneck.score).toBeLessThan(20);
    expect(bottleneck.output).toMatch(/held-out accuracy \d+\.\d%, below/);
  });

  it('gives the same scores and curves on every run, the second with the reference from the cache', () => {
    const rubric = tinyRubric();
    const run = () => JSON.parse(cnnGrade('check', fixture('wrong-kernel'), '--rubric', rubric, '--out', tempDir(), '--json').stdout);
    const [first, second] = [run(), run()];
    expect(second.tests).toEqual(first.tests);
    const [a, b] = [first.extra_data.tasks[0].train, second.extra_data.tasks[0].train];
    expect(b.student.curve).toEqual(a.student.curve);
    expect(b.student.accuracy).toBe(a.student.accuracy);
    expect(b.reference).toEqual(a.reference);
    expect(b.referenceCached).toBe(true);
    // And the reference itself, trained anew (--no-cache), agrees with the first run exactly.
    const fresh = JSON.parse(cnnGrade('check', fixture('wrong-kernel'), '--rubric', rubric, '--out', tempDir(), '--json', '--no-cache').stdout).extra_data.tasks[0].train;
    expect(fresh.referenceCached).toBe(false);
    expect(fresh.reference.curve).toEqual(a.reference.curve);
    expect(fresh.reference.accuracy).toBe(a.reference.accuracy);
  });
});

describe('cnn-grade check with the reference kept secret', () => {
  it('shows neither the reference layer table nor its sequence', () => {
    const file = path.join(tempDir(), 'secret.yaml');
    fs.writeFileSync(file, fs.readFileSync(RUBRIC, 'utf8').replace('    reference: lenet5\n', '    reference: lenet5\n    revealReference: false\n'));
    const out = tempDir();
    const r = cnnGrade('check', fixture('wrong-kernel'), '--rubric', file, '--out', out, '--no-train', '--json');
    const layers = JSON.parse(r.stdout).tests[0];
    expect(layers.output).toContain('Expected: 8 layers\n');
    expect(layers.output).toContain('conv2d_2: kernelSize [3,3], expected [5,5]');
    const html = fs.readFileSync(path.join(out, 'report.html'), 'utf8');
    // The reference names its layers c1, s2, c3, s4, c5, f6; the student's are conv2d_1 and so on.
    expect(html).not.toMatch(/<span class="layer-name">f6<\/span>/);
    expect(html).toMatch(/<span class="layer-name">conv2d_2<\/span>/);
  });
});

describe('cnn-grade check in student mode', () => {
  /** The shipped rubric with its parameter check hidden from students. */
  function rubricWithHiddenCheck(): string {
    const text = fs.readFileSync(RUBRIC, 'utf8').replace("name: Parameter count equals LeNet-5's (61,706)", 'name: Secret parameter audit\n        visibility: hidden');
    const file = path.join(tempDir(), 'hidden.yaml');
    fs.writeFileSync(file, text);
    return file;
  }

  it('runs and shows only visible checks; hidden ones are never named', () => {
    const out = tempDir();
    const r = cnnGrade('check', fixture('wrong-kernel'), '--rubric', rubricWithHiddenCheck(), '--out', out, '--no-train');
    expect(r.code).toBe(0);
    const everything = [r.stdout, r.stderr, ...fs.readdirSync(out).map((f) => fs.readFileSync(path.join(out, f), 'utf8'))].join('\n');
    expect(everything).not.toContain('Secret parameter audit');
    expect(r.stdout).toContain('Score: 36.25 / 80');
  });

  it('runs every check with --all, each with its visibility in results.json', () => {
    const r = cnnGrade('check', fixture('wrong-kernel'), '--rubric', rubricWithHiddenCheck(), '--out', tempDir(), '--no-train', '--all', '--json');
    const tests = JSON.parse(r.stdout).tests as Array<{ name: string; visibility: string; max_score: number }>;
    expect(tests.find((t) => t.name.endsWith('Secret parameter audit'))).toMatchObject({ visibility: 'hidden', max_score: 20 });
  });
});

describe('cnn-grade check on a model far costlier than the reference', () => {
  it('does not train it, and says why', () => {
    const dir = tempDir();
    fs.writeFileSync(
      path.join(dir, 'models.ts'),
      [
        `import * as tf from '@tensorflow/tfjs';`,
        `// Three 3x3 convolutions of 256 filters at full 28x28 resolution: about 2,000 times LeNet-5's work per image.`,
        `export function buildLeNet5(opts: { inputShape: number[]; numClasses: number }): tf.LayersModel {`,
        `  const conv = (first: boolean) => tf.layers.conv2d({ ...(first ? { inputShape: opts.inputShape } : {}), filters: 256, kernelSize: 3, padding: 'same', activation: 'relu' });`,
        `  return tf.sequential({ layers: [conv(true), conv(false), conv(false), tf.layers.globalAveragePooling2d({}), tf.layers.dense({ units: opts.numClasses, activation: 'softmax' })] });`,
        `}`,
      ].join('\n'),
    );
    const r = cnnGrade('check', dir, '--rubric', tinyRubric(), '--out', tempDir(), '--json');
    expect(r.code).toBe(0);
    const training = JSON.parse(r.stdout).tests.find((t: { name: string }) => t.name.includes('training'));
    expect(training).toMatchObject({ score: 0, status: 'failed' });
    expect(training.output).toMatch(/training did not run: the model needs \d+ times the reference's multiply-adds per image; this lab trains models up to 20 times/);
  });
});

describe('cnn-grade check on hostile folders and names', () => {
  it('refuses to write through a committed cnn-grade-out link, leaving the linked folder as it was', () => {
    // The submission commits cnn-grade-out as a link to another student's results; `check .` is run inside it.
    const submission = tempDir();
    fs.copyFileSync(path.join(fixture('correct'), 'models.ts'), path.join(submission, 'models.ts'));
    const victim = tempDir();
    fs.writeFileSync(path.join(victim, 'results.json'), '{"score": 97}\n');
    fs.symlinkSync(victim, path.join(submission, 'cnn-grade-out'));
    const r = spawnSync(process.execPath, [CLI, 'check', '.', '--rubric', RUBRIC, '--no-train'], { cwd: submission, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', CNN_GRADE_CACHE: CACHE } });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`${path.join(fs.realpathSync(submission), 'cnn-grade-out')} is a symbolic link in the submission (to ${victim})`);
    expect(fs.readdirSync(victim)).toEqual(['results.json']);
    expect(fs.readFileSync(path.join(victim, 'results.json'), 'utf8')).toBe('{"score": 97}\n');
  });

  it('prints a layer name that forges a full score and sets the clipboard as one inert line', () => {
    const r = cnnGrade('check', path.join(ROOT, 'fixtures', 'hostile', 'forged-score-name'), '--rubric', RUBRIC, '--out', tempDir(), '--no-train');
    expect(r.code).toBe(0);
    // No ESC or BEL reaches the terminal, from the summary or the progress lines.
    for (const stream of [r.stdout, r.stderr]) {
      expect(stream).not.toContain('\x1b');
      expect(stream).not.toContain('\x07');
    }
    // One score line, the real one; no line that starts as a passed 40/40 check.
    const lines = r.stdout.split('\n');
    expect(lines.filter((l) => /^\s*Score:/.test(l))).toHaveLength(1);
    expect(lines.filter((l) => /^\s*Score:/.test(l))[0]).not.toContain('100 / 100');
    expect(lines.filter((l) => /^\s*✓ Brief training/.test(l))).toEqual([]);
  });
});
