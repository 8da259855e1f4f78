// One training step, as the training loop and the benchmark both run it: the next seeded
// batch is assembled on the host into reused buffers, sent as one tensor, and the optimizer
// takes one step. Nothing is read back: the loss stays a tensor.

import type { TrainSettings } from '../rubric/schema';
import { tf } from '../tfjs';
import { BatchOrder, fillBatch } from './batches';
import type { ImageDataset } from './dataset';
import { makeOptimizer, type TrainingOptimizer } from './optimizer';

/** Mean categorical cross-entropy of predicted probabilities, clipped as Keras does. */
export function crossEntropy(labels: tf.Tensor, probabilities: tf.Tensor): tf.Scalar {
  const clipped = tf.clipByValue(probabilities, 1e-7, 1 - 1e-7);
  return tf.neg(tf.mean(tf.sum(tf.mul(labels, tf.log(clipped)), -1))) as tf.Scalar;
}

export class TrainingStep {
  private readonly optimizer: TrainingOptimizer;
  private readonly order: BatchOrder;
  private readonly xs: Float32Array;
  private readonly ys: Float32Array;
  private readonly pixels: number;
  /** The layers with trainable weights, and their variables' names (how gradients are keyed). */
  readonly weightedLayers: { name: string; variables: string[]; params: number }[];

  constructor(
    private readonly model: tf.LayersModel,
    private readonly data: ImageDataset,
    private readonly settings: Pick<TrainSettings, 'batchSize' | 'seed' | 'optimizer' | 'learningRate'>,
  ) {
    const [h, w, c] = data.imageShape;
    this.pixels = h * w * c;
    this.optimizer = makeOptimizer(settings, model.trainableWeights.map((v) => v.read() as tf.Variable));
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
      const loss = this.optimizer.minimize(() => crossEntropy(y, this.model.apply(x, { training: true }) as tf.Tensor), measure ? inspect : undefined);
      return gradientNorms ? { loss, gradientNorms } : { loss };
    });
  }

  dispose(): void {
    this.optimizer.dispose();
  }
}
