// The multiply-adds one image costs a model's forward pass, from its static summary: what a
// grader can know about a model's training time before training it.

import type { ModelSummary, Shape } from '../types';

const size = (shape: Shape) => shape.slice(1).reduce<number>((n, d) => n * (d ?? 1), 1);

export function multiplyAddsPerImage(summary: ModelSummary): number {
  const byName = new Map(summary.layers.map((l) => [l.name, l]));
  let total = 0;
  for (const layer of summary.layers) {
    if (layer.className === 'InputLayer') continue;
    const sig = layer.signature;
    const input = layer.inbound.length ? byName.get(layer.inbound[0])?.outputShape : undefined;
    if (sig.className === 'Conv2D' && input && sig.kernelSize) {
      // Each output value: a kernel's window over every input channel.
      total += size(layer.outputShape) * sig.kernelSize[0] * sig.kernelSize[1] * (input[input.length - 1] ?? 1);
    } else if (sig.className === 'Dense' && input) {
      total += size(layer.outputShape) * (input[input.length - 1] ?? 1);
    } else if (sig.poolSize) {
      // Each pooled value reads its whole window.
      total += size(layer.outputShape) * sig.poolSize[0] * sig.poolSize[1];
    } else if (sig.lrn) {
      total += size(layer.outputShape) * (2 * sig.lrn[0] + 1);
    } else if (input && (sig.className === 'GlobalAveragePooling2D' || sig.className === 'GlobalMaxPooling2D')) {
      total += size(input);
    } else {
      // Pooling, normalisation, activations: about one operation per value.
      total += size(layer.outputShape);
    }
  }
  return total;
}
