// The comparable form of a model: what each layer computes, in a canonical order, with the
// spelling differences removed (input layers dropped, separate activation layers folded into
// the linear layer before them, names ignored). A merge (Inception's concatenation, ResNet's
// add) keeps its branches apart, so that alignment can pair them with the reference's by
// content; where a flat order is needed, the branches are taken in the order of their
// structure, not of how the student happened to list them, so two ways of wiring the same
// graph give the same sequence.

import { createHash } from 'node:crypto';
import type { LayerSignature, ModelSummary } from '../types';
import { LAYER_DESCRIPTORS } from './layers';

export interface SequenceEntry {
  /** The student's name for the layer, for messages. */
  name: string;
  signature: LayerSignature;
  /** Parameters of the layer (and of any activation layer folded into it: none). */
  params: number;
}

/**
 * One step of the sequence: a layer, or a merge with the layers of each of its branches (those
 * only that branch reads; what several branches read comes before the merge's item).
 */
export type SequenceItem = { kind: 'layer'; entry: SequenceEntry } | { kind: 'merge'; entry: SequenceEntry; branches: SequenceItem[][] };

interface Node {
  entry: SequenceEntry;
  inputs: Node[];
  /** Inputs as the layer lists them, the model's input layer included (it has no node). */
  arity: number;
}

const takesActivation = (className: string) => LAYER_DESCRIPTORS.get(className)?.weightLayer === true;
const isMerge = (className: string) => LAYER_DESCRIPTORS.get(className)?.family === 'merge';

/** Layers as nodes of the computation, activation layers folded in; keyed by every layer name they stand for. */
function foldedGraph(summary: ModelSummary): { nodes: Node[]; byName: Map<string, Node> } {
  const consumers = new Map<string, number>();
  for (const layer of summary.layers) for (const source of layer.inbound) consumers.set(source, (consumers.get(source) ?? 0) + 1);
  const nodes: Node[] = [];
  const byName = new Map<string, Node>();
  for (const layer of summary.layers) {
    if (layer.className === 'InputLayer') continue;
    const sig = layer.signature;
    if (sig.className === 'Activation' && layer.inbound.length === 1) {
      const previous = byName.get(layer.inbound[0]);
      // Dense(units) + Activation('relu') computes what Dense(units, relu) does, as long as
      // nothing else reads the linear output.
      if (previous && takesActivation(previous.entry.signature.className) && previous.entry.signature.activation === 'linear' && consumers.get(layer.inbound[0]) === 1) {
        previous.entry.signature = { ...previous.entry.signature, activation: sig.activation };
        byName.set(layer.name, previous);
        continue;
      }
      if (sig.activation === 'linear' && previous) {
        // Activation('linear') computes nothing.
        byName.set(layer.name, previous);
        continue;
      }
    }
    // A merge's signature says how many branches it joins.
    const signature = isMerge(sig.className) ? { ...sig, inputs: layer.inbound.length } : { ...sig };
    const node: Node = { entry: { name: layer.name, signature, params: layer.params }, inputs: layer.inbound.flatMap((n) => byName.get(n) ?? []), arity: layer.inbound.length };
    nodes.push(node);
    byName.set(layer.name, node);
  }
  return { nodes, byName };
}

/** Every node reachable from `from` that has not been placed yet, `from` included. */
function unplacedAncestors(from: Node, placed: Set<Node>): Set<Node> {
  const found = new Set<Node>();
  const stack = [from];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (placed.has(node) || found.has(node)) continue;
    found.add(node);
    stack.push(...node.inputs);
  }
  return found;
}

export function layerTree(summary: ModelSummary): SequenceItem[] {
  const { nodes } = foldedGraph(summary);
  const read = new Set(nodes.flatMap((n) => n.inputs));
  // A node's structure: a digest of what it computes and, recursively, of what it reads.
  const digests = new Map<Node, string>();
  const structure = (node: Node): string => {
    let d = digests.get(node);
    if (d === undefined) {
      d = createHash('sha1').update(`${JSON.stringify(node.entry.signature)}(${node.inputs.map(structure).sort().join(',')})`).digest('hex');
      digests.set(node, d);
    }
    return d;
  };
  const byStructure = (a: Node, b: Node) => (structure(a) < structure(b) ? -1 : structure(a) > structure(b) ? 1 : 0);
  const placed = new Set<Node>();
  const place = (node: Node, into: SequenceItem[]): void => {
    if (placed.has(node)) return;
    if (node.arity < 2) {
      for (const input of node.inputs) place(input, into);
      placed.add(node);
      into.push({ kind: 'layer', entry: node.entry });
      return;
    }
    const inputs = [...node.inputs].sort(byStructure);
    // What two or more branches read (a block's input and all before it) is placed first, in
    // the enclosing sequence; each branch then holds what only it computes.
    const reach = inputs.map((input) => unplacedAncestors(input, placed));
    const shared = (n: Node) => reach.filter((r) => r.has(n)).length > 1;
    const walked = new Set<Node>();
    const placeShared = (n: Node): void => {
      if (placed.has(n) || walked.has(n)) return;
      walked.add(n);
      if (shared(n)) place(n, into);
      else n.inputs.forEach(placeShared);
    };
    inputs.forEach(placeShared);
    const branches = inputs.map((input) => {
      const branch: SequenceItem[] = [];
      place(input, branch);
      return branch;
    });
    // A branch straight from the model's input (which has no node) computes nothing.
    for (let k = inputs.length; k < node.arity; k++) branches.push([]);
    placed.add(node);
    into.push({ kind: 'merge', entry: node.entry, branches });
  };
  const top: SequenceItem[] = [];
  // Outputs in the order the model lists its layers (the main output before auxiliary heads).
  for (const node of nodes) if (!read.has(node)) place(node, top);
  return top;
}

/** The entries of items in order, each merge after its branches. */
export function flattenItems(items: SequenceItem[]): SequenceEntry[] {
  return items.flatMap((item) => (item.kind === 'layer' ? [item.entry] : [...item.branches.flatMap(flattenItems), item.entry]));
}

/** The model's layers in one canonical order, for counting and listing them. */
export function layerSequence(summary: ModelSummary): SequenceEntry[] {
  return flattenItems(layerTree(summary));
}
