// Brief training of one model, rebuilt from its topology in the trusted process: seeded
// initial weights and data order, no host round trip per step (losses are read once at the
// end; every tenth step one small read-back checks for NaN), gradient norms per layer over
// the first steps and at the end, a wall-clock budget, then held-out accuracy and loss. A model
// that does not end in a softmax trains and is measured on its outputs as logits (see
// logitsCrossEntropy): its output check says what is wrong, and its loss stays honest.

import type { CanonicalTopology } from '../model/canonical_topology';
import type { TrainSettings } from '../rubric/schema';
import { tf } from '../tfjs';
import { summarize } from '../model/summarize';
import type { GradientNorms, ModelSummary, ModelTrainResult } from '../types';
import { fillBatch } from './batches';
import type { ImageDataset } from './dataset';
import { markTrainingConvolutions } from './training_convolutions';
import { seedTopology } from './seeded_topology';
import { crossEntropy, logitsCrossEntropy, TrainingStep, type OutputLoss } from './training_step';
import { outputDistribution } from '../rubric/output_distribution';

/** How many points of the loss curve are kept (read back once, at the end). */
const CURVE_POINTS = 30;
const EVAL_CHUNK = 250;
/** Evaluation may run this far past the training time limit (the first chunk always runs). */
const EVAL_GRACE_MS = 10_000;

export class IncompatibleModelError extends Error {
  override name = 'IncompatibleModelError';
}

/** The model as training runs it: seeded initial weights, convolutions rebuilt for training. */
export async function buildTrainingModel(topology: CanonicalTopology, seed: number): Promise<tf.LayersModel> {
  const trainingTopology = markTrainingConvolutions(seedTopology(topology, seed));
  return tf.models.modelFromJSON({ modelTopology: trainingTopology as unknown as tf.io.ModelJSON['modelTopology'] });
}

export async function trainModel(topology: CanonicalTopology, data: ImageDataset, settings: TrainSettings): Promise<ModelTrainResult> {
  const model = await buildTrainingModel(topology, settings.seed);
  try {
    const summary = summarize(topology);
    confirmBuiltAsSummarized(model, summary);
    checkCompatible(model, data);
    return await trainLoaded(model, data, settings, outputLoss(summary, topology.config.output_layers[0][0]));
  } finally {
    model.dispose();
  }
}

/**
 * The model tfjs built must be the one the checks saw: the same layers with the same parameter
 * counts and output shapes. Any difference means the summary and tfjs read the topology apart,
 * and the run fails closed rather than train something that was never checked.
 */
export function confirmBuiltAsSummarized(model: tf.LayersModel, summary: ModelSummary): void {
  const built = new Map(model.layers.map((layer) => [layer.name, layer]));
  if (built.size !== summary.layers.length) throw new IncompatibleModelError(`tfjs built ${built.size} layers where the summary has ${summary.layers.length}`);
  for (const expected of summary.layers) {
    const layer = built.get(expected.name);
    if (!layer) throw new IncompatibleModelError(`tfjs built no layer "${expected.name}"`);
    const params = layer.countParams();
    const shape = JSON.stringify(layer.outputShape);
    if (params !== expected.params || shape !== JSON.stringify(expected.outputShape)) {
      throw new IncompatibleModelError(`layer "${expected.name}" was built with ${params} parameters and output ${shape}; the checks saw ${expected.params} and ${JSON.stringify(expected.outputShape)}`);
    }
  }
}

/** The loss for what the model outputs: probabilities (a softmax last) or logits (anything else). */
export function outputLoss(summary: ModelSummary, output: string): OutputLoss {
  return outputDistribution(summary, output).problem === null ? crossEntropy : logitsCrossEntropy;
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

/** Steps whose gradients are measured for the "early" figures. */
const EARLY_STEPS = 3;
/** Every this many steps, one small read-back checks the loss and weights are finite. */
const FINITE_CHECK_EVERY = 10;

async function trainLoaded(model: tf.LayersModel, data: ImageDataset, settings: TrainSettings, loss: OutputLoss): Promise<ModelTrainResult> {
  const { steps } = settings;
  const trainer = new TrainingStep(model, data, settings, loss);
  const every = Math.max(1, Math.floor(steps / CURVE_POINTS));
  const recorded: { step: number; loss: tf.Scalar }[] = [];
  const earlyNorms: tf.Tensor1D[] = [];
  let finalNorms: tf.Tensor1D | undefined;
  const variables = model.trainableWeights.map((w) => w.read());
  const started = Date.now();
  const deadline = started + settings.timeLimitSeconds * 1000;
  let done = 0;
  let stoppedEarly: string | undefined;

  try {
    for (let step = 1; step <= steps; step++) {
      const last = step === steps || Date.now() > deadline;
      const { loss, gradientNorms } = trainer.step(step <= EARLY_STEPS || last);
      done = step;
      if (gradientNorms && step <= EARLY_STEPS) earlyNorms.push(gradientNorms);
      if (gradientNorms && last) {
        finalNorms?.dispose();
        finalNorms = gradientNorms;
      }
      const broken = step % FINITE_CHECK_EVERY === 0 || last ? nonFinite(loss, variables, trainer.weightedLayers) : null;
      if (step % every === 0 || last || broken) recorded.push({ step, loss });
      else loss.dispose();
      if (broken) {
        stoppedEarly = `${broken} by step ${step}`;
        break;
      }
      if (last && step < steps) {
        stoppedEarly = `the time limit of ${settings.timeLimitSeconds} s was reached after ${step} of ${steps} steps`;
        break;
      }
    }
    const curve = recorded.map(({ step, loss }) => ({ step, loss: loss.dataSync()[0] }));
    const gradients = gradientsOf(trainer.weightedLayers, earlyNorms, finalNorms);
    const trainSeconds = (Date.now() - started) / 1000;
    // Evaluation shares the time limit: a model too slow to evaluate is measured on what it managed.
    const evaluation = evaluate(model, data, loss, settings.evalImages, deadline + EVAL_GRACE_MS);
    if (evaluation.images < Math.min(settings.evalImages, data.test.count)) stoppedEarly ??= `the time limit ran out after evaluating ${evaluation.images} held-out images`;
    return { finalLoss: evaluation.loss, accuracy: evaluation.accuracy, curve, steps: done, seconds: trainSeconds, evalImages: evaluation.images, gradients, ...(stoppedEarly ? { stoppedEarly } : {}) };
  } finally {
    for (const r of recorded) r.loss.dispose();
    for (const t of earlyNorms) t.dispose();
    finalNorms?.dispose();
    trainer.dispose();
  }
}

/** "the loss became NaN" or "the weights of conv2d_2 became non-finite", or null; one small read-back. */
function nonFinite(loss: tf.Scalar, variables: tf.Tensor[], layers: { name: string; variables: string[] }[]): string | null {
  const flags = tf.tidy(() => tf.stack([tf.isFinite(loss), ...variables.map((v) => tf.all(tf.isFinite(v)))]).dataSync());
  if (!flags[0]) return `the loss became ${loss.dataSync()[0]}`;
  const bad = variables.findIndex((_, i) => !flags[i + 1]);
  if (bad < 0) return null;
  const name = (variables[bad] as tf.Variable).name;
  const layer = layers.find((l) => l.variables.includes(name))?.name ?? name;
  return `the weights of ${layer} became non-finite (NaN or Infinity)`;
}

function gradientsOf(layers: { name: string; params: number }[], early: tf.Tensor1D[], measuredLast: tf.Tensor1D | undefined): GradientNorms | undefined {
  // A run stopped early (NaN) has no last-step measure: its last early one is the latest there is.
  const final = measuredLast ?? early[early.length - 1];
  if (early.length === 0 || !final) return undefined;
  const earlyRows = early.map((t) => Array.from(t.dataSync()));
  const mean = layers.map((_, i) => earlyRows.reduce((sum, row) => sum + row[i], 0) / earlyRows.length);
  return { layers: layers.map((l) => l.name), params: layers.map((l) => l.params), early: mean, final: Array.from(final.dataSync()) };
}

/** Accuracy and loss on the first `count` test images (fewer if `deadline` passes); two numbers read back in all. */
function evaluate(model: tf.LayersModel, data: ImageDataset, lossOf: OutputLoss, count: number, deadline: number): { accuracy: number; loss: number; images: number } {
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
      return [tf.add(correct, hits), tf.add(lossSum, tf.mul(lossOf(y, p), size))];
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
