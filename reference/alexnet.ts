// AlexNet (Krizhevsky, Sutskever and Hinton 2012) as one tower, the lecture's 96-256-384-384-256
// network on 227x227x3: conv 11x11/4 96, LRN, max-pool 3x3/2, conv 5x5 256, LRN, max-pool,
// conv 3x3 384, 384, 256, max-pool, FC 4096, 4096 with dropout 0.5, 1000, ReLU throughout.
// 62,378,344 parameters:
//   conv1 11*11*3*96+96 = 34,944; conv2 5*5*96*256+256 = 614,656; conv3 3*3*256*384+384 = 885,120;
//   conv4 3*3*384*384+384 = 1,327,488; conv5 3*3*384*256+256 = 884,992;
//   fc6 6*6*256*4096+4096 = 37,752,832; fc7 4096*4096+4096 = 16,781,312; fc8 4096*1000+1000 = 4,097,000.

import type { CanonicalTopology } from '../harness/model/canonical_topology';
import { GraphBuilder } from './graph_builder';
import type { ReferenceOptions } from './options';

export function alexnetTopology({ inputShape = [227, 227, 3], numClasses = 1000 }: ReferenceOptions = {}): CanonicalTopology {
  const g = new GraphBuilder('alexnet');
  let x = g.input(inputShape);
  x = g.conv2d(x, { filters: 96, kernelSize: 11, strides: 4, activation: 'relu', name: 'conv1' });
  x = g.lrn(x, { name: 'norm1' });
  x = g.maxPooling2d(x, { poolSize: 3, strides: 2, name: 'pool1' });
  x = g.conv2d(x, { filters: 256, kernelSize: 5, padding: 'same', activation: 'relu', name: 'conv2' });
  x = g.lrn(x, { name: 'norm2' });
  x = g.maxPooling2d(x, { poolSize: 3, strides: 2, name: 'pool2' });
  x = g.conv2d(x, { filters: 384, kernelSize: 3, padding: 'same', activation: 'relu', name: 'conv3' });
  x = g.conv2d(x, { filters: 384, kernelSize: 3, padding: 'same', activation: 'relu', name: 'conv4' });
  x = g.conv2d(x, { filters: 256, kernelSize: 3, padding: 'same', activation: 'relu', name: 'conv5' });
  x = g.maxPooling2d(x, { poolSize: 3, strides: 2, name: 'pool5' });
  x = g.flatten(x);
  x = g.dropout(g.dense(x, { units: 4096, activation: 'relu', name: 'fc6' }), 0.5);
  x = g.dropout(g.dense(x, { units: 4096, activation: 'relu', name: 'fc7' }), 0.5);
  return g.topology(g.dense(x, { units: numClasses, activation: 'softmax', name: 'fc8' }));
}
