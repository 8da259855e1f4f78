// The student's training in a process of its own: the same result as in the grader's process,
// and a run past its time limit stopped from outside, with the reason.

import { REFERENCES } from '../../reference';
import { GraphBuilder } from '../../reference/graph_builder';
import { tf } from '../tfjs';
import { topologyOf } from '../test_support';
import type { TrainSettings } from '../rubric/schema';
import { useBackend } from './backends';
import { loadMnist } from './mnist';
import { runTraining, trainStudent } from './run_training';
import { trainInOwnProcess } from './training_process';

const settings = (steps: number, timeLimitSeconds = 60): TrainSettings => ({ dataset: 'mnist', steps, batchSize: 32, optimizer: 'adam', learningRate: 0.001, seed: 4, evalImages: 250, timeLimitSeconds });
const args = { inputShape: [28, 28, 1], numClasses: 10 };

describe('training in its own process', () => {
  it('gives exactly the result of training in the grader (same seed, data order, backend)', async () => {
    await useBackend('wasm');
    // A Sequential model as a student writes it: its input layer is one the harness names.
    const topology = topologyOf(
      tf.sequential({ layers: [tf.layers.conv2d({ inputShape: [28, 28, 1], filters: 4, kernelSize: 5, activation: 'relu' }), tf.layers.maxPooling2d({ poolSize: 2 }), tf.layers.flatten(), tf.layers.dense({ units: 10, activation: 'softmax' })] }),
    );
    const here = await trainStudent(topology, loadMnist(), settings(12));
    const there = await trainInOwnProcess({ topology, settings: settings(12), args, backend: 'wasm' });
    expect(there.stoppedEarly).toBeUndefined();
    expect(there.curve).toEqual(here.curve);
    expect([there.accuracy, there.finalLoss, there.steps]).toEqual([here.accuracy, here.finalLoss, here.steps]);
  });

  it('brings back a run that stopped on NaN as it is: a NaN crosses JSON as null', async () => {
    const g = new GraphBuilder('overflow');
    // Weights of 1e38 overflow on the first step; the finite check every ten steps sees it (train_model.test.ts).
    const out = g.layer('Dense', { units: 10, activation: 'softmax', kernel_initializer: { class_name: 'Constant', config: { value: 1e38 } } }, g.flatten(g.input([28, 28, 1])), 'out');
    const result = await trainInOwnProcess({ topology: g.topology(out), settings: settings(50), args, backend: 'wasm' });
    expect(result.stoppedEarly).toBe('the weights of out became non-finite (NaN or Infinity) by step 10');
    expect(result.steps).toBe(10);
  });

  it('is killed when it runs past its limit, and says so instead of waiting for the loop to notice', async () => {
    const started = Date.now();
    // A limit of 0.2 s and 0.3 s of grace: starting tfjs and loading MNIST alone take longer.
    const result = await trainInOwnProcess({ topology: REFERENCES.lenet5.topology({}), settings: settings(100_000, 0.2), args, backend: 'wasm' }, 0.3);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(result).toMatchObject({ accuracy: 0, finalLoss: null, steps: 0 });
    expect(result.stoppedEarly).toMatch(/^training was stopped after \d+ s: the time limit is 0.2 s and one step or the evaluation ran past it$/);
  });
});

describe('a check that must train the reference too', () => {
  it('trains both at once in two processes, with the results of training them one after the other', async () => {
    await useBackend('wasm');
    const student = topologyOf(tf.sequential({ layers: [tf.layers.flatten({ inputShape: [28, 28, 1] }), tf.layers.dense({ units: 10, activation: 'softmax' })] }));
    const reference = REFERENCES.lenet5.topology({});
    const run = await runTraining(student, reference, settings(12), args, 'wasm');
    // The reference trains its full budget whatever the rubric's limit: no limit in-process.
    const alone = [await trainStudent(student, loadMnist(), settings(12)), await trainStudent(reference, loadMnist(), { ...settings(12), timeLimitSeconds: Number.POSITIVE_INFINITY })];
    for (const [together, apart] of [[run.student, alone[0]], [run.reference, alone[1]]]) {
      expect(together.curve).toEqual(apart.curve);
      expect([together.accuracy, together.finalLoss, together.steps, together.gradients]).toEqual([apart.accuracy, apart.finalLoss, apart.steps, apart.gradients]);
    }
    expect(run.referenceCached).toBe(false);
  });
});
