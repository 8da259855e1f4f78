// Helpers shared by tests: the summary of an in-process tfjs model.

import './tfjs'; // tfjs settings first: quiet, as in the CLI
import type { LayersModel } from '@tensorflow/tfjs';
import { topologyOfModel } from './model/model_topology';
import { summarize } from './model/summarize';
import type { ModelSummary } from './types';

export { topologyOfModel as topologyOf };

export function summaryOf(model: LayersModel): ModelSummary {
  return summarize(topologyOfModel(model));
}
