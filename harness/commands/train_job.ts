// `cnn-grade train-job` (internal): trains one student model from the request on standard input
// and writes the result to descriptor 3. The grader starts it (train/training_process.ts) so
// that it can kill a training that runs past its time limit.

import * as fs from 'node:fs';
import { canonicalTopology } from '../model/canonical_topology';
import { useBackend } from '../train/backends';
import { loadDataset } from '../train/load_dataset';
import { trainStudent } from '../train/run_training';
import { RESULT_FD, type TrainingRequest } from '../train/training_process';

export const command = 'train-job';
export const describe = false; // internal: started by the grader, not by people

export async function handler(): Promise<void> {
  const request = JSON.parse(fs.readFileSync(0, 'utf8')) as TrainingRequest;
  await useBackend(request.backend);
  const data = loadDataset(request.settings.dataset, request.args.inputShape, request.args.numClasses);
  // The grader's own topology, parsed again here so that this process, too, trains nothing
  // else; parsing is idempotent, so any difference means the request is not what was checked.
  const topology = canonicalTopology(request.topology);
  if (JSON.stringify(topology.config) !== JSON.stringify(request.topology.config)) throw new Error('the topology to train is not the one the grader checked');
  const result = await trainStudent(topology, data, request.settings);
  fs.writeSync(RESULT_FD, JSON.stringify(result));
}
