// The harness's own topology of a model: the sandbox's answer parsed once, layer by layer,
// through each class's strict schema (layers/), and written out again by the harness. Every
// later stage (summary, checks, compute estimate, seeding, training) reads this object, so the
// model that is checked is the model that trains, and tfjs never sees a key the harness did
// not write (a student's `units_` beside `units` is refused, not silently merged by tfjs).

import type { z } from 'zod';
import type { ModelTopology } from '../load/topology_format';
import { TopologyError, topologyToNodes, type LayerNode } from './graph';
import { LAYER_DESCRIPTORS, SUPPORTED_LAYER_CLASSES } from './layers';
import type { LayerDescriptor } from './layers/descriptor';

type InboundRef = [string, 0, 0, Record<string, never>];

export interface CanonicalLayer {
  name: string;
  class_name: string;
  /** Written by the harness: the class's schema output plus name, trainable and dtype. */
  config: Record<string, unknown>;
  inbound_nodes: InboundRef[][];
}

declare const canonicalBrand: unique symbol;

/** A functional Keras topology that only canonicalTopology() makes (the brand says so to the compiler). */
export type CanonicalTopology = {
  class_name: 'Model';
  /** Written as a Sequential model: its input layer is the harness's, and reports leave it out. tfjs reads only class_name and config. */
  sequential?: true;
  config: { name: string; layers: CanonicalLayer[]; input_layers: [string, 0, 0][]; output_layers: [string, 0, 0][] };
} & { readonly [canonicalBrand]: true };

/** Keys every layer may carry besides its class's own; only name and trainable are kept. */
const COMMON_KEYS = new Set(['name', 'trainable', 'dtype', 'batch_input_shape']);

/**
 * tfjs' own rule for layer (tensor) names: it refuses others when a layer is made, so only a
 * layer renamed after it was built or a forged topology has them, and a name that could forge
 * lines or reorder text where people read it is never one.
 */
const LAYER_NAME = /^[A-Za-z0-9][-A-Za-z0-9._/]{0,199}$/;

/** The start of a student's value for a message; never throws, though a value may nest a million arrays deep. */
function preview(value: unknown): string {
  try {
    return (JSON.stringify(value) ?? 'nothing').slice(0, 60);
  } catch {
    return 'a value nested too deeply to show';
  }
}

function describeIssue(issue: z.core.$ZodIssue, config: Record<string, unknown>, layer: string, className: string, descriptor: LayerDescriptor): string {
  if (issue.code === 'unrecognized_keys') {
    const keys = issue.keys.slice(0, 5).join(', ');
    if (issue.path.length) return `layer "${layer}": ${issue.path.join('.')} has a setting the harness does not know: ${keys}`;
    return `layer "${layer}" (${className}) has a setting the harness does not know: ${keys}; a ${className} takes ${knownKeys(descriptor).join(', ')}`;
  }
  const field = issue.path.join('.');
  const value = issue.path.reduce<unknown>((v, key) => (v !== null && typeof v === 'object' && Object.hasOwn(v, key) ? (v as Record<PropertyKey, unknown>)[key as PropertyKey] : undefined), config);
  const shown = preview(value);
  return `layer "${layer}": ${field || 'its config'} is ${shown}, expected ${issue.message}`;
}

function knownKeys(descriptor: LayerDescriptor): string[] {
  const shape = (descriptor.config as unknown as { shape?: Record<string, unknown>; def?: { in?: { shape?: Record<string, unknown> } } });
  const keys = shape.shape ?? shape.def?.in?.shape ?? {};
  return Object.keys(keys);
}

/** One layer's config through its class's schema, plus the keys common to every layer. */
function canonicalConfig(name: string, className: string, raw: Record<string, unknown>, descriptor: LayerDescriptor): Record<string, unknown> {
  const own: Record<string, unknown> = {};
  // The input's shape is InputLayer's own setting; on other layers tfjs leaves it where a
  // Sequential model was given inputShape, and graph.ts has made it an InputLayer already.
  for (const [key, value] of Object.entries(raw)) if (!COMMON_KEYS.has(key) || (className === 'InputLayer' && key === 'batch_input_shape')) own[key] = value;
  const trainable = raw.trainable ?? true;
  if (typeof trainable !== 'boolean') throw new TopologyError(`layer "${name}": trainable is ${preview(trainable)}, expected true or false`);
  if (raw.dtype !== undefined && raw.dtype !== 'float32') throw new TopologyError(`layer "${name}": dtype is ${preview(raw.dtype)}, expected float32`);
  const parsed = descriptor.config.safeParse(own);
  if (!parsed.success) throw new TopologyError(describeIssue(parsed.error.issues[0], own, name, className, descriptor));
  return { name, trainable, dtype: 'float32', ...parsed.data };
}

export function canonicalTopology(raw: ModelTopology): CanonicalTopology {
  const { nodes, outputs } = topologyToNodes(raw);
  refuseUnknownClasses(nodes);
  const layers: CanonicalLayer[] = [];
  for (const node of nodes) {
    if (!LAYER_NAME.test(node.name)) throw new TopologyError(`a layer's name is not one tfjs allows (a letter or digit, then letters, digits, - . _ /): ${JSON.stringify(node.name).slice(0, 80)}`);
    // refuseUnknownClasses() has named any class without one.
    const descriptor = LAYER_DESCRIPTORS.get(node.className)!;
    const config = canonicalConfig(node.name, node.className, node.config, descriptor);
    if (node.className === 'InputLayer') delete config.trainable;
    layers.push({ name: node.name, class_name: node.className, config, inbound_nodes: node.inbound.length ? [node.inbound.map((source): InboundRef => [source, 0, 0, {}])] : [] });
  }
  const inputs = layers.filter((l) => l.class_name === 'InputLayer');
  if (inputs.length !== 1) throw new TopologyError(`the model has ${inputs.length} inputs; a lab model has one`);
  for (const output of outputs) if (!layers.some((l) => l.name === output)) throw new TopologyError(`the model's output "${output}" is not one of its layers`);
  refuseDeadEnds(layers, outputs);
  const name = typeof raw.config.name === 'string' && LAYER_NAME.test(raw.config.name) ? raw.config.name : 'model';
  return {
    class_name: 'Model',
    ...(raw.class_name === 'Sequential' ? { sequential: true } : {}),
    config: { name, layers, input_layers: [[inputs[0].name, 0, 0]], output_layers: outputs.map((o): [string, 0, 0] => [o, 0, 0]) },
  } as CanonicalTopology;
}

/** Every class the harness has no descriptor for, named in one message: a student fixes them all at once. */
function refuseUnknownClasses(nodes: LayerNode[]): void {
  const unknown = nodes.filter((n) => !LAYER_DESCRIPTORS.has(n.className));
  if (unknown.length === 0) return;
  const named = unknown.slice(0, 10).map((n) => `layer "${n.name}" is a ${n.className.slice(0, 100)}`);
  const more = unknown.length > 10 ? ` and ${unknown.length - 10} more` : '';
  const classes = new Set(unknown.map((n) => n.className)).size;
  throw new TopologyError(`${named.join(', ')}${more}: ${classes === 1 ? 'a class' : 'classes'} the harness does not support (supported: ${SUPPORTED_LAYER_CLASSES.join(', ')})`);
}

/** Every layer must lead to an output: tfjs builds only those, and the summary must count only what trains. */
function refuseDeadEnds(layers: CanonicalLayer[], outputs: string[]): void {
  const sources = new Map(layers.map((l) => [l.name, l.inbound_nodes.flat().map((ref) => ref[0])]));
  const live = new Set<string>();
  const visit = (name: string) => {
    if (live.has(name)) return;
    live.add(name);
    for (const source of sources.get(name) ?? []) visit(source);
  };
  outputs.forEach(visit);
  const dead = layers.find((l) => !live.has(l.name));
  if (dead) throw new TopologyError(`layer "${dead.name}" does not lead to the model's output`);
}
