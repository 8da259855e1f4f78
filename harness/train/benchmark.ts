// Training throughput of one model on one backend: images per second over a fixed number of
// images after a warm-up, through the same training step that grading runs.

import { REFERENCES } from '../../reference';
import { GraphBuilder } from '../../reference/graph_builder';
import type { CanonicalTopology } from '../model/canonical_topology';
import { summarize } from '../model/summarize';
import { tf } from '../tfjs';
import { UsageError } from '../errors';
import type { ImageDataset } from './dataset';
import { loadMnist } from './mnist';
import { buildTrainingModel } from './train_model';
import { TrainingStep } from './training_step';
import { seededRandom } from './batches';

/** A model with stride-2 5x5 convolutions and max pooling: the paths LeNet-5 does not take. */
function stridedCnnTopology(): CanonicalTopology {
  const g = new GraphBuilder('strided_cnn');
  let x = g.conv2d(g.input([28, 28, 1]), { filters: 16, kernelSize: 5, strides: 2, padding: 'same', activation: 'relu' });
  x = g.conv2d(x, { filters: 32, kernelSize: 5, strides: 2, padding: 'same', activation: 'relu' });
  x = g.flatten(g.maxPooling2d(x, { poolSize: 2 }));
  return g.topology(g.dense(x, { units: 10, activation: 'softmax' }));
}

export const BENCH_MODELS: Record<string, { describe: string; topology: () => CanonicalTopology }> = {
  lenet5: { describe: 'LeNet-5 on MNIST (28x28x1)', topology: () => REFERENCES.lenet5.topology({}) },
  'vgg-cifar': { describe: 'VGG-style net on 32x32x3 images', topology: () => REFERENCES['vgg-cifar'].topology({}) },
  'strided-cnn': { describe: 'stride-2 5x5 convolutions and max pooling on MNIST', topology: stridedCnnTopology },
};

export interface BenchResult {
  backend: string;
  model: string;
  batchSize: number;
  imagesPerSecond: number;
  images: number;
  seconds: number;
}

/** MNIST for 28x28x1 models; seeded random images of the model's shape otherwise (throughput only). */
function benchData(shape: number[], numClasses: number): ImageDataset {
  const mnist = loadMnist();
  if (shape.join() === mnist.imageShape.join()) return mnist;
  const count = 2048;
  const pixels = shape[0] * shape[1] * shape[2];
  const random = seededRandom(1);
  const images = new Uint8Array(count * pixels).map(() => Math.floor(random() * 256));
  const labels = new Uint8Array(count).map((_, i) => mnist.train.labels[i] % numClasses);
  const split = { images, labels, count };
  return { name: 'random', imageShape: shape as [number, number, number], numClasses, train: split, test: split };
}

/** Whole images per second, or two significant digits below 100 (the pure-JS backend on VGG: 0.23, not 0). */
export function throughput(imagesPerSecond: number): number {
  return imagesPerSecond >= 100 ? Math.round(imagesPerSecond) : Number(imagesPerSecond.toPrecision(2));
}

/** Measures on the current tfjs backend, recorded under the harness's name for it. */
export async function benchmark(backend: string, modelName: string, batchSize: number, options: { images: number; warmupImages: number; maxSeconds: number }): Promise<BenchResult> {
  const spec = BENCH_MODELS[modelName];
  if (!spec) throw new UsageError(`unknown bench model "${modelName}"; choose one of ${Object.keys(BENCH_MODELS).join(', ')}`);
  const topology = spec.topology();
  const summary = summarize(topology);
  const shape = summary.inputShape.slice(1) as number[];
  const classes = summary.outputShape[1] as number;
  const data = benchData(shape, classes);
  const model = await buildTrainingModel(topology, 1);
  const trainer = new TrainingStep(model, data, { batchSize, seed: 1, optimizer: 'adam', learningRate: 0.001 });
  // A backend may queue work; reading the loss back is the only honest end of a step.
  const runSteps = (steps: number): void => {
    let last: tf.Scalar | undefined;
    for (let i = 0; i < steps; i++) {
      last?.dispose();
      last = trainer.run();
    }
    last?.dataSync();
    last?.dispose();
  };
  try {
    // Warm-up, within a quarter of the time cap: the pure-JS backend is too slow for more.
    const warmupEnd = performance.now() + (options.maxSeconds * 1000) / 4;
    for (let i = 0; i < Math.max(1, Math.ceil(options.warmupImages / batchSize)) && (i === 0 || performance.now() < warmupEnd); i++) runSteps(1);
    const wanted = Math.max(1, Math.ceil(options.images / batchSize));
    const started = performance.now();
    let steps = 0;
    // Whole chunks of steps, so a slow backend stops at the time cap with a fair figure.
    while (steps < wanted) {
      const chunk = Math.min(wanted - steps, Math.max(1, Math.ceil(wanted / 20)));
      runSteps(chunk);
      steps += chunk;
      if ((performance.now() - started) / 1000 > options.maxSeconds) break;
    }
    const seconds = (performance.now() - started) / 1000;
    return { backend, model: modelName, batchSize, imagesPerSecond: throughput((steps * batchSize) / seconds), images: steps * batchSize, seconds };
  } finally {
    trainer.dispose();
    model.dispose();
  }
}
