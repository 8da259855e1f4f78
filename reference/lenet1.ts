// LeNet-1 (LeCun et al. 1989; the lecture's "LeNet-1 (1988), ~2600 params"): 28x28 input,
// H1 4 maps 5x5, 2x2 average subsampling, H2 12 maps 5x5, subsampling, 10 outputs, tanh.
// The paper's H2 connects each map to only some of H1's maps (about 2,600 parameters in
// all); tfjs' convolutions are fully connected, which gives 3,246:
//   H1 5*5*1*4+4 = 104, H2 5*5*4*12+12 = 1,212, output 4*4*12*10+10 = 1,930.

import type { CanonicalTopology } from '../harness/model/canonical_topology';
import { GraphBuilder } from './graph_builder';
import type { ReferenceOptions } from './options';

export function lenet1Topology({ inputShape = [28, 28, 1], numClasses = 10 }: ReferenceOptions = {}): CanonicalTopology {
  const g = new GraphBuilder('lenet1');
  let x = g.input(inputShape);
  x = g.conv2d(x, { filters: 4, kernelSize: 5, activation: 'tanh', name: 'h1' });
  x = g.averagePooling2d(x, { poolSize: 2, name: 'h1_pool' });
  x = g.conv2d(x, { filters: 12, kernelSize: 5, activation: 'tanh', name: 'h2' });
  x = g.averagePooling2d(x, { poolSize: 2, name: 'h2_pool' });
  x = g.flatten(x);
  return g.topology(g.dense(x, { units: numClasses, activation: 'softmax', name: 'output' }));
}
