// The comparable form of a model: what each layer computes, in order, with the spelling
// differences removed (input layers dropped, separate activation layers folded into the
// linear layer before them, names ignored).

import type { LayerSignature, ModelSummary } from '../types';

export interface SequenceEntry {
  /** The student's name for the layer, for messages. */
  name: string;
  signature: LayerSignature;
  /** Parameters of the layer (and of any activation layer folded into it: none). */
  params: number;
}

const TAKES_ACTIVATION = new Set(['Conv2D', 'Dense']);

export function layerSequence(summary: ModelSummary): SequenceEntry[] {
  const consumers = new Map<string, number>();
  for (const layer of summary.layers) for (const source of layer.inbound) consumers.set(source, (consumers.get(source) ?? 0) + 1);

  const entries: SequenceEntry[] = [];
  const byName = new Map<string, SequenceEntry>();
  for (const layer of summary.layers) {
    if (layer.className === 'InputLayer') continue;
    const sig = layer.signature;
    if (sig.className === 'Activation' && layer.inbound.length === 1) {
      const previous = byName.get(layer.inbound[0]);
      // Dense(units) + Activation('relu') computes what Dense(units, relu) does, as long as
      // nothing else reads the linear output.
      if (previous && TAKES_ACTIVATION.has(previous.signature.className) && previous.signature.activation === 'linear' && consumers.get(layer.inbound[0]) === 1) {
        previous.signature = { ...previous.signature, activation: sig.activation };
        byName.set(layer.name, previous);
        continue;
      }
      if (sig.activation === 'linear') {
        // Activation('linear') computes nothing.
        if (previous) byName.set(layer.name, previous);
        continue;
      }
    }
    const entry = { name: layer.name, signature: { ...sig }, params: layer.params };
    entries.push(entry);
    byName.set(layer.name, entry);
  }
  return entries;
}
