// The IDX format of LeCun's MNIST files: a magic number naming the element type and rank,
// the size of each dimension (big-endian 32-bit), then the data. Only unsigned bytes, which
// is what MNIST and Fashion-MNIST use.

import * as fs from 'node:fs';
import { DataFileError } from '../errors';


export interface IdxArray {
  dims: number[];
  data: Uint8Array;
}

const UNSIGNED_BYTE = 0x08;

export function parseIdx(bytes: Uint8Array, file: string): IdxArray {
  if (bytes.length < 4) throw new DataFileError(file, `is ${bytes.length} bytes, too short to be an IDX file`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint16(0) !== 0) throw new DataFileError(file, `wrong magic number 0x${view.getUint32(0).toString(16).padStart(8, '0')}: not an IDX file (is it still gzipped?)`);
  const type = bytes[2];
  const rank = bytes[3];
  if (type !== UNSIGNED_BYTE) throw new DataFileError(file, `holds element type 0x${type.toString(16)}, only unsigned bytes (0x08) are supported`);
  if (rank < 1 || rank > 4) throw new DataFileError(file, `has ${rank} dimensions, expected 1 to 4`);
  const headerBytes = 4 + 4 * rank;
  if (bytes.length < headerBytes) throw new DataFileError(file, 'is truncated inside its header');
  const dims = Array.from({ length: rank }, (_, i) => view.getUint32(4 + 4 * i));
  const expected = dims.reduce((a, b) => a * b, 1);
  const actual = bytes.length - headerBytes;
  if (actual < expected) throw new DataFileError(file, `is truncated: its header promises ${expected} bytes of data (${dims.join('x')}), it holds ${actual}`);
  if (actual > expected) throw new DataFileError(file, `has ${actual - expected} bytes after the ${dims.join('x')} data its header describes`);
  return { dims, data: bytes.subarray(headerBytes) };
}

export function readIdx(file: string): IdxArray {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (error) {
    throw new DataFileError(file, `cannot be read (${(error as NodeJS.ErrnoException).code})`);
  }
  return parseIdx(bytes, file);
}
