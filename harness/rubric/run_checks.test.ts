import { lenet5Topology } from '../../reference/lenet5';
import { tf } from '../tfjs';
import { summarize } from '../model/summarize';
import { summaryOf } from '../test_support';
import type { TrainRun } from '../types';
import { runChecks } from './run_checks';
import { parseRubric } from './load_rubric';
import * as fs from 'node:fs';
import * as path from 'node:path';

const rubric = parseRubric(fs.readFileSync(path.resolve(__dirname, '../../rubrics/lenet5-mnist.yaml'), 'utf8'), 'lenet5-mnist.yaml');
const task = rubric.tasks[0];
const reference = summarize(lenet5Topology());

/** LeNet-5 with options to get one thing wrong. */
function lenet(opts: { conv2Kernel?: number; extraDense?: boolean; separateActivations?: boolean; outputActivation?: 'relu' } = {}) {
  const act = opts.separateActivations ? 'linear' : 'tanh';
  const layers = [
    tf.layers.conv2d({ inputShape: [28, 28, 1], filters: 6, kernelSize: 5, padding: 'same', activation: act, name: 'conv2d_1' }),
    ...(opts.separateActivations ? [tf.layers.activation({ activation: 'tanh' })] : []),
    tf.layers.averagePooling2d({ poolSize: 2, name: 'pool_1' }),
    tf.layers.conv2d({ filters: 16, kernelSize: opts.conv2Kernel ?? 5, activation: 'tanh', name: 'conv2d_2' }),
    tf.layers.averagePooling2d({ poolSize: 2, name: 'pool_2' }),
    tf.layers.flatten({ name: 'flatten' }),
    tf.layers.dense({ units: 120, activation: 'tanh', name: 'dense_1' }),
    ...(opts.extraDense ? [tf.layers.dense({ units: 100, activation: 'tanh', name: 'dense_extra' })] : []),
    tf.layers.dense({ units: 84, activation: 'tanh', name: 'dense_2' }),
    tf.layers.dense({ units: 10, activation: opts.outputActivation ?? 'softmax', name: 'dense_3' }),
  ];
  return summaryOf(tf.sequential({ layers }));
}

const train = (studentAccuracy: number, referenceAccuracy: number): TrainRun => {
  const result = (accuracy: number) => ({ accuracy, finalLoss: 0.5, curve: [], steps: 300, seconds: 1, evalImages: 1000 });
  return { backend: 'cpu', seconds: 2, dataset: 'mnist', batchSize: 64, steps: 300, evalImages: 2000, seed: 1, student: result(studentAccuracy), reference: result(referenceAccuracy), referenceCached: false, findings: [] };
};

const byKind = (results: ReturnType<typeof runChecks>) => Object.fromEntries(results.map((r) => [r.kind, r]));

describe('runChecks on the LeNet-5 rubric', () => {
  it('gives a correct LeNet-5 every point', () => {
    const results = runChecks(task, { task, student: lenet({ separateActivations: true }), reference, train: train(0.9, 0.92) });
    expect(results.map((r) => [r.kind, r.score, r.status])).toEqual([
      ['layers', 30, 'passed'],
      ['params', 20, 'passed'],
      ['output_shape', 10, 'passed'],
      ['training', 40, 'passed'],
    ]);
  });

  it('names the layer and the field of a 3x3 second convolution, and the parameter difference', () => {
    const results = byKind(runChecks(task, { task, student: lenet({ conv2Kernel: 3 }), reference, train: train(0.9, 0.92) }));
    expect(results.layers.messages).toEqual(['conv2d_2: kernelSize [3,3], expected [5,5]']);
    // 7 of the 8 layers match exactly: 30 * 7/8.
    expect(results.layers.score).toBe(26.25);
    // conv2d_2: 3*3*6*16+16 = 880 instead of 2,416; the 12x12 map pools to 6x6x16 = 576
    // inputs for dense_1: 576*120+120 = 69,240 instead of 48,120. Total 81,290.
    expect(results.params.score).toBe(0);
    expect(results.params.messages).toEqual([
      '81,290 parameters, 19,584 more than the reference\'s 61,706',
      'conv2d_2: 880 parameters, expected 2,416',
      'dense_1: 69,240 parameters, expected 48,120',
    ]);
    expect(results.output_shape.score).toBe(10);
  });

  it('treats one extra layer as one difference, not a cascade', () => {
    const results = byKind(runChecks(task, { task, student: lenet({ extraDense: true }), reference }));
    expect(results.layers.messages).toEqual(['dense_extra: extra Dense 100 units tanh layer, not in the reference']);
    // 8 reference layers all matched, out of 9 student layers.
    expect(results.layers.score).toBe(Math.round((30 * 8) / 9 * 100) / 100);
  });

  it('scores training by accuracy relative to the reference, from chance upward', () => {
    const check = (acc: number) => byKind(runChecks(task, { task, student: reference, reference, train: train(acc, 0.9) })).training;
    // Target 0.9 * 0.9 = 0.81; chance 0.1.
    expect(check(0.81).score).toBe(40);
    expect(check(0.1).score).toBe(0);
    expect(check(0.455).score).toBe(20); // halfway from 0.1 to 0.81
  });

  it('takes the output points from a relu last layer: the shape is right, the outputs are not probabilities', () => {
    const results = byKind(runChecks(task, { task, student: lenet({ outputActivation: 'relu' }), reference }));
    expect(results.output_shape).toMatchObject({
      score: 0,
      status: 'failed',
      expected: '[null,10], probabilities (softmax)',
      found: '[null,10], activation relu',
      messages: ["the last layer's activation is relu: the outputs are not probabilities; use activation: 'softmax' in dense_3"],
    });
    // The layers check sees the same difference, once, in its own terms.
    expect(results.layers.messages).toEqual(['dense_3: activation relu, expected softmax']);
  });

  it('fails closed: no model, or no training, scores zero with the reason', () => {
    const noModel = runChecks(task, { noModel: 'models.ts:7:31: Unexpected ";"' });
    expect(noModel.every((r) => r.score === 0 && r.status === 'error')).toBe(true);
    expect(noModel[0].messages[0]).toMatch(/Unexpected ";"/);
    const untrained = byKind(runChecks(task, { task, student: reference, reference, trainSkipped: '--no-train was given' }));
    expect(untrained.training).toMatchObject({ score: 0, status: 'error', messages: ['training did not run: --no-train was given'] });
  });
});

describe('layer structure across spellings and mistakes', () => {
  it('keeps the parameter points of a ReLU, max-pooling LeNet-5 and names each changed layer', () => {
    const relu = summaryOf(
      tf.sequential({
        layers: [
          tf.layers.conv2d({ inputShape: [28, 28, 1], filters: 6, kernelSize: 5, padding: 'same', activation: 'relu', name: 'c1' }),
          tf.layers.maxPooling2d({ poolSize: 2, name: 'p1' }),
          tf.layers.conv2d({ filters: 16, kernelSize: 5, activation: 'relu', name: 'c2' }),
          tf.layers.maxPooling2d({ poolSize: 2, name: 'p2' }),
          tf.layers.flatten({ name: 'f' }),
          tf.layers.dense({ units: 120, activation: 'relu', name: 'd1' }),
          tf.layers.dense({ units: 84, activation: 'relu', name: 'd2' }),
          tf.layers.dense({ units: 10, activation: 'softmax', name: 'out' }),
        ],
      }),
    );
    const results = byKind(runChecks(task, { task, student: relu, reference }));
    expect(results.params.score).toBe(20);
    expect(results.layers.messages).toEqual([
      'c1: activation relu, expected tanh',
      'p1: pooling MaxPooling2D, expected AveragePooling2D',
      'c2: activation relu, expected tanh',
      'p2: pooling MaxPooling2D, expected AveragePooling2D',
      'd1: activation relu, expected tanh',
      'd2: activation relu, expected tanh',
    ]);
    // Flatten and the softmax output match exactly: 2 of 8 layers.
    expect(results.layers.score).toBe(7.5);
  });
});

describe('the other check kinds', () => {
  const rubricWith = (checks: string) =>
    parseRubric(
      `title: Lab\ntasks:\n  - id: net\n    export: build\n    args: { inputShape: [28, 28, 1], numClasses: 10 }\n    reference: lenet5\n    checks:\n${checks}`,
      'lab.yaml',
    ).tasks[0];

  it('layer_classes: required and forbidden classes, anywhere or before another class', () => {
    const t = rubricWith(
      '      - { kind: layer_classes, points: 5, required: [BatchNormalization], forbidden: [Dropout, { class: Dense, before: Flatten }] }\n      - { kind: layer_classes, points: 5, required: [Conv2D, Flatten], forbidden: [Dropout] }\n',
    );
    const [strict, lenient] = runChecks(t, { task: t, student: reference, reference });
    // LeNet-5 has no batch norm; its Dense layers all come after Flatten.
    expect(strict.messages).toEqual(['no BatchNormalization layer; the lab asks for one']);
    expect(lenient).toMatchObject({ score: 5, status: 'passed' });
    const denseFirst = summaryOf(tf.sequential({ layers: [tf.layers.dense({ inputShape: [28, 28, 1], units: 4, name: 'early' }), tf.layers.flatten(), tf.layers.dense({ units: 10 })] }));
    expect(runChecks(t, { task: t, student: denseFirst, reference })[0].messages).toContain('early: a Dense layer before the first Flatten, which the lab does not allow');
  });

  it('depth: LeNet-5 has five weight layers', () => {
    const t = rubricWith('      - { kind: depth, points: 5, min: 5, max: 5 }\n      - { kind: depth, points: 5, min: 6 }\n');
    const [exact, deeper] = runChecks(t, { task: t, student: reference, reference });
    expect(exact.score).toBe(5);
    expect(deeper.messages).toEqual(['5 weight layers, fewer than the 6 the lab asks for']);
  });

  it('params: a budget, a tolerance, trainable counts and per-layer counts', () => {
    const t = rubricWith(
      [
        '      - { kind: params, points: 1, max: 60000 }',
        '      - { kind: params, points: 1, tolerance: 0.5 }',
        '      - { kind: params, points: 1, count: trainable }',
        '      - { kind: params, points: 1, tolerance: 0.5, perLayer: true }',
        '',
      ].join('\n'),
    );
    const wrong = lenet({ conv2Kernel: 3 }); // 81,290 parameters, see above
    const [budget, tolerant, trainable, perLayer] = runChecks(t, { task: t, student: wrong, reference });
    expect(budget.messages).toEqual(['81,290 parameters, 21,290 over the budget of 60,000']);
    // Within 50% of 61,706 (up to 92,559).
    expect(tolerant.score).toBe(1);
    expect(trainable.messages[0]).toBe("81,290 trainable parameters, 19,584 more than the reference's 61,706");
    expect(perLayer.messages).toEqual(['conv2d_2: 880 parameters, expected 2,416', 'dense_1: 69,240 parameters, expected 48,120']);
  });

  it('output_shape without probabilities compares the shape only', () => {
    const t = rubricWith('      - { kind: output_shape, points: 2 }\n');
    expect(runChecks(t, { task: t, student: lenet({ outputActivation: 'relu' }), reference })[0]).toMatchObject({ score: 2, expected: '[null,10]', found: '[null,10]' });
  });

  it('input_shape: what the model takes', () => {
    const t = rubricWith('      - { kind: input_shape, points: 2 }\n');
    const wide = summaryOf(tf.sequential({ layers: [tf.layers.flatten({ inputShape: [32, 32, 1] }), tf.layers.dense({ units: 10 })] }));
    expect(runChecks(t, { task: t, student: wide, reference })[0].messages).toEqual(['the model takes [null,32,32,1], expected [null,28,28,1]']);
  });
});
