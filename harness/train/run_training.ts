// train: the student's model and the reference, each in a process of its own and at the same
// time, under the same seed, data order, optimizer and budget (the reference's run comes from
// the cache when it has one). A student model that cannot train is a result (accuracy 0 with
// the reason), never an exception.

import type { CanonicalTopology } from '../model/canonical_topology';
import type { TrainSettings } from '../rubric/schema';
import type { ModelTrainResult, TrainRun } from '../types';
import type { ImageDataset } from './dataset';
import { datasetName } from './dataset_shapes';
import { gradientFindings } from './gradient_health';
import { referenceKey, type ReferenceCache } from './reference_cache';
import { trainModel } from './train_model';
import { trainInOwnProcess } from './training_process';
import { failedRun } from './train_result';
import type { BackendName } from './backends';

export async function runTraining(student: CanonicalTopology, reference: CanonicalTopology, settings: TrainSettings, args: { inputShape: number[]; numClasses: number }, backend: BackendName, cache?: ReferenceCache): Promise<TrainRun> {
  const started = Date.now();
  // The data set is read in the training processes; the grader needs only its name.
  const key = referenceKey(reference, settings, backend);
  const cached = cache?.get(key);
  // Two processes, one per core, when the reference must train too: each run is seeded and
  // alone in its process, so the results are those of running one after the other.
  const [studentResult, referenceResult] = await Promise.all([trainInOwnProcess({ topology: student, settings, args, backend }), cached ?? trainReference(reference, settings, args, backend)]);
  if (!cached) cache?.set(key, referenceResult);
  const referenceCached = !!cached;
  return {
    backend,
    seconds: (Date.now() - started) / 1000,
    dataset: datasetName(settings.dataset),
    batchSize: settings.batchSize,
    steps: settings.steps,
    evalImages: referenceResult.evalImages,
    seed: settings.seed,
    student: studentResult,
    reference: referenceResult,
    referenceCached,
    findings: studentResult.gradients ? gradientFindings(studentResult.gradients) : [],
  };
}

/**
 * The reference is the instructor's: it always trains its full budget (the longest limit a
 * rubric may set), so the target a student is measured against does not depend on how fast
 * the grading machine is. A reference that cannot train is a problem of the lab, not a result.
 */
async function trainReference(reference: CanonicalTopology, settings: TrainSettings, args: { inputShape: number[]; numClasses: number }, backend: BackendName): Promise<ModelTrainResult> {
  const result = await trainInOwnProcess({ topology: reference, settings: { ...settings, timeLimitSeconds: REFERENCE_TIME_LIMIT_SECONDS }, args, backend });
  if (result.finalLoss === null) throw new Error(`the reference model could not be trained: ${result.stoppedEarly ?? 'no result'}`);
  return result;
}

/** The rubric schema's largest time limit: a day. */
const REFERENCE_TIME_LIMIT_SECONDS = 86_400;

/** The student's run; a model that cannot train is a result with the reason, never a throw. */
export async function trainStudent(topology: CanonicalTopology, data: ImageDataset, settings: TrainSettings): Promise<ModelTrainResult> {
  try {
    return await trainModel(topology, data, settings);
  } catch (error) {
    return failedRun(0, `the model could not be trained: ${(error as Error).message.split('\n')[0]}`);
  }
}
