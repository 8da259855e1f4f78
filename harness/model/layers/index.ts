// Every layer class the harness can grade, by name: one descriptor each, kept by family as
// tfjs-layers keeps them (core, activations, convolutional, pooling, merge, normalization, noise).

import type { LayerDescriptor } from './descriptor';
import { eluLayer, leakyReluLayer, preluLayer, reluLayer, softmaxLayer, thresholdedReluLayer } from './activations';
import { conv1d, conv2d, conv2dTranspose, cropping2d, depthwiseConv2d, separableConv2d, upSampling2d, zeroPadding2d } from './convolutional';
import { activationLayer, dense, dropout, flatten, inputLayer, permute, repeatVector, rescaling, reshape, spatialDropout1d } from './core';
import { add, average, concatenate, maximum, minimum, multiply } from './merge';
import { alphaDropout, gaussianDropout, gaussianNoise } from './noise';
import { batchNormalization, layerNormalization, lrn } from './normalization';
import { averagePooling1d, averagePooling2d, globalAveragePooling1d, globalAveragePooling2d, globalMaxPooling1d, globalMaxPooling2d, maxPooling1d, maxPooling2d } from './pooling';

const ALL: LayerDescriptor[] = [
  inputLayer,
  dense,
  flatten,
  reshape,
  permute,
  repeatVector,
  rescaling,
  dropout,
  spatialDropout1d,
  activationLayer,
  reluLayer,
  softmaxLayer,
  leakyReluLayer,
  preluLayer,
  eluLayer,
  thresholdedReluLayer,
  conv1d,
  conv2d,
  separableConv2d,
  depthwiseConv2d,
  conv2dTranspose,
  zeroPadding2d,
  cropping2d,
  upSampling2d,
  maxPooling1d,
  averagePooling1d,
  globalAveragePooling1d,
  globalMaxPooling1d,
  maxPooling2d,
  averagePooling2d,
  globalAveragePooling2d,
  globalMaxPooling2d,
  add,
  multiply,
  average,
  maximum,
  minimum,
  concatenate,
  batchNormalization,
  layerNormalization,
  lrn,
  gaussianNoise,
  gaussianDropout,
  alphaDropout,
];

/** A Map, not an object: a class_name of "constructor" or "__proto__" must find nothing. */
export const LAYER_DESCRIPTORS: ReadonlyMap<string, LayerDescriptor> = new Map(ALL.map((d) => [d.className, d]));

/** The layer classes a submission may use; anything else is refused before any check. */
export const SUPPORTED_LAYER_CLASSES = [...LAYER_DESCRIPTORS.keys()].sort();
