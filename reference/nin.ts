// Network-in-Network (Lin, Chen and Yan 2014) for CIFAR-10, as their released Caffe model has
// it: three mlpconv blocks (a spatial convolution then two 1x1 convolutions, ReLU) with
// 192/160/96, 192/192/192 and 192/192/10 maps; 3x3 stride-2 max then average pooling and
// dropout 0.5 between blocks; global average pooling as the classifier. 966,986 parameters:
//   block 1: 5*5*3*192+192 = 14,592; 192*160+160 = 30,880; 160*96+96 = 15,456
//   block 2: 5*5*96*192+192 = 460,992; 192*192+192 = 37,056; 37,056
//   block 3: 3*3*192*192+192 = 331,968; 37,056; 192*10+10 = 1,930

import type { CanonicalTopology } from '../harness/model/canonical_topology';
import { GraphBuilder, type Sym } from './graph_builder';
import type { ReferenceOptions } from './options';

function mlpconv(g: GraphBuilder, x: Sym, kernel: number, maps: [number, number, number], block: number, lastActivation = 'relu'): Sym {
  x = g.conv2d(x, { filters: maps[0], kernelSize: kernel, padding: 'same', activation: 'relu', name: `mlpconv${block}_conv` });
  x = g.conv2d(x, { filters: maps[1], kernelSize: 1, activation: 'relu', name: `mlpconv${block}_cccp1` });
  return g.conv2d(x, { filters: maps[2], kernelSize: 1, activation: lastActivation, name: `mlpconv${block}_cccp2` });
}

export function ninTopology({ inputShape = [32, 32, 3], numClasses = 10 }: ReferenceOptions = {}): CanonicalTopology {
  const g = new GraphBuilder('nin');
  let x = mlpconv(g, g.input(inputShape), 5, [192, 160, 96], 1);
  x = g.dropout(g.maxPooling2d(x, { poolSize: 3, strides: 2, padding: 'same', name: 'pool1' }), 0.5);
  x = mlpconv(g, x, 5, [192, 192, 192], 2);
  x = g.dropout(g.averagePooling2d(x, { poolSize: 3, strides: 2, padding: 'same', name: 'pool2' }), 0.5);
  x = mlpconv(g, x, 3, [192, 192, numClasses], 3);
  return g.topology(g.activation(g.globalAveragePooling2d(x, 'global_pool'), 'softmax', 'predictions'));
}
