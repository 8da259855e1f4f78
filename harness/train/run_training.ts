// train: the student's model and the reference, one after the other, under the same seed,
// data order, optimizer and budget. A student model that cannot train is a result (accuracy
// 0 with the reason), never an exception.

import type { ModelTopology } from '../load/topology_format';
import type { TrainSettings } from '../rubric/schema';
import type { ModelTrainResult, TrainRun } from '../types';
import type { ImageDataset } from './dataset';
import { loadMnist } from './mnist';
import { gradientFindings } from './gradient_health';
import { referenceKey, type ReferenceCache } from './reference_cache';
import { trainModel } from './train_model';

let mnist: ImageDataset | undefined;

export function datasetFor(settings: TrainSettings): ImageDataset {
  // One loader today (DATASET_SHAPES names what rubrics may ask for); more arrive with their loaders.
  if (settings.dataset !== 'mnist') throw new Error(`no loader for data set ${settings.dataset}`);
  mnist ??= loadMnist();
  return mnist;
}

export async function runTraining(student: ModelTopology, reference: ModelTopology, settings: TrainSettings, backend: string, cache?: ReferenceCache): Promise<TrainRun> {
  const data = datasetFor(settings);
  const studentResult = await trainStudent(student, data, settings);
  const key = referenceKey(reference, settings, data.name, backend);
  let referenceResult = cache?.get(key);
  const referenceCached = referenceResult !== undefined;
  if (!referenceResult) {
    // The reference is the instructor's: it always trains its full budget, so the target a
    // student is measured against does not depend on how fast the grading machine is.
    referenceResult = await trainModel(reference, data, { ...settings, timeLimitSeconds: Number.POSITIVE_INFINITY });
    cache?.set(key, referenceResult);
  }
  return {
    backend,
    dataset: data.name,
    batchSize: settings.batchSize,
    steps: settings.steps,
    evalImages: Math.min(settings.evalImages, data.test.count),
    seed: settings.seed,
    student: studentResult,
    reference: referenceResult,
    referenceCached,
    findings: studentResult.gradients ? gradientFindings(studentResult.gradients) : [],
  };
}

async function trainStudent(topology: ModelTopology, data: ImageDataset, settings: TrainSettings): Promise<ModelTrainResult> {
  try {
    return await trainModel(topology, data, settings);
  } catch (error) {
    return { finalLoss: null, accuracy: 0, curve: [], steps: 0, seconds: 0, stoppedEarly: `the model could not be trained: ${(error as Error).message.split('\n')[0]}` };
  }
}
