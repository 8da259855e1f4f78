import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { RubricError } from '../errors';
import { loadRubric, parseRubric } from './load_rubric';

const shipped = fs.readFileSync(path.resolve(__dirname, '../../rubrics/lenet5-mnist.yaml'), 'utf8');

/** The 1-based line of the shipped rubric that contains `text`. */
const lineOf = (text: string) => shipped.split('\n').findIndex((l) => l.includes(text)) + 1;

function errorOf(text: string): RubricError {
  try {
    parseRubric(text, 'lab.yaml');
  } catch (error) {
    if (error instanceof RubricError) return error;
    throw error;
  }
  throw new Error('expected a RubricError');
}

describe('loadRubric', () => {
  it('reads the shipped LeNet-5 rubric with 100 points in four checks', () => {
    const rubric = parseRubric(shipped, 'lenet5-mnist.yaml');
    expect(rubric.tasks[0].checks.map((c) => c.kind)).toEqual(['layers', 'params', 'output_shape', 'training']);
    expect(rubric.tasks[0].checks.reduce((s, c) => s + c.points, 0)).toBe(100);
  });

  it('names the place of a wrong value', () => {
    const error = errorOf(shipped.replace('points: 20', 'points: twenty'));
    expect(error.message).toBe(`lab.yaml (tasks[0].checks[1].points, line ${lineOf('points: 20')}): expected number, found "twenty"`);
  });

  it('rejects unknown keys instead of ignoring them', () => {
    const error = errorOf(shipped.replace('points: 10', 'pionts: 10'));
    expect(error.where).toBe(`tasks[0].checks[2], line ${lineOf('points: 10')}`);
    expect(error.problem).toMatch(/unknown key "pionts"/);
  });

  it('names a missing key', () => {
    const error = errorOf(shipped.replace(/^ {4}export: buildLeNet5\n/m, ''));
    // Missing: the line of the task that lacks it.
    expect(error.message).toBe(`lab.yaml (tasks[0].export, line ${lineOf('- id: lenet5')}): missing; expected string`);
  });

  it('gives the line of a YAML syntax error', () => {
    expect(errorOf('title: "x\ntasks: [').message).toMatch(/^lab\.yaml \(line \d+, column \d+\): not valid YAML/);
  });

  it('says when the file does not exist', () => {
    const missing = path.join(os.tmpdir(), 'no-such-rubric.yaml');
    expect(() => loadRubric(missing)).toThrow(`${missing}: no such file`);
  });
});

describe("README's rubric reference", () => {
  it('is a valid rubric with every check kind', () => {
    const readme = fs.readFileSync(path.resolve(__dirname, '../../README.md'), 'utf8');
    const example = readme.split('A complete example')[1].split('```yaml\n')[1].split('```')[0];
    const rubric = parseRubric(example, 'README.md');
    const kinds = new Set(rubric.tasks[0].checks.map((c) => c.kind));
    expect([...kinds].sort()).toEqual(['depth', 'input_shape', 'layer_classes', 'layers', 'output_shape', 'params', 'training']);
    expect(rubric.late).toEqual({ percentPerDay: 10, capPercent: 50, graceMinutes: 15 });
  });
});

describe('rubric problems the schema alone cannot see', () => {
  it('refuses arguments the reference cannot take', () => {
    const error = errorOf(shipped.replace('inputShape: [28, 28, 1]', 'inputShape: [28, 28]'));
    expect(error.where).toBe(`tasks[0].args, line ${lineOf('args:')}`);
    expect(error.problem).toMatch(/^the reference lenet5 cannot take these arguments: .*image input/);
  });

  it('refuses a data set the task cannot train on', () => {
    const error = errorOf(shipped.replace('inputShape: [28, 28, 1]', 'inputShape: [32, 32, 1]'));
    expect(error.where).toBe(`tasks[0].train.dataset, line ${lineOf('dataset: mnist')}`);
    expect(error.problem).toBe("mnist has 28x28x1 images in 10 classes; the task's args ask for 32x32x1 and 10");
  });

  it('refuses a layer class tfjs does not have (Conv2d for Conv2D)', () => {
    const text = shipped.replace('      - kind: output_shape', '      - kind: layer_classes\n        points: 1\n        required: [Conv2d]\n      - kind: output_shape');
    expect(errorOf(text).where).toMatch(/^tasks\[0\]\.checks\[2\]\.required\[0\], line \d+$/);
  });
});

describe('a task with its expected layers written out', () => {
  const inline = (task: string) => `title: Lab\ntasks:\n  - id: tiny\n    export: build\n    args: { inputShape: [28, 28, 1], numClasses: 10 }\n${task}    checks: [{ kind: layers, points: 1 }]\n`;

  it('is graded against those layers', async () => {
    const rubric = parseRubric(
      inline('    expected:\n      - { class: Conv2D, filters: 8, kernelSize: 3, activation: relu }\n      - { class: MaxPooling2D, poolSize: 2 }\n      - { class: Flatten }\n      - { class: Dense, units: 10, activation: softmax }\n'),
      'lab.yaml',
    );
    const { taskReferenceTopology } = await import('../../reference');
    const { summarize } = await import('../model/summarize');
    const summary = summarize(taskReferenceTopology(rubric.tasks[0]));
    // Conv 3*3*1*8+8 = 80; 26x26 pooled to 13x13x8 = 1,352 inputs; dense 1,352*10+10 = 13,530.
    expect(summary.totalParams).toBe(80 + 13_530);
  });

  it('refuses misspelt arguments, unknown activations and an output that is not the classes', () => {
    const typo = errorOf(inline('    expected:\n      - { class: Flatten }\n      - { class: Dense, units: 10, activaton: softmax }\n'));
    expect(typo.where).toMatch(/^tasks\[0\]\.expected\[1\], line \d+$/);
    expect(typo.problem).toBe('unknown argument activaton for Dense; it takes units, activation, useBias (and name)');
    expect(errorOf(inline('    expected:\n      - { class: Flatten }\n      - { class: Dense, units: 10, activation: bogus }\n')).problem).toMatch(/activation is "bogus", expected one of tfjs' activations/);
    expect(errorOf(inline('    expected:\n      - { class: Flatten }\n      - { class: Dense, units: 7 }\n')).problem).toMatch(/end in \[null,7\], not one score for each of args\.numClasses = 10 classes/);
  });

  it('needs a reference or expected layers, not both', () => {
    expect(errorOf(inline('')).problem).toMatch(/give either reference: .* or expected:/);
    expect(errorOf(inline('    reference: lenet5\n    expected: [{ class: Flatten }]\n')).problem).toMatch(/not both/);
  });

  it('names expected layers that do not make a model', () => {
    const error = errorOf(inline('    expected:\n      - { class: Flatten }\n      - { class: Conv2D, filters: 4, kernelSize: 3 }\n'));
    expect(error.where).toMatch(/^tasks\[0\]\.expected, line \d+$/);
    expect(error.problem).toMatch(/the expected layers do not make a model: .*needs an image input/);
  });
});

describe('data sets in rubrics', () => {
  it('does not look at the data when nothing will train', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cnn-grade-rubric-data-'));
    const file = path.join(dir, 'lab.yaml');
    fs.writeFileSync(file, shipped.replace('dataset: mnist', 'dataset: { cifar10: ./not-here }'));
    expect(loadRubric(file, { checkData: false }).tasks[0].train?.dataset).toEqual({ cifar10: path.join(dir, 'not-here') });
    expect(() => loadRubric(file)).toThrow(/data_batch_1\.bin: cannot be read \(ENOENT\)/);
  });

  it('resolves paths against the rubric and checks the data fits the task', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cnn-grade-rubric-data-'));
    const file = path.join(dir, 'lab.yaml');
    const cifar = path.join(dir, 'cifar-10-batches-bin');
    fs.mkdirSync(cifar);
    for (const f of ['data_batch_1', 'data_batch_2', 'data_batch_3', 'data_batch_4', 'data_batch_5', 'test_batch']) fs.writeFileSync(path.join(cifar, `${f}.bin`), Buffer.alloc(3073));
    fs.writeFileSync(file, shipped.replace('dataset: mnist', 'dataset: { cifar10: ./cifar-10-batches-bin }'));
    // LeNet-5 on 28x28x1 cannot train on CIFAR-10's 32x32x3 images.
    expect(() => loadRubric(file)).toThrow(/cifar10 has 32x32x3 images in 10 classes; the task's args ask for 28x28x1 and 10/);
    fs.writeFileSync(file, shipped.replace('dataset: mnist', 'dataset: { imageFolder: { train: ./nowhere, test: ./nowhere } }'));
    expect(() => loadRubric(file)).toThrow(`${path.join(dir, 'nowhere')}: cannot be read (ENOENT)`);
  });
});
