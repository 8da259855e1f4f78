// Brief training of one model, rebuilt from its topology in the trusted process: seeded
// initial weights and data order, no host round trip per step (losses are read once at the
// end), a wall-clock budget, then accuracy and loss on held-out images.

import type { ModelTopology } from '../load/topology_format';
import type { TrainSettings } from '../rubric/schema';
import { tf } from '../tfjs';
import type { ModelTrainResult } from '../types';
import { fillBatch } from './batches';
import type { ImageDataset } from './dataset';
import { markInputConvolutions } from './input_convolution';
import { seedTopology } from './seeded_topology';
import { crossEntropy, TrainingStep } from './training_step';

/** How many points of the loss curve are kept (read back once, at the end). */
const CURVE_POINTS = 30;
const EVAL_CHUNK = 250;
/** Evaluation may run this far past the training time limit (the first chunk always runs). */
const EVAL_GRACE_MS = 10_000;

export class IncompatibleModelError extends Error {
  override name = 'IncompatibleModelError';
}

/** The model as training runs it: seeded initial weights, input convolutions marked. */
export async function buildTrainingModel(topology: ModelTopology, seed: number): Promise<tf.LayersModel> {
  const trainingTopology = markInputConvolutions(seedTopology(topology, seed));
  return tf.models.modelFromJSON({ modelTopology: trainingTopology as unknown as tf.io.ModelJSON['modelTopology'] });
}

export async function trainModel(topology: ModelTopology, data: ImageDataset, settings: TrainSettings): Promise<ModelTrainResult> {
  const model = await buildTrainingModel(topology, settings.seed);
  try {
    checkCompatible(model, data);
    return await trainLoaded(model, data, settings);
  } finally {
    model.dispose();
  }
}

function checkCompatible(model: tf.LayersModel, data: ImageDataset): void {
  const input = model.inputs[0].shape.slice(1);
  const output = model.outputs[0].shape.slice(1);
  if (JSON.stringify(input) !== JSON.stringify(data.imageShape)) {
    throw new IncompatibleModelError(`the model takes inputs of shape [${input.join(',')}], the ${data.name} images are [${data.imageShape.join(',')}]`);
  }
  if (output.length !== 1 || output[0] !== data.numClasses) {
    throw new IncompatibleModelError(`the model outputs shape [${output.join(',')}], training needs one score for each of ${data.numClasses} classes`);
  }
}

async function trainLoaded(model: tf.LayersModel, data: ImageDataset, settings: TrainSettings): Promise<ModelTrainResult> {
  const { steps } = settings;
  const trainer = new TrainingStep(model, data, settings);
  const every = Math.max(1, Math.floor(steps / CURVE_POINTS));
  const recorded: { step: number; loss: tf.Scalar }[] = [];
  const started = Date.now();
  const deadline = started + settings.timeLimitSeconds * 1000;
  let done = 0;
  let stoppedEarly: string | undefined;

  try {
    for (let step = 1; step <= steps; step++) {
      const loss = trainer.run();
      done = step;
      if (step % every === 0 || step === steps) recorded.push({ step, loss });
      else loss.dispose();
      if (Date.now() > deadline && step < steps) {
        stoppedEarly = `the time limit of ${settings.timeLimitSeconds} s was reached after ${step} of ${steps} steps`;
        break;
      }
    }
    const curve = recorded.map(({ step, loss }) => ({ step, loss: loss.dataSync()[0] }));
    const firstBad = curve.find((p) => !Number.isFinite(p.loss));
    if (firstBad) stoppedEarly ??= `the loss became ${firstBad.loss} by step ${firstBad.step}`;
    const trainSeconds = (Date.now() - started) / 1000;
    // Evaluation shares the time limit: a model too slow to evaluate is measured on what it managed.
    const evaluation = evaluate(model, data, settings.evalImages, deadline + EVAL_GRACE_MS);
    if (evaluation.images < Math.min(settings.evalImages, data.test.count)) stoppedEarly ??= `the time limit ran out after evaluating ${evaluation.images} held-out images`;
    return { finalLoss: evaluation.loss, accuracy: evaluation.accuracy, curve, steps: done, seconds: trainSeconds, ...(stoppedEarly ? { stoppedEarly } : {}) };
  } finally {
    for (const r of recorded) r.loss.dispose();
    trainer.dispose();
  }
}

/** Accuracy and loss on the first `count` test images (fewer if `deadline` passes); two numbers read back in all. */
function evaluate(model: tf.LayersModel, data: ImageDataset, count: number, deadline: number): { accuracy: number; loss: number; images: number } {
  let n = Math.min(count, data.test.count);
  const [h, w, c] = data.imageShape;
  const pixels = h * w * c;
  let correct = tf.scalar(0);
  let lossSum = tf.scalar(0);
  for (let start = 0; start < n; start += EVAL_CHUNK) {
    if (start > 0 && Date.now() > deadline) {
      n = start;
      break;
    }
    const size = Math.min(EVAL_CHUNK, n - start);
    const indices = Array.from({ length: size }, (_, i) => start + i);
    const xs = new Float32Array(size * pixels);
    const ys = new Float32Array(size * data.numClasses);
    fillBatch(data.test, indices, pixels, data.numClasses, xs, ys);
    const [nextCorrect, nextLoss] = tf.tidy(() => {
      const y = tf.tensor2d(ys, [size, data.numClasses]);
      const p = model.predict(tf.tensor4d(xs, [size, h, w, c])) as tf.Tensor;
      const hits = tf.sum(tf.cast(tf.equal(tf.argMax(p, -1), tf.argMax(y, -1)), 'float32'));
      return [tf.add(correct, hits), tf.add(lossSum, tf.mul(crossEntropy(y, p), size))];
    });
    correct.dispose();
    lossSum.dispose();
    correct = nextCorrect as tf.Scalar;
    lossSum = nextLoss as tf.Scalar;
  }
  const accuracy = correct.dataSync()[0] / n;
  const loss = lossSum.dataSync()[0] / n;
  correct.dispose();
  lossSum.dispose();
  return { accuracy, loss, images: n };
}
