// Every layer class the harness can grade, by name: one descriptor each, kept by family.

import type { LayerDescriptor } from './descriptor';
import { conv2d, zeroPadding2d } from './convolutional';
import { activationLayer, dense, dropout, flatten, inputLayer, reluLayer, reshape, softmaxLayer } from './core';
import { add, average, concatenate, maximum, multiply } from './merge';
import { batchNormalization, lrn } from './normalization';
import { averagePooling2d, globalAveragePooling2d, globalMaxPooling2d, maxPooling2d } from './pooling';

const ALL: LayerDescriptor[] = [
  inputLayer,
  dense,
  flatten,
  reshape,
  dropout,
  activationLayer,
  reluLayer,
  softmaxLayer,
  conv2d,
  zeroPadding2d,
  maxPooling2d,
  averagePooling2d,
  globalAveragePooling2d,
  globalMaxPooling2d,
  add,
  multiply,
  average,
  maximum,
  concatenate,
  batchNormalization,
  lrn,
];

/** A Map, not an object: a class_name of "constructor" or "__proto__" must find nothing. */
export const LAYER_DESCRIPTORS: ReadonlyMap<string, LayerDescriptor> = new Map(ALL.map((d) => [d.className, d]));

/** The layer classes a submission may use; anything else is refused before any check. */
export const SUPPORTED_LAYER_CLASSES = [...LAYER_DESCRIPTORS.keys()].sort();
