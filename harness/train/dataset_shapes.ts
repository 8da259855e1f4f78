// A rubric's data set: which it is, and what its images and classes are, known before (or
// without much) reading it, so that a rubric whose model cannot take the data is refused when
// it is loaded, not halfway through a class.

import * as fs from 'node:fs';
import { DataFileError } from '../errors';
import { CIFAR_RECORD } from './cifar10';
import { imageFolderClasses } from './image_folder';

export type DatasetSpec =
  | 'mnist'
  | { idx: { trainImages: string; trainLabels: string; testImages: string; testLabels: string } }
  | { cifar10: string }
  | { imageFolder: { train: string; test: string } };

export interface DatasetShape {
  imageShape: [number, number, number];
  /** Unknown for IDX files until their labels are read: the task's classes are used. */
  numClasses: number | null;
}

/** Images and classes of a data set; image folders are resized to `inputShape`. */
export function datasetShape(spec: DatasetSpec, inputShape: number[]): DatasetShape {
  if (spec === 'mnist') return { imageShape: [28, 28, 1], numClasses: 10 };
  if ('cifar10' in spec) {
    checkCifarFiles(spec.cifar10);
    return { imageShape: [32, 32, 3], numClasses: 10 };
  }
  if ('imageFolder' in spec) {
    const { train, test } = spec.imageFolder;
    if (inputShape.length !== 3 || (inputShape[2] !== 1 && inputShape[2] !== 3)) throw new DataFileError(train, `images become ${inputShape.join('x')}; an image folder gives 1 (grey) or 3 (RGB) channels`);
    const classes = imageFolderClasses(train);
    const testClasses = imageFolderClasses(test);
    if (testClasses.join('/') !== classes.join('/')) throw new DataFileError(test, `has classes ${testClasses.join(', ')}; the training folder has ${classes.join(', ')}`);
    return { imageShape: inputShape as [number, number, number], numClasses: classes.length };
  }
  // IDX: the image file's header says the size (magic, count, rows, cols: 16 bytes).
  const file = spec.idx.trainImages;
  const header = Buffer.alloc(16);
  let read = 0;
  try {
    const fd = fs.openSync(file, 'r');
    read = fs.readSync(fd, header, 0, 16, 0);
    fs.closeSync(fd);
  } catch (error) {
    throw new DataFileError(file, `cannot be read (${(error as NodeJS.ErrnoException).code})`);
  }
  if (read < 16 || header.readUInt16BE(0) !== 0 || header[2] !== 0x08 || header[3] !== 3) throw new DataFileError(file, 'is not an IDX file of unsigned-byte images (count x rows x columns)');
  return { imageShape: [header.readUInt32BE(8), header.readUInt32BE(12), 1], numClasses: null };
}

/** CIFAR-10's six batch files exist and hold whole records (a size check: no reading). */
function checkCifarFiles(dir: string): void {
  for (const name of [1, 2, 3, 4, 5].map((i) => `data_batch_${i}.bin`).concat('test_batch.bin')) {
    const file = `${dir}/${name}`;
    let size: number;
    try {
      size = fs.statSync(file).size;
    } catch (error) {
      throw new DataFileError(file, `cannot be read (${(error as NodeJS.ErrnoException).code}); CIFAR-10's binary version has data_batch_1.bin to data_batch_5.bin and test_batch.bin`);
    }
    if (size === 0 || size % CIFAR_RECORD !== 0) throw new DataFileError(file, `is ${size} bytes, not a whole number of ${CIFAR_RECORD}-byte CIFAR-10 records (truncated?)`);
  }
}

/** A short name for results: mnist, cifar10, idx:train-images-idx3-ubyte, images:train. */
export function datasetName(spec: DatasetSpec): string {
  if (typeof spec === 'string') return spec;
  if ('cifar10' in spec) return 'cifar10';
  if ('imageFolder' in spec) return `images:${spec.imageFolder.train.split(/[\\/]/).filter(Boolean).pop()}`;
  return `idx:${spec.idx.trainImages.split(/[\\/]/).pop()}`;
}
