import { tf } from './harness/tfjs';
import { useBackend } from './harness/train/backends';
import { trainModel } from './harness/train/train_model';
import { loadMnist } from './harness/train/mnist';
import { topologyOf } from './harness/test_support';
import { buildLeNet5 } from './reference/lenet5';
(async () => {
  const b = await useBackend((process.argv[2] ?? 'wasm') as 'wasm');
  const data = loadMnist();
  const topo = topologyOf(buildLeNet5());
  const settings = { dataset: 'mnist' as const, steps: Number(process.argv[3] ?? 300), batchSize: 64, optimizer: 'adam' as const, learningRate: 0.001, seed: 1, evalImages: 2000, timeLimitSeconds: 300 };
  const before = tf.memory().numBytes;
  const r = await trainModel(topo, data, settings);
  console.log(b.name, 'acc', r.accuracy, 'loss', r.finalLoss, 'img/s', (r.steps * 64 / r.seconds).toFixed(0), 'memory growth bytes', tf.memory().numBytes - before, 'tensors', tf.memory().numTensors);
})();
