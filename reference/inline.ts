// A reference written in the rubric itself, for a lab whose network is none of the lecture's:
// a chain of layers, each a tfjs class name and its tfjs arguments, e.g.
//   expected:
//     - { class: Conv2D, filters: 8, kernelSize: 3, activation: relu }
//     - { class: MaxPooling2D, poolSize: 2 }
//     - { class: Flatten }
//     - { class: Dense, units: 10, activation: softmax }
// The task's args give the input shape; arguments are checked like a student's layer config.

import type { ModelTopology } from '../harness/load/topology_format';
import { GraphBuilder, KERNEL_INITIALIZER, ZEROS } from './graph_builder';
import type { ReferenceOptions } from './options';

export interface InlineLayer {
  class: string;
  [arg: string]: unknown;
}

const snake = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

export function inlineTopology(layers: InlineLayer[], { inputShape = [28, 28, 1] }: ReferenceOptions): ModelTopology {
  const g = new GraphBuilder('expected');
  let x = g.input(inputShape);
  for (const { class: className, ...args } of layers) {
    const config: Record<string, unknown> = Object.fromEntries(Object.entries(args).map(([k, v]) => [snake(k), v]));
    // Initializers written out, as training seeds them.
    if (className === 'Conv2D' || className === 'Dense') Object.assign(config, { kernel_initializer: KERNEL_INITIALIZER, bias_initializer: ZEROS }, config);
    x = g.layer(className, config, x);
  }
  return g.topology(x);
}
