// The Conv2D layers training rebuilds: dilated convolutions train (tfjs has no gradient for
// them), with gradients checked against the convolution's definition written out as loops.

import { GraphBuilder } from '../../reference/graph_builder';
import { tf } from '../tfjs';
import { useBackend } from './backends';
import { seedTopology } from './seeded_topology';
import { spreadFilter } from './training_convolutions';
import { buildTrainingModel } from './train_model';
import { crossEntropy } from './training_step';

it('spreads a 2x2 filter at rate 2 to 3x3 with zeros between the taps', () => {
  const spread = spreadFilter(tf.tensor4d([1, 2, 3, 4], [2, 2, 1, 1]), [2, 2]);
  expect(spread.shape).toEqual([3, 3, 1, 1]);
  expect(Array.from(spread.dataSync())).toEqual([1, 0, 2, 0, 0, 0, 3, 0, 4]);
});

/**
 * y[n][oh][ow][co] = sum of x[n][oh - pad + kh*rate][ow - pad + kw*rate][ci] * w[kh][kw][ci][co]
 * (stride 1). With L = sum of y * r, dL/dw and dL/dx are the sums below, term by term.
 */
function directGradients(x: tf.Tensor4D, w: tf.Tensor4D, r: tf.Tensor4D, rate: number, pad: number) {
  const [N, H, W, CI] = x.shape;
  const [KH, KW, , CO] = w.shape;
  const [, OH, OW] = r.shape;
  const xs = x.arraySync(), ws = w.arraySync(), rs = r.arraySync();
  const dw = ws.map((a) => a.map((b) => b.map((c) => c.map(() => 0))));
  const dx = xs.map((a) => a.map((b) => b.map((c) => c.map(() => 0))));
  for (let n = 0; n < N; n++)
    for (let oh = 0; oh < OH; oh++)
      for (let ow = 0; ow < OW; ow++)
        for (let kh = 0; kh < KH; kh++)
          for (let kw = 0; kw < KW; kw++) {
            const ih = oh - pad + kh * rate, iw = ow - pad + kw * rate;
            if (ih < 0 || ih >= H || iw < 0 || iw >= W) continue;
            for (let ci = 0; ci < CI; ci++)
              for (let co = 0; co < CO; co++) {
                dw[kh][kw][ci][co] += xs[n][ih][iw][ci] * rs[n][oh][ow][co];
                dx[n][ih][iw][ci] += ws[kh][kw][ci][co] * rs[n][oh][ow][co];
              }
          }
  return { dw: dw.flat(3), dx: dx.flat(3) };
}

describe.each(['wasm', 'cpu'] as const)('a dilated convolution in training, on %s', (backend) => {
  beforeAll(async () => {
    await useBackend(backend);
  });

  it.each([
    ['same', 2, 2],
    ['valid', 3, 0],
  ] as const)('%s padding, rate %d: the stock forward pass, and gradients by definition', async (padding, rate, pad) => {
    const g = new GraphBuilder('dilated');
    const conv = g.layer('Conv2D', { filters: 3, kernel_size: [3, 3], strides: [1, 1], padding, dilation_rate: [rate, rate], activation: 'linear', use_bias: false, data_format: 'channels_last' }, g.input([9, 8, 2]));
    const model = await buildTrainingModel(g.topology(conv), 1);
    try {
      const x = tf.randomNormal([2, 9, 8, 2], 0, 1, 'float32', 1) as tf.Tensor4D;
      const kernel = model.trainableWeights[0].read() as tf.Variable;
      const y = model.apply(x) as tf.Tensor4D;
      const stock = tf.conv2d(x, kernel as unknown as tf.Tensor4D, 1, padding, 'NHWC', rate);
      expect(y.shape).toEqual(stock.shape);
      expect(tf.max(tf.abs(tf.sub(y, stock))).dataSync()[0]).toBeLessThan(1e-5);

      const r = tf.randomNormal(y.shape, 0, 1, 'float32', 2) as tf.Tensor4D;
      const [dx, dw] = tf.grads((input: tf.Tensor) => tf.sum(tf.mul(model.apply(input) as tf.Tensor, r)))([x]).concat(
        tf.variableGrads(() => tf.sum(tf.mul(model.apply(x) as tf.Tensor, r)) as tf.Scalar, [kernel]).grads[kernel.name],
      );
      const expected = directGradients(x, kernel as unknown as tf.Tensor4D, r, rate, pad);
      Array.from(dw.dataSync()).forEach((v, i) => expect(v).toBeCloseTo(expected.dw[i], 3));
      Array.from(dx.dataSync()).forEach((v, i) => expect(v).toBeCloseTo(expected.dx[i], 3));
    } finally {
      model.dispose();
    }
  });
});

describe.each(['cpu', 'wasm'] as const)('the rebuilt convolutions against the stock layers, same weights, on %s', (backend) => {
  beforeAll(async () => {
    await useBackend(backend);
  });

  it('gives the same outputs and weight gradients for relu, tanh, linear without bias, a sigmoid after, and the input layer', async () => {
    const g = new GraphBuilder('rebuilt');
    let x = g.conv2d(g.input([10, 10, 2]), { filters: 8, kernelSize: 3, padding: 'same', activation: 'relu' });
    x = g.conv2d(x, { filters: 8, kernelSize: 3, padding: 'same', activation: 'tanh' });
    x = g.conv2d(x, { filters: 5, kernelSize: 5, padding: 'valid', activation: 'sigmoid' });
    x = g.conv2d(x, { filters: 4, kernelSize: 2, strides: 2, activation: 'linear', useBias: false });
    const topology = g.topology(g.dense(g.flatten(x), { units: 10, activation: 'softmax' }));
    // The stock model: the same seeded weights, tfjs' own Conv2D layers and gradients.
    const stock = await tf.models.modelFromJSON({ modelTopology: seedTopology(topology, 4) as unknown as tf.io.ModelJSON['modelTopology'] });
    const rebuilt = await buildTrainingModel(topology, 4);
    try {
      const input = tf.randomUniform([3, 10, 10, 2], 0, 1, 'float32', 6);
      const labels = tf.oneHot(tf.tensor1d([1, 4, 9], 'int32'), 10);
      const run = (model: tf.LayersModel) => {
        const variables = model.trainableWeights.map((w) => w.read() as tf.Variable);
        const { value, grads } = tf.variableGrads(() => crossEntropy(labels, model.apply(input, { training: true }) as tf.Tensor), variables);
        return [value, ...variables.map((v) => grads[v.name])].map((t) => Array.from(t.dataSync()));
      };
      const expected = run(stock);
      const actual = run(rebuilt);
      expect(actual.length).toBe(expected.length);
      actual.forEach((values, i) => values.forEach((v, j) => expect(v).toBeCloseTo(expected[i][j], 5)));
    } finally {
      stock.dispose();
      rebuilt.dispose();
    }
  });
});
