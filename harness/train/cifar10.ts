// CIFAR-10's binary version (cifar-10-batches-bin): data_batch_1.bin to data_batch_5.bin for
// training and test_batch.bin for testing; each record is a label byte then a 32x32 image as
// three planes (red, green, blue) of 1,024 bytes. Stored here as height x width x channels.

import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ImageDataset, ImageSplit } from './dataset';
import { DataFileError } from '../errors';

const SIDE = 32;
const PLANE = SIDE * SIDE;
/** Bytes per record: the label, then three 32x32 planes. */
export const CIFAR_RECORD = 1 + 3 * PLANE;
const RECORD = CIFAR_RECORD;

export function parseCifarBatches(batches: { file: string; bytes: Uint8Array }[]): ImageSplit {
  let count = 0;
  for (const { file, bytes } of batches) {
    if (bytes.length === 0 || bytes.length % RECORD !== 0) throw new DataFileError(file, `is ${bytes.length} bytes, not a whole number of ${RECORD}-byte CIFAR-10 records (truncated?)`);
    count += bytes.length / RECORD;
  }
  const images = new Uint8Array(count * 3 * PLANE);
  const labels = new Uint8Array(count);
  let n = 0;
  for (const { file, bytes } of batches) {
    for (let r = 0; r < bytes.length; r += RECORD, n++) {
      const label = bytes[r];
      if (label > 9) throw new DataFileError(file, `record ${r / RECORD} has label ${label}; CIFAR-10's are 0 to 9`);
      labels[n] = label;
      const out = n * 3 * PLANE;
      for (let p = 0; p < PLANE; p++) {
        images[out + 3 * p] = bytes[r + 1 + p];
        images[out + 3 * p + 1] = bytes[r + 1 + PLANE + p];
        images[out + 3 * p + 2] = bytes[r + 1 + 2 * PLANE + p];
      }
    }
  }
  return { images, labels, count };
}

function readBatches(dir: string, names: string[]): ImageSplit {
  return parseCifarBatches(
    names.map((name) => {
      const file = path.join(dir, name);
      try {
        return { file, bytes: fs.readFileSync(file) };
      } catch (error) {
        throw new DataFileError(file, `cannot be read (${(error as NodeJS.ErrnoException).code}); CIFAR-10's binary version has data_batch_1.bin to data_batch_5.bin and test_batch.bin`);
      }
    }),
  );
}

export function loadCifar10(dir: string): ImageDataset {
  const train = readBatches(dir, [1, 2, 3, 4, 5].map((i) => `data_batch_${i}.bin`));
  const test = readBatches(dir, ['test_batch.bin']);
  return { name: 'cifar10', imageShape: [SIDE, SIDE, 3], numClasses: 10, train, test };
}
