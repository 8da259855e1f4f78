// Property: on many small random models, the harness's static summary (from the topology
// JSON alone) agrees with tfjs itself, which builds the weights: countParams() per layer and
// in total, and every layer's output shape.

import '../layers';
import { tf } from '../tfjs';
import { seededRandom } from '../train/batches';
import { topologyOf } from '../test_support';
import { summarize } from './summarize';

type SymbolicTensor = ReturnType<typeof tf.input>;

function randomModel(random: () => number, index: number): tf.LayersModel {
  const pick = <T>(xs: T[]): T => xs[Math.floor(random() * xs.length)];
  const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
  const input = tf.input({ shape: [int(6, 12), int(6, 12), int(1, 4)] });
  let x: SymbolicTensor = input;
  const apply = (layer: tf.layers.Layer, from: SymbolicTensor | SymbolicTensor[] = x) => layer.apply(from) as SymbolicTensor;
  const spatial = () => (x.shape[1] as number) >= 4 && (x.shape[2] as number) >= 4;
  for (let i = int(1, 5); i > 0; i--) {
    const kind = pick(['conv', 'conv', 'pool', 'bn', 'act', 'pad', 'lrn', 'branch', 'residual']);
    if (kind === 'conv' && spatial()) {
      x = apply(tf.layers.conv2d({ filters: int(1, 6), kernelSize: [int(1, 3), int(1, 3)], strides: int(1, 2), padding: pick(['valid', 'same']), useBias: random() < 0.7, activation: pick(['linear', 'relu', 'tanh']) }));
    } else if (kind === 'pool' && spatial()) {
      const layer = pick([tf.layers.maxPooling2d, tf.layers.averagePooling2d]);
      x = apply(layer({ poolSize: int(2, 3), strides: int(1, 2), padding: pick(['valid', 'same']) }));
    } else if (kind === 'bn') {
      x = apply(tf.layers.batchNormalization({ center: random() < 0.8, scale: random() < 0.8 }));
    } else if (kind === 'act') {
      x = apply(tf.layers.activation({ activation: pick(['relu', 'sigmoid']) }));
    } else if (kind === 'pad') {
      x = apply(tf.layers.zeroPadding2d({ padding: int(1, 2) }));
    } else if (kind === 'lrn') {
      const { LRN } = require('../layers') as typeof import('../layers');
      x = apply(new LRN({ depthRadius: int(1, 3) }));
    } else if (kind === 'branch') {
      const a = apply(tf.layers.conv2d({ filters: int(1, 4), kernelSize: 1 }));
      const b = apply(tf.layers.conv2d({ filters: int(1, 4), kernelSize: 3, padding: 'same' }));
      x = apply(tf.layers.concatenate(), [a, b]);
    } else if (kind === 'residual') {
      const channels = x.shape[3] as number;
      x = apply(tf.layers.add(), [x, apply(tf.layers.conv2d({ filters: channels, kernelSize: 3, padding: 'same' }))]);
    }
  }
  x = random() < 0.5 ? apply(tf.layers.flatten()) : apply(tf.layers.globalAveragePooling2d({}));
  if (random() < 0.5) x = apply(tf.layers.dense({ units: int(1, 16), activation: 'relu' }));
  x = apply(tf.layers.dropout({ rate: 0.25 }));
  return tf.model({ inputs: input, outputs: apply(tf.layers.dense({ units: int(2, 10), useBias: random() < 0.8 })), name: `random_${index}` });
}

describe('static summary against tfjs', () => {
  it('agrees on parameters and output shapes for 150 random models', () => {
    const random = seededRandom(2026);
    for (let i = 0; i < 150; i++) {
      const model = randomModel(random, i);
      const summary = summarize(topologyOf(model));
      expect(summary.totalParams).toBe(model.countParams());
      const trainable = model.trainableWeights.reduce((n, w) => n + (w.shape as number[]).reduce((a, b) => a * b, 1), 0);
      expect(summary.trainableParams).toBe(trainable);
      for (const layer of model.layers) {
        const mine = summary.layers.find((l) => l.name === layer.name)!;
        expect([layer.name, mine.params]).toEqual([layer.name, layer.countParams()]);
        expect([layer.name, mine.outputShape]).toEqual([layer.name, layer.outputShape]);
      }
      model.dispose();
    }
  });
});
