// The registry of reference architectures, by the name rubrics and the CLI use.

import type * as tf from '@tensorflow/tfjs';
import { buildLeNet5 } from './lenet5';
import type { ReferenceOptions } from './options';
import { buildVggCifar } from './vgg_cifar';

export interface ReferenceModel {
  name: string;
  description: string;
  build(options: ReferenceOptions): tf.LayersModel;
}

export const REFERENCES: Record<string, ReferenceModel> = {
  lenet5: { name: 'lenet5', description: 'LeNet-5 (LeCun et al. 1998), modern form: tanh, average pooling, softmax', build: buildLeNet5 },
  'vgg-cifar': { name: 'vgg-cifar', description: 'A VGG-style net for 32x32 images: 3 blocks of two 3x3 convolutions (32, 64, 128)', build: buildVggCifar },
};

export function referenceNames(): string[] {
  return Object.keys(REFERENCES).sort();
}
