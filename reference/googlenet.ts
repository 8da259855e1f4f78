// GoogLeNet, Inception v1 (Szegedy et al. 2015), as the paper's Table 1 gives it on 224x224x3:
// conv 7x7/2 64, max-pool 3x3/2, LRN, conv 1x1 64, conv 3x3 192, LRN, max-pool, inception
// 3a and 3b, max-pool, 4a to 4e, max-pool, 5a and 5b, average pool 7x7, dropout 0.4, linear,
// softmax; ReLU after every convolution, no batch normalisation. Each inception module's
// columns of Table 1 (#1x1, #3x3 reduce, #3x3, #5x5 reduce, #5x5, pool proj) are below.
// With `auxHeads`, the two auxiliary classifiers of section 5 sit on 4a and 4d (average pool
// 5x5/3, conv 1x1 128, FC 1024, dropout 0.7, softmax) as extra outputs.
// 6,998,552 parameters without the auxiliary heads (biases included; a module's count is
// worked out in reference.test.ts from its Table 1 row).

import type { CanonicalTopology } from '../harness/model/canonical_topology';
import { GraphBuilder, type Sym } from './graph_builder';
import type { ReferenceOptions } from './options';

/** Table 1: #1x1, #3x3 reduce, #3x3, #5x5 reduce, #5x5, pool proj. */
export const INCEPTION_V1_MODULES: Record<string, [number, number, number, number, number, number]> = {
  '3a': [64, 96, 128, 16, 32, 32],
  '3b': [128, 128, 192, 32, 96, 64],
  '4a': [192, 96, 208, 16, 48, 64],
  '4b': [160, 112, 224, 24, 64, 64],
  '4c': [128, 128, 256, 24, 64, 64],
  '4d': [112, 144, 288, 32, 64, 64],
  '4e': [256, 160, 320, 32, 128, 128],
  '5a': [256, 160, 320, 32, 128, 128],
  '5b': [384, 192, 384, 48, 128, 128],
};

/** One inception module with dimension reductions: a row of Table 1's columns. */
function inception(g: GraphBuilder, x: Sym, id: string, row = INCEPTION_V1_MODULES[id]): Sym {
  const [c1, r3, c3, r5, c5, pp] = row;
  const conv = (input: Sym, filters: number, k: number, name: string) => g.conv2d(input, { filters, kernelSize: k, padding: 'same', activation: 'relu', name: `inception_${id}_${name}` });
  const b1 = conv(x, c1, 1, '1x1');
  const b3 = conv(conv(x, r3, 1, '3x3_reduce'), c3, 3, '3x3');
  const b5 = conv(conv(x, r5, 1, '5x5_reduce'), c5, 5, '5x5');
  const bp = conv(g.maxPooling2d(x, { poolSize: 3, strides: 1, padding: 'same', name: `inception_${id}_pool` }), pp, 1, 'pool_proj');
  return g.concatenate([b1, b3, b5, bp], `inception_${id}_output`);
}

function auxiliaryHead(g: GraphBuilder, x: Sym, id: string, numClasses: number): Sym {
  x = g.averagePooling2d(x, { poolSize: 5, strides: 3, name: `aux_${id}_pool` });
  x = g.conv2d(x, { filters: 128, kernelSize: 1, activation: 'relu', name: `aux_${id}_conv` });
  x = g.dropout(g.dense(g.flatten(x), { units: 1024, activation: 'relu', name: `aux_${id}_fc` }), 0.7);
  return g.dense(x, { units: numClasses, activation: 'softmax', name: `aux_${id}_predictions` });
}

export function googlenetTopology({ inputShape = [224, 224, 3], numClasses = 1000, auxHeads = false }: ReferenceOptions & { auxHeads?: boolean } = {}): CanonicalTopology {
  const g = new GraphBuilder('googlenet');
  let x = g.input(inputShape);
  x = g.conv2d(x, { filters: 64, kernelSize: 7, strides: 2, padding: 'same', activation: 'relu', name: 'conv1_7x7' });
  x = g.lrn(g.maxPooling2d(x, { poolSize: 3, strides: 2, padding: 'same', name: 'pool1' }), { name: 'norm1' });
  x = g.conv2d(x, { filters: 64, kernelSize: 1, activation: 'relu', name: 'conv2_3x3_reduce' });
  x = g.lrn(g.conv2d(x, { filters: 192, kernelSize: 3, padding: 'same', activation: 'relu', name: 'conv2_3x3' }), { name: 'norm2' });
  x = g.maxPooling2d(x, { poolSize: 3, strides: 2, padding: 'same', name: 'pool2' });
  x = inception(g, inception(g, x, '3a'), '3b');
  x = g.maxPooling2d(x, { poolSize: 3, strides: 2, padding: 'same', name: 'pool3' });
  const aux: Sym[] = [];
  for (const id of ['4a', '4b', '4c', '4d', '4e']) {
    x = inception(g, x, id);
    if (auxHeads && (id === '4a' || id === '4d')) aux.push(auxiliaryHead(g, x, id, numClasses));
  }
  x = g.maxPooling2d(x, { poolSize: 3, strides: 2, padding: 'same', name: 'pool4' });
  x = inception(g, inception(g, x, '5a'), '5b');
  x = g.dropout(g.flatten(g.averagePooling2d(x, { poolSize: 7, strides: 1, name: 'pool5' })), 0.4);
  return g.topology(g.dense(x, { units: numClasses, activation: 'softmax', name: 'predictions' }), aux);
}

/**
 * inception-cifar: two inception modules for 32x32 images (a lab-sized GoogLeNet): a 3x3
 * stem of 64, modules with Table 1's columns at half of 3a's and 3b's widths, max-pool,
 * global average pooling, dropout 0.4, the classifier. 139,234 parameters for 10 classes:
 *   stem 3*3*3*64+64 = 1,792;
 *   module a (64 in; 32, 48>64, 8>16, 16): 2,080 + 3,120 + 27,712 + 520 + 3,216 + 1,040 = 37,688;
 *   module b (128 in; 64, 64>96, 16>48, 32): 8,256 + 8,256 + 55,392 + 2,064 + 19,248 + 4,128 = 97,344;
 *   classifier 240*10+10 = 2,410.
 */
export const INCEPTION_CIFAR_MODULES: Record<string, [number, number, number, number, number, number]> = {
  a: [32, 48, 64, 8, 16, 16],
  b: [64, 64, 96, 16, 48, 32],
};

export function inceptionCifarTopology({ inputShape = [32, 32, 3], numClasses = 10 }: ReferenceOptions = {}): CanonicalTopology {
  const g = new GraphBuilder('inception_cifar');
  let x = g.conv2d(g.input(inputShape), { filters: 64, kernelSize: 3, padding: 'same', activation: 'relu', name: 'stem' });
  x = inception(g, x, 'a', INCEPTION_CIFAR_MODULES.a);
  x = inception(g, x, 'b', INCEPTION_CIFAR_MODULES.b);
  x = g.maxPooling2d(x, { poolSize: 3, strides: 2, padding: 'same', name: 'pool' });
  x = g.dropout(g.globalAveragePooling2d(x, 'global_pool'), 0.4);
  return g.topology(g.dense(x, { units: numClasses, activation: 'softmax', name: 'predictions' }));
}
