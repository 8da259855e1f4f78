// The comparable form of a model: what each layer computes, in a canonical order, with the
// spelling differences removed (input layers dropped, separate activation layers folded into
// the linear layer before them, names ignored). For a graph with branches (Inception's
// columns, ResNet's shortcuts) the order is canonical too: each merge's inputs are visited in
// the order of their structure, not of how the student happened to list them, so two ways of
// wiring the same graph give the same sequence.

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

interface Node {
  entry: SequenceEntry;
  inputs: Node[];
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
    const node: Node = { entry: { name: layer.name, signature, params: layer.params }, inputs: layer.inbound.flatMap((n) => byName.get(n) ?? []) };
    nodes.push(node);
    byName.set(layer.name, node);
  }
  return { nodes, byName };
}

export function layerSequence(summary: ModelSummary): SequenceEntry[] {
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
  const ordered: SequenceEntry[] = [];
  const seen = new Set<Node>();
  const visit = (node: Node): void => {
    if (seen.has(node)) return;
    seen.add(node);
    for (const input of [...node.inputs].sort(byStructure)) visit(input);
    ordered.push(node.entry);
  };
  // Outputs in the order the model lists its layers (the main output before auxiliary heads).
  for (const node of nodes) if (!read.has(node)) visit(node);
  return ordered;
}
