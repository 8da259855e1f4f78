// VGG (Simonyan and Zisserman 2015), the configurations of their Table 1: 3x3 convolutions
// with stride 1 and "same" padding, ReLU, 2x2 max-pooling after each block, then FC 4096,
// 4096 (dropout 0.5 after each, section 3.1) and the classifier. A-LRN adds LRN after the
// first convolution; C's third convolution in blocks 3 to 5 is 1x1.
// Parameter counts on 224x224x3 with 1000 classes (Table 2 gives 133, 133, 133, 134, 138 and
// 144 million): A and A-LRN 132,863,336; B 133,047,848; C 133,638,952; D 138,357,544 and
// E 143,667,240, the last two exactly Keras Applications' VGG16 and VGG19.
//
// vgg-cifar: a small VGG-style net for 32x32 images, three blocks of two 3x3 convolutions
// (32, 64, 128 filters), a 128-unit hidden layer: 550,570 parameters for 10 classes:
//   block 1: 3*3*3*32+32 = 896, 3*3*32*32+32 = 9,248; block 2: 18,496, 36,928;
//   block 3: 73,856, 147,584; dense 2048*128+128 = 262,272; output 128*10+10 = 1,290.

import type { CanonicalTopology } from '../harness/model/canonical_topology';
import { GraphBuilder, type Sym } from './graph_builder';
import type { ReferenceOptions } from './options';

/** Per block, the kernel size of each convolution (3 or 1), from Table 1. */
type Blocks = number[][];

export const VGG_CONFIGURATIONS: Record<'A' | 'A-LRN' | 'B' | 'C' | 'D' | 'E', Blocks> = {
  A: [[3], [3], [3, 3], [3, 3], [3, 3]],
  'A-LRN': [[3], [3], [3, 3], [3, 3], [3, 3]],
  B: [[3, 3], [3, 3], [3, 3], [3, 3], [3, 3]],
  C: [[3, 3], [3, 3], [3, 3, 1], [3, 3, 1], [3, 3, 1]],
  D: [[3, 3], [3, 3], [3, 3, 3], [3, 3, 3], [3, 3, 3]],
  E: [[3, 3], [3, 3], [3, 3, 3, 3], [3, 3, 3, 3], [3, 3, 3, 3]],
};
const WIDTHS = [64, 128, 256, 512, 512];

function convBlocks(g: GraphBuilder, x: Sym, blocks: Blocks, widths: number[], lrnAfterFirst: boolean): Sym {
  blocks.forEach((kernels, b) => {
    kernels.forEach((k, i) => {
      x = g.conv2d(x, { filters: widths[b], kernelSize: k, padding: 'same', activation: 'relu', name: `block${b + 1}_conv${i + 1}` });
      if (lrnAfterFirst && b === 0 && i === 0) x = g.lrn(x, { name: 'block1_lrn' });
    });
    x = g.maxPooling2d(x, { poolSize: 2, strides: 2, name: `block${b + 1}_pool` });
  });
  return x;
}

export function vggTopology(configuration: keyof typeof VGG_CONFIGURATIONS, { inputShape = [224, 224, 3], numClasses = 1000 }: ReferenceOptions = {}): CanonicalTopology {
  const g = new GraphBuilder(`vgg_${configuration.toLowerCase().replace('-', '_')}`);
  let x = convBlocks(g, g.input(inputShape), VGG_CONFIGURATIONS[configuration], WIDTHS, configuration === 'A-LRN');
  x = g.flatten(x);
  x = g.dropout(g.dense(x, { units: 4096, activation: 'relu', name: 'fc1' }), 0.5);
  x = g.dropout(g.dense(x, { units: 4096, activation: 'relu', name: 'fc2' }), 0.5);
  return g.topology(g.dense(x, { units: numClasses, activation: 'softmax', name: 'predictions' }));
}

export function vggCifarTopology({ inputShape = [32, 32, 3], numClasses = 10 }: ReferenceOptions = {}): CanonicalTopology {
  const g = new GraphBuilder('vgg_cifar');
  let x = convBlocks(g, g.input(inputShape), [[3, 3], [3, 3], [3, 3]], [32, 64, 128], false);
  x = g.dense(g.flatten(x), { units: 128, activation: 'relu', name: 'fc' });
  return g.topology(g.dense(x, { units: numClasses, activation: 'softmax', name: 'predictions' }));
}
