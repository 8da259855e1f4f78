// A small VGG-style network for 32x32 colour images, the kind a CIFAR-10 lab asks for:
// three blocks of two 3x3 "same" convolutions with ReLU (32, 64 and 128 filters), each
// followed by 2x2 max pooling, then a 128-unit hidden layer and the classifier. In the spirit
// of Simonyan & Zisserman's configurations, scaled to 32x32; 550,570 parameters for 10 classes:
//   block 1: 3*3*3*32+32 = 896, 3*3*32*32+32 = 9,248; block 2: 18,496, 36,928;
//   block 3: 73,856, 147,584; dense 2048*128+128 = 262,272; output 128*10+10 = 1,290.

import * as tf from '@tensorflow/tfjs';
import type { ReferenceOptions } from './options';

export function buildVggCifar({ inputShape = [32, 32, 3], numClasses = 10 }: ReferenceOptions = {}): tf.LayersModel {
  const layers: tf.layers.Layer[] = [];
  [32, 64, 128].forEach((filters, block) => {
    for (let i = 1; i <= 2; i++) {
      const first = block === 0 && i === 1;
      layers.push(tf.layers.conv2d({ ...(first ? { inputShape } : {}), filters, kernelSize: 3, padding: 'same', activation: 'relu', name: `block${block + 1}_conv${i}` }));
    }
    layers.push(tf.layers.maxPooling2d({ poolSize: 2, name: `block${block + 1}_pool` }));
  });
  layers.push(tf.layers.flatten({ name: 'flatten' }), tf.layers.dense({ units: 128, activation: 'relu', name: 'fc' }), tf.layers.dense({ units: numClasses, activation: 'softmax', name: 'predictions' }));
  return tf.sequential({ name: 'vgg_cifar', layers });
}
