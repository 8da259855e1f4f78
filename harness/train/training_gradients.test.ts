// Whole-model gradients on the wasm backend (with the harness's kernels and its training
// form of the model) against the pure-JS cpu backend, for each benchmark model.

import { summarize } from '../model/summarize';
import { tf } from '../tfjs';
import { useBackend } from './backends';
import { BENCH_MODELS } from './benchmark';
import { buildTrainingModel } from './train_model';
import { crossEntropy } from './training_step';

async function gradients(backend: 'cpu' | 'wasm', modelName: string): Promise<Float32Array[]> {
  await tf.setBackend(backend);
  const topology = BENCH_MODELS[modelName].topology();
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
  it.each(['lenet5', 'strided-cnn'])('%s', async (name) => {
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
