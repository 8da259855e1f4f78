// Turns a Sequential or functional topology into one list of layer nodes in the order
// they compute, each naming the layers it reads from.

import type { LayerJson, ModelTopology } from '../load/topology_format';

export interface LayerNode {
  name: string;
  className: string;
  config: Record<string, unknown>;
  inbound: string[];
}

export class TopologyError extends Error {
  override name = 'TopologyError';
}

export function topologyToNodes(topology: ModelTopology): LayerNode[] {
  return topology.class_name === 'Sequential' ? sequentialNodes(topology.config.layers) : functionalNodes(topology);
}

function configName(layer: LayerJson, index: number): string {
  const fromConfig = layer.config.name;
  if (typeof fromConfig === 'string' && fromConfig.length > 0) return fromConfig.slice(0, 200);
  return layer.name ?? `layer_${index}`;
}

function sequentialNodes(layers: LayerJson[]): LayerNode[] {
  const nodes: LayerNode[] = [];
  const first = layers[0];
  if (first.class_name !== 'InputLayer') {
    // tfjs records the input shape on the first layer; make it an explicit input node so
    // that Sequential and functional models look alike from here on.
    const shape = first.config.batch_input_shape ?? batchShapeFrom(first.config.input_shape);
    if (shape === undefined) throw new TopologyError(`the first layer (${configName(first, 0)}) has no input shape`);
    nodes.push({ name: unusedName('input', layers.map(configName)), className: 'InputLayer', config: { batch_input_shape: shape }, inbound: [] });
  }
  const seen = new Set<string>();
  layers.forEach((layer, i) => {
    const name = configName(layer, i);
    // tfjs itself refuses a model with two layers of one name: only a forged topology has them.
    if (seen.has(name)) throw new TopologyError(`two layers are named "${name}"`);
    seen.add(name);
    const inbound = nodes.length ? [nodes[nodes.length - 1].name] : [];
    nodes.push({ name, className: layer.class_name, config: layer.config, inbound });
  });
  return nodes;
}

/** `base`, or `base_1`, `base_2`... : the first that no layer is named. */
function unusedName(base: string, taken: string[]): string {
  const names = new Set(taken);
  let name = base;
  for (let i = 1; names.has(name); i++) name = `${base}_${i}`;
  return name;
}

function batchShapeFrom(inputShape: unknown): unknown {
  return Array.isArray(inputShape) ? [null, ...inputShape] : undefined;
}

function functionalNodes(topology: Extract<ModelTopology, { class_name: 'Model' | 'Functional' }>): LayerNode[] {
  const byName = new Map<string, LayerNode>();
  for (const layer of topology.config.layers) {
    if (byName.has(layer.name)) throw new TopologyError(`two layers are named "${layer.name}"`);
    if (layer.inbound_nodes.length > 1) {
      throw new TopologyError(`layer "${layer.name}" is applied ${layer.inbound_nodes.length} times; shared layers are not supported`);
    }
    const refs = layer.inbound_nodes[0] ?? [];
    // Each layer is applied once and yields one tensor, so every reference is to node 0, tensor 0.
    const shared = refs.find((ref) => ref[1] !== 0 || ref[2] !== 0);
    if (shared) throw new TopologyError(`layer "${layer.name}" reads output ${shared[2]} of call ${shared[1]} of "${shared[0]}"; shared layers are not supported`);
    const inbound = refs.map((ref) => ref[0]);
    byName.set(layer.name, { name: layer.name, className: layer.class_name, config: layer.config, inbound });
  }
  for (const node of byName.values()) {
    for (const source of node.inbound) {
      if (!byName.has(source)) throw new TopologyError(`layer "${node.name}" reads from "${source}", which is not in the model`);
    }
  }
  return topologicalOrder(byName);
}

/** Depth-first order that keeps the file's order where the graph allows; rejects cycles. */
function topologicalOrder(byName: Map<string, LayerNode>): LayerNode[] {
  const ordered: LayerNode[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (node: LayerNode): void => {
    const s = state.get(node.name);
    if (s === 'done') return;
    if (s === 'visiting') throw new TopologyError(`the model has a cycle through layer "${node.name}"`);
    state.set(node.name, 'visiting');
    for (const source of node.inbound) visit(byName.get(source)!);
    state.set(node.name, 'done');
    ordered.push(node);
  };
  for (const node of byName.values()) visit(node);
  return ordered;
}
