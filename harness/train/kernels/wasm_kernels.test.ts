// Every kernel the harness registers on wasm, checked against tfjs' pure-JS cpu backend (an
// independent implementation of the same ops) on the same inputs.

import { tf } from '../../tfjs';
import { useBackend } from '../backends';
import { activationGradient } from '../activation_gradient';
import { ADAM_STEP_KERNEL } from './kernel_names';

/** Runs f on a backend and returns its outputs' values. */
async function on(backend: 'cpu' | 'wasm', f: () => tf.Tensor | tf.Tensor[]): Promise<Float32Array[]> {
  await tf.setBackend(backend);
  return tf.tidy(() => {
    const out = f();
    return (Array.isArray(out) ? out : [out]).map((t) => t.dataSync() as Float32Array);
  });
}

/**
 * The largest difference relative to the largest value (absolute below 1). Sums of thousands
 * of float32 terms in another order differ by a few units in the last place of the result's
 * scale, not of each element's, so that is the scale to compare at.
 */
function worstError(a: Float32Array, b: Float32Array): number {
  expect(a.length).toBe(b.length);
  let worst = 0;
  let scale = 1;
  for (let i = 0; i < a.length; i++) {
    worst = Math.max(worst, Math.abs(a[i] - b[i]));
    scale = Math.max(scale, Math.abs(b[i]));
  }
  return worst / scale;
}

async function expectSameOnBoth(f: () => tf.Tensor | tf.Tensor[], tolerance = 1e-5): Promise<void> {
  const cpu = await on('cpu', f);
  const wasm = await on('wasm', f);
  cpu.forEach((c, i) => expect(worstError(wasm[i], c)).toBeLessThan(tolerance));
}

const normal = (shape: number[], seed: number) => tf.randomNormal(shape, 0, 1, 'float32', seed);

beforeAll(async () => {
  await useBackend('wasm');
});

describe('convolution gradients (Conv2DBackpropFilter, Conv2DBackpropInput)', () => {
  const cases: Array<[string, number[], number[], number, 'valid' | 'same']> = [
    // [label, x shape NHWC, filter HWIO, stride, padding]
    ['LeNet C1: 1 channel, 5x5 same', [2, 28, 28, 1], [5, 5, 1, 6], 1, 'same'],
    ['LeNet C3: 6 to 16, 5x5 valid', [2, 14, 14, 6], [5, 5, 6, 16], 1, 'valid'],
    ['batch 1, odd sizes, 3x3 same', [1, 7, 9, 3], [3, 3, 3, 5], 1, 'same'],
    ['stride 2, 5x5 same', [2, 11, 10, 4], [5, 5, 4, 8], 2, 'same'],
    ['stride 2, 3x3 valid, many channels', [2, 9, 9, 12], [3, 3, 12, 20], 2, 'valid'],
    ['stride 4, 11x11 valid (AlexNet C1 shape)', [1, 31, 31, 3], [11, 11, 3, 4], 4, 'valid'],
    ['1x1, 1 channel in and out', [3, 4, 4, 1], [1, 1, 1, 1], 1, 'valid'],
    ['non-square kernel, channel tails 7 to 9', [2, 8, 6, 7], [3, 1, 7, 9], 1, 'same'],
    // One input channel at stride 1 has its own filter-gradient path (3, 5 and 7 wide).
    ['1 channel to 3, 3x3 valid, odd sizes', [2, 9, 7, 1], [3, 3, 1, 3], 1, 'valid'],
    ['1 channel to 8, 7x7 same', [1, 10, 12, 1], [7, 7, 1, 8], 1, 'same'],
  ];
  it.each(cases)('%s', async (_label, xShape, wShape, stride, pad) => {
    await expectSameOnBoth(() => {
      const x = normal(xShape, 1) as tf.Tensor4D;
      const w = normal(wShape, 2) as tf.Tensor4D;
      const grads = tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, stride, pad), normal(tf.conv2d(x, w, stride, pad).shape, 3))));
      return grads([x, w]);
    });
  });
});

describe('depthwise convolution gradients (DepthwiseConv2dNativeBackpropFilter, -Input)', () => {
  const cases: Array<[string, number[], number[], number, 'valid' | 'same']> = [
    // [label, x shape NHWC, filter [kh, kw, channels, multiplier], stride, padding]
    ['3x3 same, 8 channels (MobileNet-like)', [2, 10, 10, 8], [3, 3, 8, 1], 1, 'same'],
    ['3x3 stride 2 same, channel tail 7', [2, 9, 11, 7], [3, 3, 7, 1], 2, 'same'],
    ['5x5 valid, 1 channel', [3, 12, 12, 1], [5, 5, 1, 1], 1, 'valid'],
    ['non-square 3x1, stride 2 valid, 5 channels', [1, 8, 7, 5], [3, 1, 5, 1], 2, 'valid'],
    ['multiplier 2, 3x3 same', [2, 6, 6, 3], [3, 3, 3, 2], 1, 'same'],
    ['multiplier 3, 2x2 stride 2 valid', [1, 7, 7, 4], [2, 2, 4, 3], 2, 'valid'],
  ];
  it.each(cases)('%s', async (_label, xShape, wShape, stride, pad) => {
    await expectSameOnBoth(() => {
      const x = normal(xShape, 1) as tf.Tensor4D;
      const w = normal(wShape, 2) as tf.Tensor4D;
      const out = tf.depthwiseConv2d(x, w, stride, pad);
      const grads = tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(tf.depthwiseConv2d(a as tf.Tensor4D, b as tf.Tensor4D, stride, pad), normal(out.shape, 3))));
      return grads([x, w]);
    });
  });
});

describe('3x3 stride-1 convolutions by Winograd F(4x4, 3x3): forward and both gradients', () => {
  // Winograd's transforms add and subtract values up to 8 times their inputs' size before the
  // product, so float32 rounding is larger than a direct sum's; Lavin and Gray report F(4x4, 3x3)
  // errors around 1e-5 of the output's scale, which is the tolerance here (four times the direct one).
  const cases: Array<[string, number[], number, 'valid' | 'same']> = [
    // [label, x shape NHWC, output channels, padding]
    ['VGG lab block 2: 16x16, 32 to 64, same', [2, 16, 16, 32], 64, 'same'],
    ['valid padding, sizes not multiples of 4', [2, 11, 13, 8], 12, 'valid'],
    ['batch 1, channel tails 9 to 10, same', [1, 7, 5, 9], 10, 'same'],
    ['a single 3x3 input, 8 to 8, valid (one output)', [3, 3, 3, 8], 8, 'valid'],
    ['more tiles than one chunk holds (455 at 8 channels): 8 images of 32x32', [8, 32, 32, 8], 8, 'same'],
  ];
  it.each(cases)('%s', async (_label, xShape, outChannels, pad) => {
    await expectSameOnBoth(() => {
      const x = normal(xShape, 1) as tf.Tensor4D;
      const w = normal([3, 3, xShape[3], outChannels], 2) as tf.Tensor4D;
      const bias = normal([outChannels], 4) as tf.Tensor1D;
      const y = tf.conv2d(x, w, 1, pad);
      const weights = normal(y.shape, 3);
      const grads = tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, 1, pad), weights)));
      return [y, tf.fused.conv2d({ x, filter: w, strides: 1, pad, bias, activation: 'relu' }), ...grads([x, w])];
    }, 4e-5);
  });
});

describe('3x3 stride-1 convolutions by Winograd: what it must not take or must handle', () => {
  it('handles explicit, uneven padding (3 above, which makes the input gradient pad by -1)', async () => {
    const pad: [[number, number], [number, number], [number, number], [number, number]] = [[0, 0], [3, 0], [1, 2], [0, 0]];
    await expectSameOnBoth(() => {
      const x = normal([2, 9, 10, 8], 1) as tf.Tensor4D;
      const w = normal([3, 3, 8, 8], 2) as tf.Tensor4D;
      const weights = normal(tf.conv2d(x, w, 1, pad).shape, 3);
      return [tf.conv2d(x, w, 1, pad), ...tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, 1, pad), weights)))([x, w])];
    }, 4e-5);
  });

  it('leaves a bias that is not one value per output channel to the stock kernel, which refuses it', async () => {
    await tf.setBackend('wasm');
    const convolve = () => tf.fused.conv2d({ x: tf.ones([1, 8, 8, 8]) as tf.Tensor4D, filter: tf.ones([3, 3, 8, 8]) as tf.Tensor4D, bias: tf.tensor1d([1]), strides: 1, pad: 'same' });
    expect(convolve).toThrow('FusedConv2D bias shape (1) does not match the number of output channels (8)');
  });
});

describe('tanh', () => {
  it('matches cpu from -20 to 20, at 0 and near 0', async () => {
    const values = [...Array.from({ length: 4001 }, (_, i) => -20 + i / 100), 0, 1e-8, -1e-8, 0.1249, 0.1251, 87, -87, 1e6];
    await expectSameOnBoth(() => tf.tanh(tf.tensor1d(values)), 2e-7);
  });

  it('has the gradient of cpu', async () => {
    await expectSameOnBoth(() => tf.grad((x: tf.Tensor) => tf.sum(tf.tanh(x)))(normal([1001], 4)), 1e-6);
  });
});

describe('activation gradients from the output (the kernel on wasm, tfjs ops on cpu)', () => {
  it.each(['relu', 'tanh'] as const)('%s, over an odd length with zeros', async (activation) => {
    await expectSameOnBoth(() => {
      const z = tf.concat([normal([1001], 30), tf.zeros([3])]);
      const y = activation === 'relu' ? tf.relu(z) : tf.tanh(z);
      return activationGradient(activation, normal([1004], 31), y);
    }, 1e-6);
  });
});

describe('average pooling gradient', () => {
  it.each([
    [[2, 28, 28, 6], 2, 2, 'valid'],
    [[1, 9, 7, 3], 3, 2, 'valid'],
    [[2, 10, 10, 5], 3, 1, 'same'],
  ] as Array<[number[], number, number, 'valid' | 'same']>)('x %j pool %d stride %d %s', async (shape, size, stride, pad) => {
    await expectSameOnBoth(() => tf.grad((x: tf.Tensor) => tf.sum(tf.mul(tf.avgPool(x as tf.Tensor4D, size, stride, pad), 3)))(normal(shape, 5)));
  });
});

describe('matrix products with transposed operands', () => {
  it.each([
    [false, false],
    [true, false],
    [false, true],
    [true, true],
  ])('transposeA %s, transposeB %s, plain and fused with bias and relu', async (ta, tb) => {
    await expectSameOnBoth(() => {
      const a = normal(ta ? [7, 5] : [5, 7], 6) as tf.Tensor2D;
      const b = normal(tb ? [3, 7] : [7, 3], 7) as tf.Tensor2D;
      const bias = normal([3], 8);
      return [tf.matMul(a, b, ta, tb), tf.fused.matMul({ a, b, transposeA: ta, transposeB: tb, bias, activation: 'relu' })];
    });
  });

  it('in a batch of matrices', async () => {
    await expectSameOnBoth(() => tf.matMul(normal([2, 6, 4], 9) as tf.Tensor3D, normal([2, 5, 6], 10) as tf.Tensor3D, true, true));
  });
});

describe('fused Adam step', () => {
  it('updates weights and moments as tf.train.adam does, over three steps', async () => {
    const lr = 0.01;
    const [b1, b2, eps] = [0.9, 0.999, 1e-7];
    const grads = [normal([37], 11), normal([37], 12), normal([37], 13)];
    const initial = normal([37], 14);
    // tf.train.adam on cpu.
    await tf.setBackend('cpu');
    const w = tf.variable(initial.clone());
    const adam = tf.train.adam(lr, b1, b2, eps);
    for (const g of grads) adam.applyGradients([{ name: w.name, tensor: g }]);
    const expected = w.dataSync() as Float32Array;
    // The fused kernel on wasm, with the bias corrections of steps 1, 2, 3.
    await tf.setBackend('wasm');
    let [cw, m, v] = [tf.tensor(initial.dataSync()), tf.zeros([37]), tf.zeros([37])];
    for (let t = 1; t <= 3; t++) {
      const attrs = { lr, beta1: b1, beta2: b2, epsilon: eps, c1: 1 / (1 - b1 ** t), c2: 1 / (1 - b2 ** t) };
      const g = tf.tensor(grads[t - 1].dataSync());
      [cw, m, v] = tf.engine().runKernel(ADAM_STEP_KERNEL, { w: cw, g, m, v }, attrs) as tf.Tensor[];
    }
    expect(worstError(cw.dataSync() as Float32Array, expected)).toBeLessThan(1e-6);
  });
});

describe('max pooling gradient', () => {
  it.each([
    [[2, 32, 32, 8], 2, 2, 'valid'],
    [[1, 9, 7, 5], 3, 2, 'valid'],
    [[2, 10, 10, 6], 3, 1, 'same'],
  ] as Array<[number[], number, number, 'valid' | 'same']>)('x %j pool %d stride %d %s', async (shape, size, stride, pad) => {
    await expectSameOnBoth(() => tf.grad((x: tf.Tensor) => tf.sum(tf.mul(tf.maxPool(x as tf.Tensor4D, size, stride, pad), normal(tf.maxPool(x as tf.Tensor4D, size, stride, pad).shape, 3))))(normal(shape, 5)));
  });

  it('pools 3x3 windows at stride 3 that tile the input (the tiled general path)', async () => {
    await expectSameOnBoth(() => tf.grad((x: tf.Tensor) => tf.sum(tf.mul(tf.maxPool(x as tf.Tensor4D, 3, 3, 'valid'), normal([2, 3, 4, 5], 3))))(normal([2, 9, 12, 5], 5)));
  });

  // 4 channels take the unrolled 2x2 path, 3 the general one.
  it.each([3, 4])('gives a tie to the first maximum in the window, as cpu does (%d channels)', async (channels) => {
    // Every input equal: the whole gradient goes to each window's first element.
    await expectSameOnBoth(() => tf.grad((x: tf.Tensor) => tf.sum(tf.maxPool(x as tf.Tensor4D, 2, 2, 'valid')))(tf.ones([1, 4, 4, channels])));
  });
});

describe('Identity', () => {
  it('shares the data (no copy), and a variable assigned afterwards leaves the copy as it was', async () => {
    await tf.setBackend('wasm');
    const v = tf.variable(tf.tensor1d([1, 2, 3]));
    const kept = tf.engine().runKernel('Identity', { x: v }, {}) as tf.Tensor;
    expect(kept.dataId).toBe(v.dataId);
    v.assign(tf.tensor1d([7, 8, 9]));
    expect(Array.from(kept.dataSync())).toEqual([1, 2, 3]);
    expect(Array.from(v.dataSync())).toEqual([7, 8, 9]);
    kept.dispose();
    v.dispose();
  });
});

describe('sums over all axes but the last (bias gradients)', () => {
  it.each([[[64, 7, 5, 6]], [[3, 10]], [[2, 3, 4, 9]]])('x %j, with and without keepDims', async (shape) => {
    await expectSameOnBoth(() => {
      const x = normal(shape, 21);
      const axes = shape.slice(0, -1).map((_, i) => i);
      return [tf.sum(x, axes), tf.sum(x, axes, true), tf.sum(x, 0), tf.sum(x)];
    });
  });
});
