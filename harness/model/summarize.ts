// inspect: the static summary of a topology (layer table, output shapes, parameter counts),
// computed by the harness from the JSON alone, never by running the student's model.

import type { ModelTopology } from '../load/topology_format';
import type { LayerSummary, ModelSummary, Shape } from '../types';
import { ConfigReader } from './config_fields';
import { TopologyError, topologyToNodes } from './graph';
import { LAYER_RULES, SUPPORTED_LAYER_CLASSES } from './layer_rules';

export function summarize(topology: ModelTopology): ModelSummary {
  const nodes = topologyToNodes(topology);
  const shapes = new Map<string, Shape>();
  const layers: LayerSummary[] = [];
  for (const node of nodes) {
    const cfg = new ConfigReader(node.name, node.config);
    if (node.className === 'InputLayer') {
      const shape = cfg.shape('batch_input_shape', { allowNull: true });
      if (shape[0] !== null) throw cfg.invalid('batch_input_shape', 'null as its first (batch) dimension');
      shapes.set(node.name, shape);
      layers.push({ name: node.name, className: 'InputLayer', outputShape: shape, params: 0, trainableParams: 0, inbound: [], signature: { className: 'InputLayer' } });
      continue;
    }
    const rule = LAYER_RULES[node.className];
    if (!rule) {
      throw new TopologyError(`layer "${node.name}" is a ${node.className}, which the harness does not support (supported: ${SUPPORTED_LAYER_CLASSES.join(', ')})`);
    }
    const facts = rule(node.inbound.map((n) => shapes.get(n)!), cfg, node.className);
    shapes.set(node.name, facts.outputShape);
    layers.push({ name: node.name, className: node.className, inbound: node.inbound, ...facts });
  }
  const inputs = layers.filter((l) => l.className === 'InputLayer');
  const outputs = outputNames(topology, layers);
  if (inputs.length !== 1) throw new TopologyError(`the model has ${inputs.length} inputs; a lab model has one`);
  const totalParams = layers.reduce((sum, l) => sum + l.params, 0);
  const trainableParams = layers.reduce((sum, l) => sum + l.trainableParams, 0);
  return {
    name: typeof topology.config.name === 'string' ? topology.config.name : 'model',
    inputShape: inputs[0].outputShape,
    outputShape: shapes.get(outputs[0])!,
    outputCount: outputs.length,
    layers,
    totalParams,
    trainableParams,
    nonTrainableParams: totalParams - trainableParams,
  };
}

function outputNames(topology: ModelTopology, layers: LayerSummary[]): string[] {
  if (topology.class_name === 'Sequential') return [layers[layers.length - 1].name];
  return [...new Set(topology.config.output_layers.map((ref) => ref[0]))];
}
