// Helpers shared by tests: the topology and summary of a model built in-process with tfjs.

import './tfjs'; // tfjs settings first: quiet, as in the CLI
import type { LayersModel } from '@tensorflow/tfjs';
import { parseTopology, type ModelTopology } from './load/topology_format';
import { summarize } from './model/summarize';
import type { ModelSummary } from './types';

export function topologyOf(model: LayersModel): ModelTopology {
  const parsed = parseTopology(JSON.stringify(model.toJSON(null, false)));
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.topology;
}

export function summaryOf(model: LayersModel): ModelSummary {
  return summarize(topologyOf(model));
}
