// Property: on many small random models, the harness's static summary (from the topology
// JSON alone) agrees with tfjs itself, which builds the weights: countParams() per layer and
// in total, and every layer's output shape.

import '../layers';
import { tf } from '../tfjs';
import { seededRandom } from '../train/batches';
import { topologyOf } from '../test_support';
import { canonicalTopology } from './canonical_topology';
import { SUPPORTED_LAYER_CLASSES } from './layers';
import { summarize } from './summarize';

type SymbolicTensor = ReturnType<typeof tf.input>;

function randomModel(random: () => number, index: number): tf.LayersModel {
  const pick = <T>(xs: T[]): T => xs[Math.floor(random() * xs.length)];
  const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
  const input = tf.input({ shape: [int(6, 12), int(6, 12), int(1, 4)] });
  let x: SymbolicTensor = input;
  const apply = (layer: tf.layers.Layer, from: SymbolicTensor | SymbolicTensor[] = x) => layer.apply(from) as SymbolicTensor;
  const spatial = () => (x.shape[1] as number) >= 4 && (x.shape[2] as number) >= 4;
  for (let i = int(1, 5); i > 0; i--) {
    const kind = pick(['conv', 'conv', 'pool', 'bn', 'act', 'pad', 'lrn', 'branch', 'residual', 'separable', 'depthwise', 'transpose', 'resize', 'activation layer', 'prelu', 'layer norm', 'noise', 'merge', 'permute']);
    if (kind === 'conv' && spatial()) {
      x = apply(tf.layers.conv2d({ filters: int(1, 6), kernelSize: [int(1, 3), int(1, 3)], strides: int(1, 2), padding: pick(['valid', 'same']), useBias: random() < 0.7, activation: pick(['linear', 'relu', 'tanh']) }));
    } else if (kind === 'pool' && spatial()) {
      const layer = pick([tf.layers.maxPooling2d, tf.layers.averagePooling2d]);
      x = apply(layer({ poolSize: int(2, 3), strides: int(1, 2), padding: pick(['valid', 'same']) }));
    } else if (kind === 'bn') {
      x = apply(tf.layers.batchNormalization({ center: random() < 0.8, scale: random() < 0.8 }));
    } else if (kind === 'act') {
      x = apply(tf.layers.activation({ activation: pick(['relu', 'sigmoid']) }));
    } else if (kind === 'pad') {
      x = apply(tf.layers.zeroPadding2d({ padding: int(1, 2) }));
    } else if (kind === 'lrn') {
      const { LRN } = require('../layers') as typeof import('../layers');
      x = apply(new LRN({ depthRadius: int(1, 3) }));
    } else if (kind === 'branch') {
      const a = apply(tf.layers.conv2d({ filters: int(1, 4), kernelSize: 1 }));
      const b = apply(tf.layers.conv2d({ filters: int(1, 4), kernelSize: 3, padding: 'same' }));
      x = apply(tf.layers.concatenate(), [a, b]);
    } else if (kind === 'separable' && spatial()) {
      x = apply(tf.layers.separableConv2d({ filters: int(1, 6), kernelSize: int(1, 3), strides: int(1, 2), padding: pick(['valid', 'same']), useBias: random() < 0.7 }));
    } else if (kind === 'depthwise' && spatial()) {
      x = apply(tf.layers.depthwiseConv2d({ kernelSize: int(1, 3), depthMultiplier: int(1, 3), padding: pick(['valid', 'same']), useBias: random() < 0.7 }));
    } else if (kind === 'transpose' && (x.shape[1] as number) <= 16) {
      x = apply(tf.layers.conv2dTranspose({ filters: int(1, 4), kernelSize: int(1, 3), strides: int(1, 2), padding: pick(['valid', 'same']), useBias: random() < 0.7 }));
    } else if (kind === 'resize') {
      x = spatial() && random() < 0.5 ? apply(tf.layers.cropping2D({ cropping: [[int(0, 1), int(0, 1)], [int(0, 1), int(0, 1)]] })) : (x.shape[1] as number) <= 16 ? apply(tf.layers.upSampling2d({ size: [int(1, 2), int(1, 2)] })) : x;
    } else if (kind === 'activation layer') {
      x = apply(pick([() => tf.layers.leakyReLU({ alpha: 0.1 }), () => tf.layers.elu({}), () => tf.layers.thresholdedReLU({}), () => tf.layers.reLU({}), () => tf.layers.softmax({})])());
    } else if (kind === 'prelu') {
      x = apply(tf.layers.prelu({ sharedAxes: random() < 0.5 ? [1, 2] : undefined }));
    } else if (kind === 'layer norm') {
      x = apply(tf.layers.layerNormalization({ axis: random() < 0.5 ? -1 : [1, 2, 3], center: random() < 0.8 }));
    } else if (kind === 'noise') {
      x = apply(pick([() => tf.layers.gaussianNoise({ stddev: 0.1 }), () => tf.layers.gaussianDropout({ rate: 0.1 }), () => tf.layers.alphaDropout({ rate: 0.1 }), () => tf.layers.rescaling({ scale: 0.5 })])());
    } else if (kind === 'merge') {
      const layer = pick([tf.layers.minimum, tf.layers.maximum, tf.layers.average, tf.layers.multiply]);
      x = apply(layer({}), [x, apply(tf.layers.activation({ activation: 'relu' }))]);
    } else if (kind === 'permute') {
      x = apply(tf.layers.permute({ dims: [2, 1, 3] }));
    } else if (kind === 'residual') {
      const channels = x.shape[3] as number;
      x = apply(tf.layers.add(), [x, apply(tf.layers.conv2d({ filters: channels, kernelSize: 3, padding: 'same' }))]);
    }
  }
  const head = pick(['flatten', 'average', 'max', 'reshape']);
  if (head === 'reshape') x = apply(tf.layers.reshape({ targetShape: [(x.shape.slice(1) as number[]).reduce((a, b) => a * b, 1)] }));
  else x = head === 'flatten' ? apply(tf.layers.flatten()) : apply(head === 'max' ? tf.layers.globalMaxPooling2d({}) : tf.layers.globalAveragePooling2d({}));
  if (random() < 0.5) x = apply(tf.layers.dense({ units: int(1, 16), activation: 'relu' }));
  x = apply(tf.layers.dropout({ rate: 0.25 }));
  return tf.model({ inputs: input, outputs: apply(tf.layers.dense({ units: int(2, 10), useBias: random() < 0.8 })), name: `random_${index}` });
}

/** A sequence model: the 1D layers. */
function randomSequenceModel(random: () => number, index: number): tf.LayersModel {
  const pick = <T>(xs: T[]): T => xs[Math.floor(random() * xs.length)];
  const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
  const input = tf.input({ shape: [int(12, 24), int(1, 4)] });
  let x: SymbolicTensor = input;
  const apply = (layer: tf.layers.Layer) => layer.apply(x) as SymbolicTensor;
  for (let i = int(1, 4); i > 0; i--) {
    const kind = pick(['conv', 'conv', 'pool', 'dropout']);
    if (kind === 'conv' && (x.shape[1] as number) >= 4) x = apply(tf.layers.conv1d({ filters: int(1, 6), kernelSize: int(1, 3), strides: int(1, 2), padding: pick(['valid', 'same']), useBias: random() < 0.7 }));
    else if (kind === 'pool' && (x.shape[1] as number) >= 4) x = apply(pick([tf.layers.maxPooling1d, tf.layers.averagePooling1d])({ poolSize: int(2, 3), strides: int(1, 2), padding: pick(['valid', 'same']) }));
    else if (kind === 'dropout') x = apply(tf.layers.spatialDropout1d({ rate: 0.2 }));
  }
  x = random() < 0.5 ? apply(pick([tf.layers.globalAveragePooling1d, tf.layers.globalMaxPooling1d])({})) : apply(tf.layers.flatten());
  x = apply(tf.layers.dense({ units: int(2, 6) }));
  x = apply(tf.layers.repeatVector({ n: int(1, 3) }));
  return tf.model({ inputs: input, outputs: apply(tf.layers.flatten()), name: `sequence_${index}` });
}

/** Every layer of `model` has the parameters and output shape the static summary gives it. */
function expectAgreement(model: tf.LayersModel, seen: Set<string>): void {
  const topology = topologyOf(model);
  // The training process parses the grader's topology again: it must come out the same, or it
  // would train something other than what was checked.
  expect(canonicalTopology(topology).config).toEqual(topology.config);
  const summary = summarize(topology);
  for (const layer of summary.layers) seen.add(layer.className);
  expect(summary.totalParams).toBe(model.countParams());
  const trainable = model.trainableWeights.reduce((n, w) => n + (w.shape as number[]).reduce((a, b) => a * b, 1), 0);
  expect(summary.trainableParams).toBe(trainable);
  for (const layer of model.layers) {
    const mine = summary.layers.find((l) => l.name === layer.name)!;
    expect([layer.name, mine.params]).toEqual([layer.name, layer.countParams()]);
    expect([layer.name, mine.outputShape]).toEqual([layer.name, layer.outputShape]);
  }
}

describe('static summary against tfjs', () => {
  // Every class the harness supports is among the random models (checked at the end).
  const seen = new Set<string>();
  afterAll(() => expect(SUPPORTED_LAYER_CLASSES.filter((c) => !seen.has(c))).toEqual([]));

  it('agrees on parameters and output shapes for 100 random sequence models', () => {
    const random = seededRandom(13);
    for (let i = 0; i < 100; i++) {
      const model = randomSequenceModel(random, i);
      expectAgreement(model, seen);
      model.dispose();
    }
  });

  it('agrees on parameters and output shapes for 300 random image models', () => {
    const random = seededRandom(2026);
    for (let i = 0; i < 300; i++) {
      const model = randomModel(random, i);
      expectAgreement(model, seen);
      model.dispose();
    }
  });
});
