// The Conv2D layers training rebuilds: dilated convolutions train (tfjs has no gradient for
// them), with gradients checked against the convolution's definition written out as loops.

import { GraphBuilder } from '../../reference/graph_builder';
import { tf } from '../tfjs';
import { useBackend } from './backends';
import { spreadFilter } from './training_convolutions';
import { buildTrainingModel } from './train_model';

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
