// Training runs that go wrong in the ways the lecture warns about, on the default backend.

import { GraphBuilder } from '../../reference/graph_builder';
import type { TrainSettings } from '../rubric/schema';
import { useBackend } from './backends';
import { gradientFindings } from './gradient_health';
import { loadMnist } from './mnist';
import { summarize } from '../model/summarize';
import { topologyOf } from '../test_support';
import { tf } from '../tfjs';
import { buildTrainingModel, confirmBuiltAsSummarized, outputLoss, trainModel } from './train_model';
import { crossEntropy, logitsCrossEntropy } from './training_step';

const settings = (steps: number): TrainSettings => ({ dataset: 'mnist', steps, batchSize: 32, optimizer: 'adam', learningRate: 0.001, seed: 1, evalImages: 250, timeLimitSeconds: 60 });

beforeAll(async () => {
  await useBackend('wasm');
});

describe('training health', () => {
  it('finds vanishing gradients in a deep sigmoid network', async () => {
    const g = new GraphBuilder('deep_sigmoid');
    let x = g.flatten(g.input([28, 28, 1]));
    for (let i = 0; i < 10; i++) x = g.dense(x, { units: 32, activation: 'sigmoid', name: `sigmoid_${i + 1}` });
    const result = await trainModel(g.topology(g.dense(x, { units: 10, activation: 'softmax', name: 'out' })), loadMnist(), settings(5));
    expect(result.gradients!.layers).toHaveLength(11);
    // Each sigmoid layer scales gradients by at most 1/4 (the sigmoid's largest slope).
    expect(gradientFindings(result.gradients!)).toEqual([expect.stringMatching(/^vanishing gradients: at the start, sigmoid_1's gradients are .* times smaller than out's$/)]);
  });

  it('stops when weights become NaN, naming the step and the layer', async () => {
    const g = new GraphBuilder('overflow');
    const x = g.flatten(g.input([28, 28, 1]));
    // Weights of 1e38 make every logit of a digit (pixel sum above 1) infinite; the first
    // update turns them into NaN. The check every ten steps catches it.
    const out = g.layer('Dense', { units: 10, activation: 'softmax', kernel_initializer: { class_name: 'Constant', config: { value: 1e38 } } }, x, 'out');
    const result = await trainModel(g.topology(out), loadMnist(), settings(50));
    expect(result.stoppedEarly).toBe('the weights of out became non-finite (NaN or Infinity) by step 10');
    expect(result.steps).toBe(10);
  });
});

describe('a model whose last layer is not a softmax', () => {
  /** LeNet-5 (relu, max pooling) with `head` as the output's activation. */
  const lenet = (head: string) => {
    const g = new GraphBuilder(`lenet_${head}`);
    let x = g.conv2d(g.input([28, 28, 1]), { filters: 6, kernelSize: 5, padding: 'same', activation: 'relu' });
    x = g.conv2d(g.maxPooling2d(x, { poolSize: 2 }), { filters: 16, kernelSize: 5, activation: 'relu' });
    x = g.flatten(g.maxPooling2d(x, { poolSize: 2 }));
    x = g.dense(g.dense(x, { units: 120, activation: 'relu' }), { units: 84, activation: 'relu' });
    return g.topology(g.dense(x, { units: 10, activation: head, name: 'out' }));
  };

  it('trains on its outputs as logits; a softmax model on its probabilities', () => {
    expect(outputLoss(summarize(lenet('relu')), 'out')).toBe(logitsCrossEntropy);
    expect(outputLoss(summarize(lenet('linear')), 'out')).toBe(logitsCrossEntropy);
    expect(outputLoss(summarize(lenet('softmax')), 'out')).toBe(crossEntropy);
  });

  it.each(['relu', 'softmax'])('%s head: the held-out loss agrees with the accuracy', async (head) => {
    const result = await trainModel(lenet(head), loadMnist(), settings(60));
    // A misclassified image has its class at a softmax probability of at most 1/2, a loss of
    // at least ln 2; so the mean loss is at least (1 - accuracy) ln 2. The clipped loss on raw
    // relu outputs broke this: 0.000 at 38.9% accuracy.
    expect(result.finalLoss!).toBeGreaterThanOrEqual((1 - result.accuracy) * Math.log(2));
    // And it learns: 61% for relu, 76% for softmax after these 60 steps (the clipped loss
    // left the relu head at 23%).
    expect(result.accuracy).toBeGreaterThan(0.5);
  });
});

describe('the model tfjs builds for training', () => {
  const net = (units: number) => {
    const g = new GraphBuilder('net');
    return g.topology(g.dense(g.dense(g.flatten(g.input([28, 28, 1])), { units, name: 'hidden' }), { units: 10, name: 'out' }));
  };

  it('is the model the checks saw, layer by layer', async () => {
    const model = await buildTrainingModel(net(32), 1);
    expect(() => confirmBuiltAsSummarized(model, summarize(net(32)))).not.toThrow();
    model.dispose();
  });

  it('fails closed when tfjs built anything else', async () => {
    const model = await buildTrainingModel(net(33), 1);
    // hidden: 784*33+33 = 25,905 parameters built, 784*32+32 = 25,120 checked.
    expect(() => confirmBuiltAsSummarized(model, summarize(net(32)))).toThrow('layer "hidden" was built with 25905 parameters and output [null,33]; the checks saw 25120 and [null,32]');
    model.dispose();
  });

  it('trains a model that uses a model as a layer, built flat from the canonical topology', async () => {
    const block = tf.sequential({ name: 'block', layers: [tf.layers.conv2d({ inputShape: [28, 28, 1], filters: 4, kernelSize: 5, activation: 'relu' }), tf.layers.maxPooling2d({ poolSize: 2 })] });
    const input = tf.input({ shape: [28, 28, 1] });
    const features = tf.layers.flatten().apply(block.apply(input) as tf.SymbolicTensor) as tf.SymbolicTensor;
    const model = tf.model({ inputs: input, outputs: tf.layers.dense({ units: 10, activation: 'softmax' }).apply(features) as tf.SymbolicTensor });
    const result = await trainModel(topologyOf(model), loadMnist(), settings(5));
    expect(result.stoppedEarly).toBeUndefined();
    // The inlined convolution keeps its place under the outer layer's name.
    expect(result.gradients!.layers).toHaveLength(2);
    expect(result.gradients!.layers[0]).toMatch(/^block\/conv2d/);
  });
});
