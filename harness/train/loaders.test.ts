// The data set loaders on small files written here, well formed and corrupt.

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { loadCifar10 } from './cifar10';
import { loadIdxDataset } from './dataset';
import { datasetShape } from './dataset_shapes';
import { loadImageFolder } from './image_folder';

const temp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'cnn-grade-data-'));

/** One CIFAR-10 record: the label, then the red, green and blue planes filled with one value each. */
function cifarRecord(label: number, [r, g, b]: number[]): Buffer {
  return Buffer.concat([Buffer.from([label]), Buffer.alloc(1024, r), Buffer.alloc(1024, g), Buffer.alloc(1024, b)]);
}

function idx(dims: number[], data: number[]): Buffer {
  const header = Buffer.alloc(4 + 4 * dims.length);
  header[2] = 0x08;
  header[3] = dims.length;
  dims.forEach((d, i) => header.writeUInt32BE(d, 4 + 4 * i));
  return Buffer.concat([header, Buffer.from(data)]);
}

function png(file: string, width: number, height: number, rgb: [number, number, number]): void {
  const image = new PNG({ width, height });
  for (let i = 0; i < width * height; i++) image.data.set([...rgb, 255], i * 4);
  fs.writeFileSync(file, PNG.sync.write(image));
}

describe('CIFAR-10 binary batches', () => {
  it('reads records into height x width x channels images', () => {
    const dir = temp();
    for (let i = 1; i <= 5; i++) fs.writeFileSync(path.join(dir, `data_batch_${i}.bin`), cifarRecord(i, [10, 20, 30]));
    fs.writeFileSync(path.join(dir, 'test_batch.bin'), Buffer.concat([cifarRecord(9, [1, 2, 3]), cifarRecord(0, [4, 5, 6])]));
    const data = loadCifar10(dir);
    expect([data.train.count, data.test.count]).toEqual([5, 2]);
    expect(Array.from(data.train.labels)).toEqual([1, 2, 3, 4, 5]);
    // Pixel (0, 0) of the first test image: its red, green and blue planes' first bytes.
    expect(Array.from(data.test.images.subarray(0, 3))).toEqual([1, 2, 3]);
    expect(Array.from(data.test.images.subarray(3072, 3075))).toEqual([4, 5, 6]);
  });

  it('names a truncated batch and a missing one', () => {
    const dir = temp();
    for (let i = 1; i <= 5; i++) fs.writeFileSync(path.join(dir, `data_batch_${i}.bin`), cifarRecord(1, [0, 0, 0]).subarray(0, i === 3 ? 3000 : 3073));
    expect(() => loadCifar10(dir)).toThrow(/data_batch_3\.bin: is 3000 bytes, not a whole number of 3073-byte CIFAR-10 records/);
    fs.writeFileSync(path.join(dir, 'data_batch_3.bin'), cifarRecord(1, [0, 0, 0]));
    expect(() => loadCifar10(dir)).toThrow(/test_batch\.bin: cannot be read \(ENOENT\)/);
  });
});

describe('image folders', () => {
  function folder(): string {
    const dir = temp();
    for (const split of ['train', 'test']) {
      fs.mkdirSync(path.join(dir, split, 'cat'), { recursive: true });
      fs.mkdirSync(path.join(dir, split, 'dog'), { recursive: true });
      png(path.join(dir, split, 'cat', 'a.png'), 2, 2, [255, 0, 0]);
      const blue = Buffer.alloc(8 * 8 * 4);
      for (let i = 0; i < 64; i++) blue.set([0, 0, 255, 255], i * 4);
      fs.writeFileSync(path.join(dir, split, 'dog', 'b.jpg'), jpeg.encode({ width: 8, height: 8, data: blue }, 100).data);
    }
    return dir;
  }

  it('labels by sub-folder and resizes PNG and JPEG to the input shape', () => {
    const dir = folder();
    const data = loadImageFolder(path.join(dir, 'train'), path.join(dir, 'test'), [4, 4, 3]);
    expect(data.numClasses).toBe(2);
    expect(Array.from(data.train.labels)).toEqual([0, 1]);
    // The 2x2 red PNG, enlarged to 4x4: red everywhere.
    expect(Array.from(data.train.images.subarray(0, 3))).toEqual([255, 0, 0]);
    // The blue JPEG (lossy: near blue).
    const [r, g, b] = Array.from(data.train.images.subarray(48, 51));
    expect(r).toBeLessThan(20);
    expect(g).toBeLessThan(20);
    expect(b).toBeGreaterThan(235);
  });

  it('makes grey levels for one channel (ITU-R 601 luma: red gives 0.299 * 255)', () => {
    const dir = folder();
    const data = loadImageFolder(path.join(dir, 'train'), path.join(dir, 'test'), [2, 2, 1]);
    expect(data.train.images[0]).toBe(Math.round(0.299 * 255));
  });

  it('skips hidden folders such as .ipynb_checkpoints', () => {
    const dir = folder();
    fs.mkdirSync(path.join(dir, 'train', '.ipynb_checkpoints'));
    expect(loadImageFolder(path.join(dir, 'train'), path.join(dir, 'test'), [4, 4, 3]).numClasses).toBe(2);
  });

  it('names a corrupt image and a folder without classes', () => {
    const dir = folder();
    fs.writeFileSync(path.join(dir, 'train', 'cat', 'broken.png'), 'not a png');
    expect(() => loadImageFolder(path.join(dir, 'train'), path.join(dir, 'test'), [4, 4, 3])).toThrow(/broken\.png: is not a readable PNG image/);
    const empty = temp();
    expect(() => loadImageFolder(empty, empty, [4, 4, 3])).toThrow(/holds 0 class folders/);
  });
});

describe('IDX pairs and data set shapes', () => {
  it('reads any IDX image and label files, with the shape from their header', () => {
    const dir = temp();
    const files = { trainImages: path.join(dir, 'ti'), trainLabels: path.join(dir, 'tl'), testImages: path.join(dir, 'si'), testLabels: path.join(dir, 'sl') };
    fs.writeFileSync(files.trainImages, idx([2, 3, 3], Array(18).fill(7)));
    fs.writeFileSync(files.trainLabels, idx([2], [0, 2]));
    fs.writeFileSync(files.testImages, idx([1, 3, 3], Array(9).fill(1)));
    fs.writeFileSync(files.testLabels, idx([1], [1]));
    const data = loadIdxDataset(files, 3);
    expect([data.imageShape, data.train.count, data.test.count]).toEqual([[3, 3, 1], 2, 1]);
    expect(datasetShape({ idx: files }, [3, 3, 1])).toEqual({ imageShape: [3, 3, 1], numClasses: null });
    // CIFAR-10's shape is known, but its files must be there, whole records each.
    expect(() => datasetShape({ cifar10: dir }, [32, 32, 3])).toThrow(/data_batch_1\.bin: cannot be read \(ENOENT\)/);
    for (const f of ['data_batch_1', 'data_batch_2', 'data_batch_3', 'data_batch_4', 'data_batch_5', 'test_batch']) fs.writeFileSync(path.join(dir, `${f}.bin`), Buffer.alloc(3073));
    expect(datasetShape({ cifar10: dir }, [32, 32, 3])).toEqual({ imageShape: [32, 32, 3], numClasses: 10 });
  });
});
