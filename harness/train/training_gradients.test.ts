// Whole-model gradients on the wasm backend (with the harness's kernels and its training
// form of the model) against the pure-JS cpu backend, for each benchmark model.

import { GraphBuilder } from '../../reference/graph_builder';
import type { CanonicalTopology } from '../model/canonical_topology';
import { summarize } from '../model/summarize';
import { tf } from '../tfjs';
import { useBackend } from './backends';
import { BENCH_MODELS } from './benchmark';
import { buildTrainingModel } from './train_model';
import { crossEntropy } from './training_step';

/**
 * Convolutions in each form training rebuilds them: relu, tanh and linear fused, a sigmoid
 * applied after, no bias, a 3x3 at 8 channels (Winograd on wasm), and the input's own layer.
 */
function convolutionVariety(): CanonicalTopology {
  const g = new GraphBuilder('conv_variety');
  let x = g.conv2d(g.input([12, 12, 3]), { filters: 8, kernelSize: 3, padding: 'same', activation: 'relu' });
  x = g.conv2d(x, { filters: 8, kernelSize: 3, padding: 'same', activation: 'tanh' });
  x = g.conv2d(x, { filters: 9, kernelSize: 3, padding: 'valid', activation: 'sigmoid' });
  x = g.conv2d(x, { filters: 6, kernelSize: 2, strides: 2, activation: 'linear', useBias: false });
  return g.topology(g.dense(g.flatten(x), { units: 10, activation: 'softmax' }));
}

/** The separable and depthwise convolutions (a MobileNet-style block), whose gradients are the harness's own on wasm. */
function depthwiseVariety(): CanonicalTopology {
  const g = new GraphBuilder('depthwise_variety');
  let x = g.layer('SeparableConv2D', { filters: 8, kernel_size: [3, 3], padding: 'same', activation: 'relu' }, g.input([12, 12, 3]));
  x = g.layer('DepthwiseConv2D', { kernel_size: [3, 3], strides: [2, 2], padding: 'same', depth_multiplier: 2 }, x);
  x = g.layer('SeparableConv2D', { filters: 6, kernel_size: [3, 3], activation: 'tanh' }, x);
  return g.topology(g.dense(g.flatten(x), { units: 10, activation: 'softmax' }));
}

const MODELS: Record<string, () => CanonicalTopology> = {
  'separable and depthwise': depthwiseVariety,
  lenet5: BENCH_MODELS.lenet5.topology,
  'strided-cnn': BENCH_MODELS['strided-cnn'].topology,
  'convolution variety': convolutionVariety,
};

async function gradients(backend: 'cpu' | 'wasm', modelName: string): Promise<Float32Array[]> {
  await tf.setBackend(backend);
  const topology = MODELS[modelName]();
  const shape = summarize(topology).inputShape.slice(1) as number[];
  const model = await buildTrainingModel(topology, 3);
  const out = tf.tidy(() => {
    const x = tf.randomUniform([2, ...shape], 0, 1, 'float32', 5);
    const y = tf.oneHot(tf.tensor1d([3, 7], 'int32'), 10);
    const variables = model.trainableWeights.map((w) => w.read() as tf.Variable);
    const { grads } = tf.variableGrads(() => crossEntropy(y, model.apply(x, { training: true }) as tf.Tensor), variables);
    return variables.map((v) => grads[v.name].dataSync() as Float32Array);
  });
  model.dispose();
  return out;
}

describe('training gradients on wasm match cpu', () => {
  beforeAll(async () => {
    await useBackend('wasm');
  });

  // vgg-cifar's layers are covered kernel by kernel; on cpu its gradient alone takes a minute.
  it.each(Object.keys(MODELS))('%s', async (name) => {
    const cpu = await gradients('cpu', name);
    const wasm = await gradients('wasm', name);
    expect(wasm.length).toBe(cpu.length);
    cpu.forEach((expected, i) => {
      let worst = 0;
      let scale = 1e-3;
      expected.forEach((e, j) => {
        worst = Math.max(worst, Math.abs(wasm[i][j] - e));
        scale = Math.max(scale, Math.abs(e));
      });
      expect(worst / scale).toBeLessThan(1e-4);
    });
  });
});
