// The multiply-adds one image costs a model's forward pass, from its static summary: what a
// grader can know about a model's training time before training it. Each layer class says
// its own cost (layers/); the rest cost about one operation per value.

import type { ModelSummary } from '../types';
import { LAYER_DESCRIPTORS } from './layers';
import { valuesPerImage } from './layers/descriptor';

export function multiplyAddsPerImage(summary: ModelSummary): number {
  const byName = new Map(summary.layers.map((l) => [l.name, l]));
  let total = 0;
  for (const layer of summary.layers) {
    if (layer.className === 'InputLayer') continue;
    const input = layer.inbound.length ? byName.get(layer.inbound[0])?.outputShape : undefined;
    const cost = LAYER_DESCRIPTORS.get(layer.className)?.multiplyAdds;
    total += cost ? cost(layer, input) : valuesPerImage(layer.outputShape);
  }
  return total;
}
