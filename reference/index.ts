// The registry of reference architectures, by the names rubrics and the CLI use. Each is a
// topology (no weights until a model is built from it, e.g. for training).

import type { CanonicalTopology } from '../harness/model/canonical_topology';
import { alexnetTopology } from './alexnet';
import { googlenetTopology, inceptionCifarTopology } from './googlenet';
import { inceptionV3Topology } from './inception_v3';
import { lenet1Topology } from './lenet1';
import { lenet5Topology } from './lenet5';
import { ninTopology } from './nin';
import { inlineTopology, type InlineLayer } from './inline';
import type { ReferenceOptions } from './options';
import { resnet20KerasTopology, resnet20Topology, resnetTopology } from './resnet';
import { vggCifarTopology, vggTopology } from './vgg';

export interface ReferenceModel {
  description: string;
  /** The input shape and classes when a rubric or the command line gives none. */
  defaults: { inputShape: number[]; numClasses: number };
  topology(options: ReferenceOptions): CanonicalTopology;
}

const ref = (description: string, inputShape: number[], numClasses: number, topology: (o: ReferenceOptions) => CanonicalTopology): ReferenceModel => ({
  description,
  defaults: { inputShape, numClasses },
  topology: (o) => topology({ inputShape: o.inputShape ?? inputShape, numClasses: o.numClasses ?? numClasses }),
});

const IMAGENET = [224, 224, 3];

export const REFERENCES: Record<string, ReferenceModel> = {
  lenet1: ref('LeNet-1 (LeCun et al. 1989): two 5x5 convolutions, 4 and 12 maps', [28, 28, 1], 10, lenet1Topology),
  lenet5: ref('LeNet-5 (LeCun et al. 1998), modern form: tanh, average pooling, softmax', [28, 28, 1], 10, lenet5Topology),
  alexnet: ref('AlexNet (Krizhevsky et al. 2012), one tower: 96-256-384-384-256, LRN', [227, 227, 3], 1000, alexnetTopology),
  vgg11: ref('VGG configuration A (Simonyan and Zisserman 2015)', IMAGENET, 1000, (o) => vggTopology('A', o)),
  'vgg11-lrn': ref('VGG configuration A-LRN: A with local response normalisation', IMAGENET, 1000, (o) => vggTopology('A-LRN', o)),
  vgg13: ref('VGG configuration B', IMAGENET, 1000, (o) => vggTopology('B', o)),
  vgg16c: ref('VGG configuration C: 1x1 convolutions in blocks 3 to 5', IMAGENET, 1000, (o) => vggTopology('C', o)),
  vgg16: ref('VGG configuration D (Keras VGG16)', IMAGENET, 1000, (o) => vggTopology('D', o)),
  vgg19: ref('VGG configuration E (Keras VGG19)', IMAGENET, 1000, (o) => vggTopology('E', o)),
  'vgg-cifar': ref('A VGG-style net for 32x32 images: 3 blocks of two 3x3 convolutions (32, 64, 128)', [32, 32, 3], 10, vggCifarTopology),
  nin: ref('Network-in-Network (Lin et al. 2014) for CIFAR-10: three mlpconv blocks, global average pooling', [32, 32, 3], 10, ninTopology),
  googlenet: ref('GoogLeNet / Inception v1 (Szegedy et al. 2015), Table 1, with LRN', IMAGENET, 1000, googlenetTopology),
  'googlenet-aux': ref('GoogLeNet with its two auxiliary classifiers (three outputs)', IMAGENET, 1000, (o) => googlenetTopology({ ...o, auxHeads: true })),
  'inception-cifar': ref('Two inception modules for 32x32 images, a lab-sized GoogLeNet', [32, 32, 3], 10, inceptionCifarTopology),
  'inception-v3': ref('Inception v3 (Szegedy et al. 2016) as Keras Applications builds it', [299, 299, 3], 1000, inceptionV3Topology),
  resnet18: ref('ResNet-18 (He et al. 2016): basic blocks', IMAGENET, 1000, (o) => resnetTopology(18, o)),
  resnet34: ref('ResNet-34: basic blocks', IMAGENET, 1000, (o) => resnetTopology(34, o)),
  resnet50: ref('ResNet-50: bottleneck blocks (Keras ResNet50)', IMAGENET, 1000, (o) => resnetTopology(50, o)),
  resnet101: ref('ResNet-101 (Keras ResNet101)', IMAGENET, 1000, (o) => resnetTopology(101, o)),
  resnet152: ref('ResNet-152 (Keras ResNet152)', IMAGENET, 1000, (o) => resnetTopology(152, o)),
  resnet20: ref('ResNet-20 for CIFAR-10 (He et al. 2016, section 4.2)', [32, 32, 3], 10, resnet20Topology),
  'resnet20-keras': ref("ResNet-20 v1 as Keras' cifar10_resnet example builds it (conv biases, L2, unnormalised projections), as tfjs ports copy it", [32, 32, 3], 10, resnet20KerasTopology),
};

export function referenceNames(): string[] {
  return Object.keys(REFERENCES);
}

/** The topology a task is graded against: its named reference, or the layers it writes out. */
export function taskReferenceTopology(task: { reference?: string; expected?: InlineLayer[]; args: ReferenceOptions }): CanonicalTopology {
  if (task.expected) return inlineTopology(task.expected, task.args);
  return REFERENCES[task.reference!].topology(task.args);
}
