// The topology of a model built in the trusted process (the references), through the same
// JSON form and validation as a student's, so both are summarised and trained alike.

import type { LayersModel } from '@tensorflow/tfjs';
import { parseTopology, type ModelTopology } from '../load/topology_format';

export function topologyOfModel(model: LayersModel): ModelTopology {
  const parsed = parseTopology(JSON.stringify(model.toJSON(null, false)));
  if (!parsed.ok) throw new Error(`a reference model does not serialise: ${parsed.message}`);
  return parsed.topology;
}
