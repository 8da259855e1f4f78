// A model's layer table as the report shows it, read like Keras' model.summary(): "name (Class)",
// output shape, parameters, and a "Connected to" column (the layers each one reads) when the
// layers are not a plain chain, so that a skip connection or a branch is visible. A Sequential
// model has no input row: its InputLayer is the harness's own (graph.ts makes one), and Keras
// shows none either.

import { formatValue } from '../format';
import type { LayerSummary, ModelSummary } from '../types';

export interface LayerTableRow {
  name: string;
  className: string;
  outputShape: string;
  params: string;
  /** The layers it reads, "-" for an input (as Keras writes it). */
  connectedTo: string;
}

export interface LayerTable {
  rows: LayerTableRow[];
  /** Whether to show the "Connected to" column. */
  connected: boolean;
  total: string;
  trainable: string;
  nonTrainable: string;
}

/**
 * Keras' own test (print_summary's "sequential_like"): each layer reads one layer, the one in
 * the row above it. Anything else (a merge, a layer read twice, a second output) needs the
 * connections written out, or the table would read as a chain that the model is not.
 */
function isChain(layers: LayerSummary[]): boolean {
  return layers.every((layer, i) => (i === 0 ? layer.inbound.length === 0 : layer.inbound.length === 1 && layer.inbound[0] === layers[i - 1].name));
}

export function layerTable(summary: ModelSummary): LayerTable {
  const connected = !isChain(summary.layers);
  const shown = summary.sequential ? summary.layers.filter((l) => l.className !== 'InputLayer') : summary.layers;
  return {
    rows: shown.map((l) => ({
      name: l.name,
      className: l.className,
      outputShape: formatValue(l.outputShape),
      params: formatValue(l.params),
      connectedTo: l.inbound.length ? l.inbound.join(', ') : '-',
    })),
    connected,
    total: formatValue(summary.totalParams),
    trainable: formatValue(summary.trainableParams),
    nonTrainable: formatValue(summary.nonTrainableParams),
  };
}
