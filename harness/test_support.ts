// Helpers shared by tests: the topology and summary of a model built in-process with tfjs.

import './tfjs'; // tfjs settings first: quiet, as in the CLI
import type { LayersModel } from '@tensorflow/tfjs';
import { parseTopology } from './load/topology_format';
import { canonicalTopology, type CanonicalTopology } from './model/canonical_topology';
import { summarize } from './model/summarize';
import type { ModelSummary } from './types';

/** The canonical topology of a model, through the parser a student's answer takes. */
export function topologyOf(model: LayersModel): CanonicalTopology {
  const parsed = parseTopology(JSON.stringify(model.toJSON(null, false)));
  if (!parsed.ok) throw new Error(parsed.message);
  return canonicalTopology(parsed.topology);
}

export function summaryOf(model: LayersModel): ModelSummary {
  return summarize(topologyOf(model));
}
