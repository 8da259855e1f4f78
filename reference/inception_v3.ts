// Inception v3 (Szegedy et al. 2016, "Rethinking the Inception Architecture") as Keras
// Applications' InceptionV3 builds it on 299x299x3: every convolution is conv (no bias) +
// batch normalisation (no scale) + ReLU; the 5x5 convolutions of v1 become two 3x3, the
// 17x17 modules factor 7x7 into 1x7 and 7x1, the 8x8 modules split 3x3 into 1x3 and 3x1.
// 23,851,784 parameters, Keras Applications' count (23,817,352 trainable).

import type { CanonicalTopology } from '../harness/model/canonical_topology';
import { GraphBuilder, type Sym } from './graph_builder';
import type { ReferenceOptions } from './options';

export function inceptionV3Topology({ inputShape = [299, 299, 3], numClasses = 1000 }: ReferenceOptions = {}): CanonicalTopology {
  const g = new GraphBuilder('inception_v3');
  const cbr = (x: Sym, filters: number, rows: number, cols: number, strides = 1, padding: 'same' | 'valid' = 'same') =>
    g.activation(g.batchNormalization(g.conv2d(x, { filters, kernelSize: [rows, cols], strides, padding, useBias: false }), { scale: false }), 'relu');
  const avgPool = (x: Sym) => g.averagePooling2d(x, { poolSize: 3, strides: 1, padding: 'same' });
  const maxPool = (x: Sym) => g.maxPooling2d(x, { poolSize: 3, strides: 2 });

  let x = cbr(g.input(inputShape), 32, 3, 3, 2, 'valid');
  x = cbr(x, 32, 3, 3, 1, 'valid');
  x = cbr(x, 64, 3, 3);
  x = maxPool(x);
  x = cbr(x, 80, 1, 1, 1, 'valid');
  x = cbr(x, 192, 3, 3, 1, 'valid');
  x = maxPool(x);
  // mixed 0, 1, 2: 35x35
  for (const poolProj of [32, 64, 64]) {
    const b1 = cbr(x, 64, 1, 1);
    const b5 = cbr(cbr(x, 48, 1, 1), 64, 5, 5);
    const b3 = cbr(cbr(cbr(x, 64, 1, 1), 96, 3, 3), 96, 3, 3);
    x = g.concatenate([b1, b5, b3, cbr(avgPool(x), poolProj, 1, 1)]);
  }
  // mixed 3: to 17x17
  {
    const b3 = cbr(x, 384, 3, 3, 2, 'valid');
    const b3d = cbr(cbr(cbr(x, 64, 1, 1), 96, 3, 3), 96, 3, 3, 2, 'valid');
    x = g.concatenate([b3, b3d, maxPool(x)]);
  }
  // mixed 4 to 7: 17x17 with factorised 7x7
  for (const c of [128, 160, 160, 192]) {
    const b1 = cbr(x, 192, 1, 1);
    const b7 = cbr(cbr(cbr(x, c, 1, 1), c, 1, 7), 192, 7, 1);
    const b7d = cbr(cbr(cbr(cbr(cbr(x, c, 1, 1), c, 7, 1), c, 1, 7), c, 7, 1), 192, 1, 7);
    x = g.concatenate([b1, b7, b7d, cbr(avgPool(x), 192, 1, 1)]);
  }
  // mixed 8: to 8x8
  {
    const b3 = cbr(cbr(x, 192, 1, 1), 320, 3, 3, 2, 'valid');
    const b7 = cbr(cbr(cbr(cbr(x, 192, 1, 1), 192, 1, 7), 192, 7, 1), 192, 3, 3, 2, 'valid');
    x = g.concatenate([b3, b7, maxPool(x)]);
  }
  // mixed 9, 10: 8x8 with split 3x3
  for (let i = 0; i < 2; i++) {
    const b1 = cbr(x, 320, 1, 1);
    const r3 = cbr(x, 384, 1, 1);
    const b3 = g.concatenate([cbr(r3, 384, 1, 3), cbr(r3, 384, 3, 1)]);
    const r3d = cbr(cbr(x, 448, 1, 1), 384, 3, 3);
    const b3d = g.concatenate([cbr(r3d, 384, 1, 3), cbr(r3d, 384, 3, 1)]);
    x = g.concatenate([b1, b3, b3d, cbr(avgPool(x), 192, 1, 1)]);
  }
  x = g.globalAveragePooling2d(x, 'avg_pool');
  return g.topology(g.dense(x, { units: numClasses, activation: 'softmax', name: 'predictions' }));
}
