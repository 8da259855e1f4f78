// Helpers shared by tests: topology and summary of an in-process tfjs model.

import type { LayersModel } from '@tensorflow/tfjs-layers';
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
