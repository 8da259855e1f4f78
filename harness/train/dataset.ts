// An image-classification data set in memory: images as bytes (0-255, height x width x
// channels each), labels as class indices, split into a training and a held-out part.

import { DataFileError } from '../errors';
import { readIdx } from './idx';

export interface ImageSplit {
  images: Uint8Array;
  labels: Uint8Array;
  count: number;
}

export interface ImageDataset {
  name: string;
  imageShape: [number, number, number];
  numClasses: number;
  train: ImageSplit;
  test: ImageSplit;
}

/** Reads an IDX image file and its label file as one split, checking that they agree. */
export function readIdxSplit(imagesFile: string, labelsFile: string, numClasses: number): { split: ImageSplit; shape: [number, number, number] } {
  const images = readIdx(imagesFile);
  const labels = readIdx(labelsFile);
  if (images.dims.length !== 3) throw new DataFileError(imagesFile, `has shape ${images.dims.join('x')}, expected count x height x width`);
  if (labels.dims.length !== 1) throw new DataFileError(labelsFile, `has shape ${labels.dims.join('x')}, expected one label per image`);
  if (labels.dims[0] !== images.dims[0]) throw new DataFileError(labelsFile, `has ${labels.dims[0]} labels for ${images.dims[0]} images in ${imagesFile}`);
  const bad = labels.data.findIndex((l) => l >= numClasses);
  if (bad >= 0) throw new DataFileError(labelsFile, `label ${labels.data[bad]} at index ${bad} is not a class from 0 to ${numClasses - 1}`);
  return { split: { images: images.data, labels: labels.data, count: images.dims[0] }, shape: [images.dims[1], images.dims[2], 1] };
}

/** Any pair of IDX image and label files for training and testing (e.g. Fashion-MNIST's). */
export function loadIdxDataset(files: { trainImages: string; trainLabels: string; testImages: string; testLabels: string }, numClasses: number, name = 'idx'): ImageDataset {
  const train = readIdxSplit(files.trainImages, files.trainLabels, numClasses);
  const test = readIdxSplit(files.testImages, files.testLabels, numClasses);
  if (train.shape.join('x') !== test.shape.join('x')) throw new DataFileError(files.testImages, `holds ${test.shape.join('x')} images; the training images are ${train.shape.join('x')}`);
  return { name, imageShape: train.shape, numClasses, train: train.split, test: test.split };
}
