// inspect: the static summary of a canonical topology (layer table, output shapes, parameter
// counts), computed by the harness from its own topology, never by running the student's model.

import type { LayerSummary, ModelSummary, Shape } from '../types';
import type { CanonicalTopology } from './canonical_topology';
import { LAYER_DESCRIPTORS } from './layers';

export function summarize(topology: CanonicalTopology): ModelSummary {
  const shapes = new Map<string, Shape>();
  const layers: LayerSummary[] = [];
  for (const layer of topology.config.layers) {
    // canonicalTopology() accepted only classes with a descriptor.
    const descriptor = LAYER_DESCRIPTORS.get(layer.class_name)!;
    const inbound = layer.inbound_nodes.flat().map((ref) => ref[0]);
    const facts = descriptor.facts(
      inbound.map((n) => shapes.get(n)!),
      layer.config,
      { name: layer.name, className: layer.class_name },
    );
    // A frozen layer's weights still count, but none of them train.
    const trainableParams = layer.config.trainable === false ? 0 : facts.trainableParams;
    shapes.set(layer.name, facts.outputShape);
    layers.push({ name: layer.name, className: layer.class_name, inbound, ...facts, trainableParams });
  }
  const totalParams = layers.reduce((sum, l) => sum + l.params, 0);
  const trainableParams = layers.reduce((sum, l) => sum + l.trainableParams, 0);
  const outputs = topology.config.output_layers.map((ref) => ref[0]);
  return {
    name: topology.config.name,
    ...(topology.sequential ? { sequential: true } : {}),
    inputShape: shapes.get(topology.config.input_layers[0][0])!,
    outputShape: shapes.get(outputs[0])!,
    outputCount: outputs.length,
    layers,
    totalParams,
    trainableParams,
    nonTrainableParams: totalParams - trainableParams,
  };
}
