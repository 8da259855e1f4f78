// Whether a model's output is a probability distribution: its last computation is a softmax
// over all of the output's values. Read from the summary's signatures, walking back from the
// output through what only moves values (Flatten, Reshape) or computes nothing
// (Activation('linear')), so Dense(10) + Activation('softmax'), Dense(10, 'softmax') and
// Dense(10) + Softmax() all count, as layer_sequence.ts folds them. The rubric's output check
// grades it, and training picks its loss by it (probabilities or logits): one definition for both.

import { formatValue } from '../format';
import type { LayerSummary, ModelSummary } from '../types';

/** Classes that rearrange their input's values without changing any. */
const MOVES_VALUES = new Set(['Flatten', 'Reshape']);

export interface OutputDistribution {
  /** The output layer's name. */
  output: string;
  /** What the last computation is, for a report's "found": "softmax", "activation relu", "a MaxPooling2D layer". */
  last: string;
  /** Why the output is not one probability distribution, in words a student can act on; null when it is. */
  problem: string | null;
}

/** The layers nothing else reads: the model's outputs, in the model's order. */
export function outputLayers(summary: ModelSummary): LayerSummary[] {
  const read = new Set(summary.layers.flatMap((l) => l.inbound));
  return summary.layers.filter((l) => !read.has(l.name) && l.className !== 'InputLayer');
}

const valuesPerImage = (layer: LayerSummary) => layer.outputShape.slice(1).reduce<number>((n, d) => n * (d ?? 1), 1);

export function outputDistribution(summary: ModelSummary, output: string): OutputDistribution {
  const byName = new Map(summary.layers.map((l) => [l.name, l]));
  const outputLayer = byName.get(output);
  if (!outputLayer) throw new Error(`the model has no layer "${output}"`);
  let layer = outputLayer;
  for (;;) {
    const passes = MOVES_VALUES.has(layer.signature.className) || (layer.signature.className === 'Activation' && layer.signature.activation === 'linear');
    const source = layer.inbound.length === 1 ? byName.get(layer.inbound[0]) : undefined;
    if (!passes || !source || source.className === 'InputLayer') break;
    layer = source;
  }
  const activation = layer.signature.activation;
  if (activation === undefined) {
    const last = `a ${layer.signature.className} layer`;
    return { output, last, problem: `the model ends with ${last} (${layer.name}), not a softmax: the outputs are not probabilities; end it with activation: 'softmax'` };
  }
  if (activation !== 'softmax') {
    return { output, last: `activation ${activation}`, problem: `the last layer's activation is ${activation}: the outputs are not probabilities; use activation: 'softmax' in ${layer.name}` };
  }
  // A softmax sums to 1 over its last axis: over the whole output only when that axis is all of it.
  const group = layer.outputShape[layer.outputShape.length - 1];
  const total = valuesPerImage(outputLayer);
  if (group !== total) {
    return {
      output,
      last: 'softmax',
      problem: `the softmax of ${layer.name} sums to 1 over each group of ${formatValue(group ?? 'unknown')} of the ${formatValue(total)} outputs (its shape is ${formatValue(layer.outputShape)}): the outputs are not one probability distribution`,
    };
  }
  return { output, last: 'softmax', problem: null };
}
