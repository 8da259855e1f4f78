// One training step, as the training loop and the benchmark both run it: the next seeded
// batch is assembled on the host into reused buffers, sent as one tensor, and the optimizer
// takes one step; then the model's constraints, if it has any. Nothing is read back: the loss
// stays a tensor.

import type { TrainSettings } from '../rubric/schema';
import { tf } from '../tfjs';
import { BatchOrder, fillBatch } from './batches';
import type { ImageDataset } from './dataset';
import { makeOptimizer, type TrainingOptimizer } from './optimizer';
import { regularizationOf, type Regularization } from './regularization';

/** A loss of one-hot labels and a model's outputs, averaged over the batch. */
export type OutputLoss = (labels: tf.Tensor, outputs: tf.Tensor) => tf.Scalar;

/** Mean categorical cross-entropy of predicted probabilities, clipped as Keras does. */
export function crossEntropy(labels: tf.Tensor, probabilities: tf.Tensor): tf.Scalar {
  const clipped = tf.clipByValue(probabilities, 1e-7, 1 - 1e-7);
  return tf.neg(tf.mean(tf.sum(tf.mul(labels, tf.log(clipped)), -1))) as tf.Scalar;
}

/**
 * Mean cross-entropy of the softmax of raw outputs (logits), for a model that does not end in a
 * softmax. The clipped form above is no loss for such outputs: any output of 1 or more on the
 * right class clips to a probability of 1, a loss of 0 and no gradient, whatever the other
 * classes score (a relu head showed "loss 0.000" at 38.9% accuracy). This one is 0 only when
 * the right class wins by far, so loss and accuracy tell one story.
 */
export function logitsCrossEntropy(labels: tf.Tensor, logits: tf.Tensor): tf.Scalar {
  return tf.neg(tf.mean(tf.sum(tf.mul(labels, tf.logSoftmax(logits)), -1))) as tf.Scalar;
}

export class TrainingStep {
  private readonly optimizer: TrainingOptimizer;
  private readonly order: BatchOrder;
  private readonly xs: Float32Array;
  private readonly ys: Float32Array;
  private readonly pixels: number;
  private readonly regularization: Regularization;
  /** The layers with trainable weights, and their variables' names (how gradients are keyed). */
  readonly weightedLayers: { name: string; variables: string[]; params: number }[];

  /** `loss`: crossEntropy for a model ending in a softmax (the benchmark's all do), logitsCrossEntropy otherwise. */
  constructor(
    private readonly model: tf.LayersModel,
    private readonly data: ImageDataset,
    private readonly settings: Pick<TrainSettings, 'batchSize' | 'seed' | 'optimizer' | 'learningRate'>,
    private readonly loss: OutputLoss = crossEntropy,
  ) {
    const [h, w, c] = data.imageShape;
    this.pixels = h * w * c;
    this.optimizer = makeOptimizer(settings, model.trainableWeights.map((v) => v.read() as tf.Variable));
    this.regularization = regularizationOf(model);
    this.weightedLayers = model.layers
      .filter((l) => l.trainableWeights.length > 0)
      .map((l) => ({ name: l.name, variables: l.trainableWeights.map((w) => (w.read() as tf.Variable).name), params: l.trainableWeights.reduce((n, w) => n + (w.shape as number[]).reduce((a, b) => a * b, 1), 0) }));
    this.order = new BatchOrder(data.train.count, settings.seed);
    this.xs = new Float32Array(settings.batchSize * this.pixels);
    this.ys = new Float32Array(settings.batchSize * data.numClasses);
  }

  /** Runs one step and returns its loss (the caller disposes it). */
  run(): tf.Scalar {
    return this.step(false).loss;
  }

  /**
   * Runs one step; with `measure`, also each weighted layer's gradient norm (the square root
   * of the sum of squares over its variables), as a tensor in weightedLayers' order.
   */
  step(measure: boolean): { loss: tf.Scalar; gradientNorms?: tf.Tensor1D } {
    const { batchSize } = this.settings;
    const { numClasses, imageShape } = this.data;
    fillBatch(this.data.train, this.order.next(batchSize), this.pixels, numClasses, this.xs, this.ys);
    return tf.tidy(() => {
      const x = tf.tensor4d(this.xs, [batchSize, ...imageShape]);
      const y = tf.tensor2d(this.ys, [batchSize, numClasses]);
      let gradientNorms: tf.Tensor1D | undefined;
      const inspect = (grads: tf.NamedTensorMap) => {
        const squares = (name: string) => (grads[name] ? tf.sum(tf.square(grads[name])) : tf.scalar(0));
        gradientNorms = tf.sqrt(tf.stack(this.weightedLayers.map((l) => tf.addN(l.variables.map(squares))))) as tf.Tensor1D;
      };
      const { penalize, constrain } = this.regularization;
      const dataLoss = () => this.loss(y, this.model.apply(x, { training: true }) as tf.Tensor);
      // The returned loss is what was minimized: with penalties, as tfjs' and Keras' fit report it.
      const loss = this.optimizer.minimize(penalize ? () => penalize(dataLoss()) : dataLoss, measure ? inspect : undefined);
      constrain?.();
      return gradientNorms ? { loss, gradientNorms } : { loss };
    });
  }

  dispose(): void {
    this.optimizer.dispose();
  }
}
