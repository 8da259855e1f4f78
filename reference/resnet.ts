// ResNet (He et al. 2016).
// - resnet18, resnet34: the paper's Table 1 with basic blocks (two 3x3 convolutions), batch
//   normalisation after every convolution, no convolution biases, a 1x1/2 projection with
//   batch normalisation where the shape changes (option B). 11,689,512 and 21,797,672
//   trainable parameters, the counts of torchvision's models of the same design; the totals
//   add Keras' non-trainable moving statistics (two per normalised channel).
// - resnet50, resnet101, resnet152: bottleneck blocks exactly as Keras Applications builds them
//   (convolutions with biases, projection on the first block of each stage, stride on the
//   first 1x1): 25,636,712, 44,707,176 and 60,419,944 parameters, Keras' counts.
// - resnet20: the CIFAR network of the paper's section 4.2 (n = 3: three stages of three basic
//   blocks with 16, 32 and 64 filters on 32x32x3), with projection shortcuts where the shape
//   changes (the paper's 0.27M is with parameter-free zero-padding shortcuts, option A).
// - resnet20-keras: ResNet-20 v1 as Keras' cifar10_resnet example builds it, which most tfjs
//   ports copy: convolutions with biases, he_normal and L2(1e-4) on every kernel, a 1x1
//   projection shortcut without normalisation, 8x8 average pooling and Flatten before the
//   classifier. 273,066 trainable and 1,376 non-trainable parameters (counted in the test).

import type { CanonicalTopology } from '../harness/model/canonical_topology';
import { GraphBuilder, type Sym } from './graph_builder';
import type { ReferenceOptions } from './options';

const KERAS_BN_EPSILON = 1.001e-5;

function basicBlock(g: GraphBuilder, x: Sym, filters: number, stride: number, project: boolean, name: string): Sym {
  const bn = (input: Sym, suffix: string) => g.batchNormalization(input, { epsilon: 1e-5, name: `${name}_${suffix}_bn` });
  let shortcut = x;
  if (project) shortcut = bn(g.conv2d(x, { filters, kernelSize: 1, strides: stride, useBias: false, name: `${name}_0_conv` }), '0');
  let y = g.activation(bn(g.conv2d(x, { filters, kernelSize: 3, strides: stride, padding: 'same', useBias: false, name: `${name}_1_conv` }), '1'), 'relu');
  y = bn(g.conv2d(y, { filters, kernelSize: 3, padding: 'same', useBias: false, name: `${name}_2_conv` }), '2');
  return g.activation(g.add([shortcut, y], `${name}_add`), 'relu', `${name}_out`);
}

function bottleneckBlock(g: GraphBuilder, x: Sym, filters: number, stride: number, project: boolean, name: string): Sym {
  const bn = (input: Sym, suffix: string) => g.batchNormalization(input, { epsilon: KERAS_BN_EPSILON, name: `${name}_${suffix}_bn` });
  let shortcut = x;
  if (project) shortcut = bn(g.conv2d(x, { filters: 4 * filters, kernelSize: 1, strides: stride, name: `${name}_0_conv` }), '0');
  let y = g.activation(bn(g.conv2d(x, { filters, kernelSize: 1, strides: stride, name: `${name}_1_conv` }), '1'), 'relu');
  y = g.activation(bn(g.conv2d(y, { filters, kernelSize: 3, padding: 'same', name: `${name}_2_conv` }), '2'), 'relu');
  y = bn(g.conv2d(y, { filters: 4 * filters, kernelSize: 1, name: `${name}_3_conv` }), '3');
  return g.activation(g.add([shortcut, y], `${name}_add`), 'relu', `${name}_out`);
}

/** Blocks per stage, from Table 1 (and Keras Applications for 50, 101, 152). */
export const RESNET_DEPTHS = { 18: [2, 2, 2, 2], 34: [3, 4, 6, 3], 50: [3, 4, 6, 3], 101: [3, 4, 23, 3], 152: [3, 8, 36, 3] } as const;

export function resnetTopology(depth: keyof typeof RESNET_DEPTHS, { inputShape = [224, 224, 3], numClasses = 1000 }: ReferenceOptions = {}): CanonicalTopology {
  const bottleneck = depth >= 50;
  const g = new GraphBuilder(`resnet${depth}`);
  let x = g.zeroPadding2d(g.input(inputShape), 3, 'conv1_pad');
  x = g.conv2d(x, { filters: 64, kernelSize: 7, strides: 2, useBias: bottleneck, name: 'conv1_conv' });
  x = g.activation(g.batchNormalization(x, { epsilon: bottleneck ? KERAS_BN_EPSILON : 1e-5, name: 'conv1_bn' }), 'relu', 'conv1_relu');
  x = g.maxPooling2d(g.zeroPadding2d(x, 1, 'pool1_pad'), { poolSize: 3, strides: 2, name: 'pool1_pool' });
  RESNET_DEPTHS[depth].forEach((blocks, stage) => {
    const filters = 64 * 2 ** stage;
    for (let b = 0; b < blocks; b++) {
      const stride = b === 0 && stage > 0 ? 2 : 1;
      const name = `conv${stage + 2}_block${b + 1}`;
      // Keras' bottleneck stages always project on their first block (64 to 256 channels too).
      const project = b === 0 && (bottleneck || stage > 0);
      x = (bottleneck ? bottleneckBlock : basicBlock)(g, x, filters, stride, project, name);
    }
  });
  x = g.globalAveragePooling2d(x, 'avg_pool');
  return g.topology(g.dense(x, { units: numClasses, activation: 'softmax', name: 'predictions' }));
}

/** Keras' resnet_layer: a convolution (he_normal, L2 1e-4, bias), then optionally batch normalisation and an activation. */
function kerasResnetLayer(g: GraphBuilder, x: Sym, a: { filters: number; kernelSize?: number; strides?: number; activation?: boolean; normalise?: boolean; name: string }): Sym {
  let y = g.layer(
    'Conv2D',
    {
      filters: a.filters,
      kernel_size: [a.kernelSize ?? 3, a.kernelSize ?? 3],
      strides: [a.strides ?? 1, a.strides ?? 1],
      padding: 'same',
      kernel_initializer: { class_name: 'VarianceScaling', config: { scale: 2, mode: 'fan_in', distribution: 'normal' } },
      kernel_regularizer: { class_name: 'L1L2', config: { l1: 0, l2: 1e-4 } },
    },
    x,
    `${a.name}_conv`,
  );
  if (a.normalise ?? true) y = g.batchNormalization(y, { name: `${a.name}_bn` });
  return (a.activation ?? true) ? g.activation(y, 'relu', `${a.name}_relu`) : y;
}

export function resnet20KerasTopology({ inputShape = [32, 32, 3], numClasses = 10 }: ReferenceOptions = {}): CanonicalTopology {
  const g = new GraphBuilder('resnet20_keras');
  let x = kerasResnetLayer(g, g.input(inputShape), { filters: 16, name: 'conv1' });
  [16, 32, 64].forEach((filters, stack) => {
    for (let b = 0; b < 3; b++) {
      const strides = stack > 0 && b === 0 ? 2 : 1;
      const name = `stack${stack + 1}_block${b + 1}`;
      let y = kerasResnetLayer(g, x, { filters, strides, name: `${name}_1` });
      y = kerasResnetLayer(g, y, { filters, activation: false, name: `${name}_2` });
      if (strides === 2) x = kerasResnetLayer(g, x, { filters, kernelSize: 1, strides, activation: false, normalise: false, name: `${name}_shortcut` });
      x = g.activation(g.add([x, y], `${name}_add`), 'relu', `${name}_out`);
    }
  });
  const pooled = g.averagePooling2d(x, { poolSize: 8, name: 'avg_pool' });
  return g.topology(g.dense(g.flatten(pooled, 'flatten'), { units: numClasses, activation: 'softmax', name: 'predictions' }));
}

export function resnet20Topology({ inputShape = [32, 32, 3], numClasses = 10 }: ReferenceOptions = {}): CanonicalTopology {
  const g = new GraphBuilder('resnet20');
  let x = g.conv2d(g.input(inputShape), { filters: 16, kernelSize: 3, padding: 'same', useBias: false, name: 'conv1_conv' });
  x = g.activation(g.batchNormalization(x, { epsilon: 1e-5, name: 'conv1_bn' }), 'relu', 'conv1_relu');
  [16, 32, 64].forEach((filters, stage) => {
    for (let b = 0; b < 3; b++) {
      const stride = b === 0 && stage > 0 ? 2 : 1;
      x = basicBlock(g, x, filters, stride, b === 0 && stage > 0, `stage${stage + 1}_block${b + 1}`);
    }
  });
  x = g.globalAveragePooling2d(x, 'avg_pool');
  return g.topology(g.dense(x, { units: numClasses, activation: 'softmax', name: 'predictions' }));
}
