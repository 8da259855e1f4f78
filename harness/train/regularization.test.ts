// Regularizers and constraints in the harness's training step, on the default backend (wasm,
// with the harness's training convolutions) and on the pure-JS one.

import { GraphBuilder } from '../../reference/graph_builder';
import { tf } from '../tfjs';
import { useBackend } from './backends';
import type { ImageDataset } from './dataset';
import { regularizationOf } from './regularization';
import { buildTrainingModel } from './train_model';
import { TrainingStep } from './training_step';

/**
 * 4x4x1 images in 3 classes whose first pixel is always 0: no data gradient ever reaches the
 * weights that read it, so only a penalty moves them.
 */
function zeroCornerImages(): ImageDataset {
  const count = 12;
  const images = new Uint8Array(count * 16).map((_, i) => (i % 16 === 0 ? 0 : (i * 37) % 256));
  const labels = new Uint8Array(count).map((_, i) => i % 3);
  const split = { images, labels, count };
  return { name: 'corner', imageShape: [4, 4, 1], numClasses: 3, train: split, test: split };
}

const constant = (value: number) => ({ class_name: 'Constant', config: { value } });
const l1l2 = (l1: number, l2: number) => ({ class_name: 'L1L2', config: { l1, l2 } });

/**
 * Flatten and Dense(3, softmax) with every kernel weight 0.5 and biases 0: the three logits are
 * equal for any image, so the data loss is ln 3 exactly. `extra`: the Dense layer's regularizer
 * and constraint settings.
 */
function denseModel(extra: Record<string, unknown> = {}) {
  const g = new GraphBuilder('dense');
  const x = g.flatten(g.input([4, 4, 1]));
  return buildTrainingModel(g.topology(g.layer('Dense', { units: 3, activation: 'softmax', kernel_initializer: constant(0.5), ...extra }, x, 'out')), 1);
}

/** One training step (SGD at rate 0.1 unless told): its loss, and the kernel of `layer` after the update. */
async function oneStep(model: tf.LayersModel, layer = 'out', optimizer: 'sgd' | 'adam' = 'sgd'): Promise<{ loss: number; kernel: Float32Array }> {
  const trainer = new TrainingStep(model, zeroCornerImages(), { batchSize: 6, seed: 1, optimizer, learningRate: 0.1 });
  try {
    const loss = trainer.run();
    const value = loss.dataSync()[0];
    loss.dispose();
    return { loss: value, kernel: model.getLayer(layer).getWeights()[0].dataSync() as Float32Array };
  } finally {
    trainer.dispose();
    model.dispose();
  }
}

describe.each(['wasm', 'cpu'] as const)('regularization on %s', (backend) => {
  beforeAll(async () => {
    if (backend === 'wasm') await useBackend('wasm');
    else await tf.setBackend('cpu');
  });

  it('a model without regularizers or constraints trains with neither', async () => {
    const model = await denseModel();
    expect(regularizationOf(model)).toEqual({ penalize: null, constrain: null });
    model.dispose();
  });

  it('adds l1 * sum|w| + l2 * sum w^2 of each regularized weight to the loss', async () => {
    // The kernel: 16 inputs x 3 units = 48 weights of 0.5, so sum|w| = 24 and sum w^2 = 12.
    // Kernel L1L2(l1 0.1, l2 0.01): 0.1 * 24 + 0.01 * 12 = 2.52. The bias (3 zeros) with
    // L1L2(l2 0.5): 0. The data loss: ln 3.
    const { loss } = await oneStep(await denseModel({ kernel_regularizer: l1l2(0.1, 0.01), bias_regularizer: l1l2(0, 0.5) }));
    expect(loss).toBeCloseTo(Math.log(3) + 2.52, 5);
    const plain = await oneStep(await denseModel());
    expect(plain.loss).toBeCloseTo(Math.log(3), 6);
  });

  it('lets the penalty pull on the weights: a weight without data gradient shrinks by the penalty\'s', async () => {
    // Kernel row 0 reads the always-0 pixel: its data gradient is 0. The penalty's gradient at
    // w = 0.5 is l1 * sign(w) + 2 * l2 * w = 0.1 + 2 * 0.01 * 0.5 = 0.11; SGD at rate 0.1 takes
    // 0.011 off: 0.489. Without a penalty it stays 0.5.
    const { kernel } = await oneStep(await denseModel({ kernel_regularizer: l1l2(0.1, 0.01) }));
    // Row 0 of the [16, 3] kernel: its first three values.
    expect(Array.from(kernel.slice(0, 3)).map((w) => w.toFixed(6))).toEqual(['0.489000', '0.489000', '0.489000']);
    const plain = await oneStep(await denseModel());
    expect(Array.from(plain.kernel.slice(0, 3))).toEqual([0.5, 0.5, 0.5]);
  });

  it('penalizes a convolution\'s kernel in the training form of Conv2D', async () => {
    // Conv2D 3x3, 1 channel in, 2 filters, all weights 0.5 (bias 0), L2 0.01: 18 weights,
    // sum w^2 = 4.5, penalty 0.045. A dense layer on top with all weights 0 (no penalty)
    // makes every logit 0: the data loss is ln 3.
    const g = new GraphBuilder('conv');
    const c = g.layer('Conv2D', { filters: 2, kernel_size: [3, 3], kernel_initializer: constant(0.5), kernel_regularizer: l1l2(0, 0.01) }, g.input([4, 4, 1]), 'conv');
    const out = g.layer('Dense', { units: 3, activation: 'softmax', kernel_initializer: constant(0) }, g.flatten(c), 'out');
    const { loss } = await oneStep(await buildTrainingModel(g.topology(out), 1), 'conv');
    expect(loss).toBeCloseTo(Math.log(3) + 0.045, 5);
  });

  // Adam on wasm is the harness's fused kernel, which assigns the variables itself.
  it.each(['sgd', 'adam'] as const)('applies a NonNeg constraint after every %s update: no negative weight remains', async (optimizer) => {
    // Weights drawn around 0: about half start negative; after one step none is.
    const normal = { class_name: 'RandomNormal', config: { mean: 0, stddev: 1 } };
    const constrained = await oneStep(await denseModel({ kernel_initializer: normal, kernel_constraint: { class_name: 'NonNeg', config: {} } }), 'out', optimizer);
    expect(Math.min(...constrained.kernel)).toBeGreaterThanOrEqual(0);
    const free = await oneStep(await denseModel({ kernel_initializer: normal }), 'out', optimizer);
    expect(Math.min(...free.kernel)).toBeLessThan(0);
  });

  it('applies a MaxNorm constraint per unit: each column\'s norm is brought down to the maximum', async () => {
    // Each unit's 16 incoming weights of 0.5 have norm sqrt(16 * 0.25) = 2; MaxNorm(1) over
    // axis 0 scales each column to norm 1 (to float rounding: tfjs divides by norm + 1e-7).
    const { kernel } = await oneStep(await denseModel({ kernel_constraint: { class_name: 'MaxNorm', config: { max_value: 1, axis: 0 } } }));
    for (let unit = 0; unit < 3; unit++) {
      const column = Array.from({ length: 16 }, (_, i) => kernel[i * 3 + unit]);
      expect(Math.hypot(...column)).toBeCloseTo(1, 5);
    }
  });
});
