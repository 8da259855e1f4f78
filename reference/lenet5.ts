// LeNet-5 as the lecture's "modern" version: LeCun et al. 1998 with the C5 full connection
// written as Dense, tanh throughout, average pooling without trainable coefficients and a
// softmax output in place of the RBF layer. On 28x28x1 the first convolution pads ("same")
// so that C1 sees 28x28 as the paper's 32x32 input gives; 61,706 parameters:
//   C1 5*5*1*6+6 = 156, C3 5*5*6*16+16 = 2,416, F5 400*120+120 = 48,120,
//   F6 120*84+84 = 10,164, output 84*10+10 = 850.

import type { CanonicalTopology } from '../harness/model/canonical_topology';
import { GraphBuilder } from './graph_builder';
import type { ReferenceOptions } from './options';

export function lenet5Topology({ inputShape = [28, 28, 1], numClasses = 10 }: ReferenceOptions = {}): CanonicalTopology {
  const g = new GraphBuilder('lenet5');
  let x = g.input(inputShape);
  x = g.conv2d(x, { filters: 6, kernelSize: 5, padding: 'same', activation: 'tanh', name: 'c1' });
  x = g.averagePooling2d(x, { poolSize: 2, name: 's2' });
  x = g.conv2d(x, { filters: 16, kernelSize: 5, activation: 'tanh', name: 'c3' });
  x = g.averagePooling2d(x, { poolSize: 2, name: 's4' });
  x = g.flatten(x);
  x = g.dense(x, { units: 120, activation: 'tanh', name: 'c5' });
  x = g.dense(x, { units: 84, activation: 'tanh', name: 'f6' });
  return g.topology(g.dense(x, { units: numClasses, activation: 'softmax', name: 'output' }));
}
