// A reference written in the rubric itself, for a lab whose network is none of the lecture's:
// a chain of layers, each a tfjs class name and its tfjs arguments, e.g.
//   expected:
//     - { class: Conv2D, filters: 8, kernelSize: 3, activation: relu }
//     - { class: MaxPooling2D, poolSize: 2 }
//     - { class: Flatten }
//     - { class: Dense, units: 10, activation: softmax }
// The task's args give the input shape; arguments are checked like a student's layer config.

import type { CanonicalTopology } from '../harness/model/canonical_topology';
import { LAYER_DESCRIPTORS } from '../harness/model/layers';
import { GraphBuilder } from './graph_builder';
import type { ReferenceOptions } from './options';

export interface InlineLayer {
  class: string;
  [arg: string]: unknown;
}

const snake = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** "layer 2 (Dense): unknown argument activaton; Dense takes units, activation, useBias" for each mistake. */
export function inlineArgumentProblems(layers: InlineLayer[]): { index: number; message: string }[] {
  return layers.flatMap(({ class: className, ...args }, index) => {
    const known = LAYER_DESCRIPTORS.get(className)?.inlineArgs;
    if (!known) return [{ index, message: `${className} cannot be written inline (it merges branches or is not a layer class tfjs has); name a reference instead` }];
    return Object.keys(args)
      .filter((k) => k !== 'name' && !known.includes(k))
      .map((k) => ({ index, message: `unknown argument ${k} for ${className}; it takes ${known.length ? known.join(', ') : 'none'} (and name)` }));
  });
}

export function inlineTopology(layers: InlineLayer[], { inputShape = [28, 28, 1] }: ReferenceOptions): CanonicalTopology {
  const g = new GraphBuilder('expected');
  let x = g.input(inputShape);
  for (const { class: className, name, ...args } of layers) {
    const config: Record<string, unknown> = Object.fromEntries(Object.entries(args).map(([k, v]) => [snake(k), v]));
    // The builder makes names unique, also ones written twice.
    x = g.layer(className, config, x, typeof name === 'string' ? name : undefined);
  }
  return g.topology(x);
}
