// Turns a Sequential or functional topology into one list of layer nodes in the order
// they compute, each naming the layers it reads from, and the model's outputs. A model used
// as a layer (a tf.sequential inside a tf.model, as tfjs' GAN example writes its
// discriminator) is inlined: its layers join the graph as if written there, named
// "outer/inner", its input replaced by what feeds it.

import { modelTopologySchema, type LayerJson, type ModelTopology } from '../load/topology_format';

export interface LayerNode {
  name: string;
  className: string;
  config: Record<string, unknown>;
  inbound: string[];
}

export interface LayerGraph {
  nodes: LayerNode[];
  /** The layers whose outputs are the model's. */
  outputs: string[];
}

export class TopologyError extends Error {
  override name = 'TopologyError';
}

/** The classes of a model used as a layer. */
const MODEL_CLASSES = new Set(['Sequential', 'Model', 'Functional']);
/** Models inside models inside models: more is a forged topology, not a lab. */
const MAX_NESTING = 4;

export function topologyToNodes(topology: ModelTopology): LayerGraph {
  return graphOf(topology, 0);
}

function graphOf(topology: ModelTopology, depth: number): LayerGraph {
  return topology.class_name === 'Sequential' ? sequentialGraph(topology.config.layers, depth) : functionalGraph(topology, depth);
}

function configName(layer: LayerJson, index: number): string {
  const fromConfig = layer.config.name;
  if (typeof fromConfig === 'string' && fromConfig.length > 0) return fromConfig.slice(0, 200);
  return layer.name ?? `layer_${index}`;
}

/**
 * A model used as the layer `name` that reads `sources`: its nodes (without its own input),
 * renamed "name/inner", and the name of its output. What feeds it replaces its input.
 */
function inlinedModel(layer: LayerJson, name: string, sources: string[], depth: number): { nodes: LayerNode[]; output: string } {
  if (depth >= MAX_NESTING) throw new TopologyError(`layer "${name}" nests models more than ${MAX_NESTING} deep`);
  if (sources.length !== 1) throw new TopologyError(`layer "${name}" is a model used as a layer with ${sources.length} inputs; a model inside a model must take one`);
  const parsed = modelTopologySchema.safeParse({ class_name: layer.class_name, config: layer.config });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new TopologyError(`layer "${name}" is a ${layer.class_name} the harness cannot read${issue.path.length ? ` at ${issue.path.join('.')}` : ''}: ${issue.message}`);
  }
  const inner = graphOf(parsed.data, depth + 1);
  const inputs = inner.nodes.filter((n) => n.className === 'InputLayer');
  if (inputs.length !== 1 || inner.outputs.length !== 1) throw new TopologyError(`layer "${name}" is a model with ${inputs.length} inputs and ${inner.outputs.length} outputs; a model inside a model must have one of each`);
  const rename = (inner: string) => (inner === inputs[0].name ? sources[0] : `${name}/${inner}`);
  const nodes = inner.nodes.filter((n) => n !== inputs[0]).map((n) => ({ ...n, name: rename(n.name), inbound: n.inbound.map(rename) }));
  return { nodes, output: rename(inner.outputs[0]) };
}

function sequentialGraph(layers: LayerJson[], depth: number): LayerGraph {
  const nodes: LayerNode[] = [];
  const first = layers[0];
  if (first.class_name !== 'InputLayer') {
    // tfjs records the input shape on the first layer; make it an explicit input node so
    // that Sequential and functional models look alike from here on. A Sequential inside a
    // model has none: its input is replaced by what feeds it (inlinedModel).
    const shape = first.config.batch_input_shape ?? batchShapeFrom(first.config.input_shape);
    if (shape === undefined && depth === 0) throw new TopologyError(`the first layer (${configName(first, 0)}) has no input shape`);
    nodes.push({ name: unusedName('input', layers.map(configName)), className: 'InputLayer', config: { batch_input_shape: shape }, inbound: [] });
  }
  const seen = new Set<string>();
  let last = nodes.length ? nodes[0].name : undefined;
  layers.forEach((layer, i) => {
    const name = configName(layer, i);
    // tfjs itself refuses a model with two layers of one name: only a forged topology has them.
    if (seen.has(name)) throw new TopologyError(`two layers are named "${name}"`);
    seen.add(name);
    const inbound = last === undefined ? [] : [last];
    if (MODEL_CLASSES.has(layer.class_name)) {
      const inlined = inlinedModel(layer, name, inbound, depth);
      nodes.push(...inlined.nodes);
      last = inlined.output;
    } else {
      nodes.push({ name, className: layer.class_name, config: layer.config, inbound });
      last = name;
    }
  });
  return { nodes, outputs: [last!] };
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

function functionalGraph(topology: Extract<ModelTopology, { class_name: 'Model' | 'Functional' }>, depth: number): LayerGraph {
  const byName = new Map<string, LayerNode>();
  // An inlined model's name stands for its output layer.
  const alias = new Map<string, string>();
  const add = (node: LayerNode) => {
    if (byName.has(node.name) || alias.has(node.name)) throw new TopologyError(`two layers are named "${node.name}"`);
    byName.set(node.name, node);
  };
  // tfjs counts a model's own input as its call 0, so the one call of a model used as a layer is call 1.
  const models = new Set(topology.config.layers.filter((l) => MODEL_CLASSES.has(l.class_name)).map((l) => l.name));
  for (const layer of topology.config.layers) {
    if (layer.inbound_nodes.length > 1) {
      throw new TopologyError(`layer "${layer.name}" is applied ${layer.inbound_nodes.length} times; shared layers are not supported`);
    }
    const refs = layer.inbound_nodes[0] ?? [];
    // Each layer is applied once and yields one tensor, so every reference is to node 0, tensor 0.
    const shared = refs.find((ref) => ref[2] !== 0 || (ref[1] !== 0 && !(ref[1] === 1 && models.has(ref[0]))));
    if (shared) throw new TopologyError(`layer "${layer.name}" reads output ${shared[2]} of call ${shared[1]} of "${shared[0]}"; shared layers are not supported`);
    const inbound = refs.map((ref) => ref[0]);
    if (MODEL_CLASSES.has(layer.class_name)) {
      const inlined = inlinedModel(layer, layer.name, inbound, depth);
      inlined.nodes.forEach(add);
      if (byName.has(layer.name)) throw new TopologyError(`two layers are named "${layer.name}"`);
      alias.set(layer.name, inlined.output);
    } else {
      add({ name: layer.name, className: layer.class_name, config: layer.config, inbound });
    }
  }
  const resolve = (name: string) => alias.get(name) ?? name;
  for (const node of byName.values()) {
    node.inbound = node.inbound.map(resolve);
    for (const source of node.inbound) {
      if (!byName.has(source)) throw new TopologyError(`layer "${node.name}" reads from "${source}", which is not in the model`);
    }
  }
  const outputs = [...new Set(topology.config.output_layers.map((ref) => resolve(ref[0])))];
  return { nodes: topologicalOrder(byName), outputs };
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
