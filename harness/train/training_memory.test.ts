// Memory over thousands of training steps on wasm: what one step allocates (tensors, the
// harness kernels' scratch) it frees, so neither tfjs' tensor count and bytes nor the wasm
// heap grows. A leak would make long runs slow (fresh wasm memory costs milliseconds per MB)
// and then fail.

import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { GraphBuilder } from '../../reference/graph_builder';
import { tf } from '../tfjs';
import { useBackend } from './backends';
import { seededRandom } from './batches';
import type { ImageDataset } from './dataset';
import { buildTrainingModel } from './train_model';
import { TrainingStep } from './training_step';

/** 16x16x1 random images in 10 classes: the pixels do not matter, the kernels they reach do. */
function randomImages(count: number): ImageDataset {
  const random = seededRandom(7);
  const images = new Uint8Array(count * 256).map(() => Math.floor(random() * 256));
  const labels = new Uint8Array(count).map((_, i) => i % 10);
  const split = { images, labels, count };
  return { name: 'random', imageShape: [16, 16, 1], numClasses: 10, train: split, test: split };
}

function wasmHeap(): { bytes: number; buffers: number } {
  const backend = tf.findBackend('wasm') as BackendWasm;
  // numDataIds counts every buffer the backend holds, the harness kernels' scratch included.
  return { bytes: (backend.wasm as unknown as { asm: { memory: WebAssembly.Memory } }).asm.memory.buffer.byteLength, buffers: backend.numDataIds() };
}

beforeAll(async () => {
  await useBackend('wasm');
});

it('keeps tensors, tensor bytes and the wasm heap flat over 2,000 steps through every harness kernel', async () => {
  // Each layer takes a different kernel path: a 1-channel 3x3 convolution (XNNPACK, the filter
  // gradient only), an 8-channel one (Winograd), a 5x5 one (the input gradient by a flipped
  // XNNPACK convolution), max pooling, a stride-2 5x5 tanh convolution (direct gradients,
  // tanh), average pooling, a dense layer (transposed products); Adam.
  const g = new GraphBuilder('every_kernel');
  let x = g.conv2d(g.input([16, 16, 1]), { filters: 8, kernelSize: 3, padding: 'same', activation: 'relu' });
  x = g.conv2d(x, { filters: 8, kernelSize: 3, padding: 'same', activation: 'relu' });
  x = g.maxPooling2d(g.conv2d(x, { filters: 8, kernelSize: 5, padding: 'same', activation: 'relu' }), { poolSize: 2 });
  x = g.conv2d(x, { filters: 12, kernelSize: 5, strides: 2, padding: 'same', activation: 'tanh' });
  x = g.flatten(g.averagePooling2d(x, { poolSize: 2 }));
  const model = await buildTrainingModel(g.topology(g.dense(x, { units: 10, activation: 'softmax' })), 1);
  const trainer = new TrainingStep(model, randomImages(64), { batchSize: 8, seed: 1, optimizer: 'adam', learningRate: 0.001 });
  const steps = (n: number) => {
    for (let i = 0; i < n; i++) trainer.run().dispose();
  };
  try {
    steps(20);
    const before = { ...tf.memory(), heap: wasmHeap() };
    steps(2000);
    const after = { ...tf.memory(), heap: wasmHeap() };
    expect(after.numTensors).toBe(before.numTensors);
    expect(after.numBytes).toBe(before.numBytes);
    expect(after.heap).toEqual(before.heap);
  } finally {
    trainer.dispose();
    model.dispose();
  }
});
