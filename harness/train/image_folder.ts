// A data set as a folder of class folders of PNG or JPEG images (train/cat/001.png, ...),
// each image resized (bilinear) to the task's input shape, as grey levels for one channel or
// RGB for three. Classes are the sub-folders in alphabetical order.

import * as fs from 'node:fs';
import * as path from 'node:path';
import * as jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import type { ImageDataset, ImageSplit } from './dataset';
import { DataFileError } from '../errors';

const IMAGE = /\.(png|jpe?g)$/i;

interface Rgba {
  width: number;
  height: number;
  data: Uint8Array;
}

function decode(file: string): Rgba {
  const bytes = fs.readFileSync(file);
  try {
    if (/\.png$/i.test(file)) {
      const png = PNG.sync.read(bytes);
      return { width: png.width, height: png.height, data: png.data };
    }
    const img = jpeg.decode(bytes, { useTArray: true, maxMemoryUsageInMB: 256 });
    return { width: img.width, height: img.height, data: img.data };
  } catch (error) {
    throw new DataFileError(file, `is not a readable ${path.extname(file).slice(1).toUpperCase()} image (${(error as Error).message})`);
  }
}

/** Bilinear resize of RGBA to height x width x channels (1: luma, 3: RGB) bytes. */
export function resizeTo(img: Rgba, [h, w, c]: [number, number, number], out: Uint8Array, offset: number): void {
  for (let y = 0; y < h; y++) {
    const sy = Math.min(img.height - 1, Math.max(0, ((y + 0.5) * img.height) / h - 0.5));
    const y0 = Math.floor(sy);
    const y1 = Math.min(img.height - 1, y0 + 1);
    const fy = sy - y0;
    for (let x = 0; x < w; x++) {
      const sx = Math.min(img.width - 1, Math.max(0, ((x + 0.5) * img.width) / w - 0.5));
      const x0 = Math.floor(sx);
      const x1 = Math.min(img.width - 1, x0 + 1);
      const fx = sx - x0;
      const at = (yy: number, xx: number, ch: number) => img.data[(yy * img.width + xx) * 4 + ch];
      const sample = (ch: number) => (at(y0, x0, ch) * (1 - fx) + at(y0, x1, ch) * fx) * (1 - fy) + (at(y1, x0, ch) * (1 - fx) + at(y1, x1, ch) * fx) * fy;
      const o = offset + (y * w + x) * c;
      if (c === 1) out[o] = Math.round(0.299 * sample(0) + 0.587 * sample(1) + 0.114 * sample(2));
      else for (let ch = 0; ch < 3; ch++) out[o + ch] = Math.round(sample(ch));
    }
  }
}

/** Labels are bytes, as in MNIST and CIFAR-10. */
const MAX_CLASSES = 256;

function classFolders(dir: string): string[] {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch (error) {
    throw new DataFileError(dir, `cannot be read (${(error as NodeJS.ErrnoException).code})`);
  }
  // Hidden folders (.ipynb_checkpoints, .git) are not classes; linked folders are.
  const classes = names.filter((n) => !n.startsWith('.') && fs.statSync(path.join(dir, n), { throwIfNoEntry: false })?.isDirectory()).sort();
  if (classes.length < 2) throw new DataFileError(dir, `holds ${classes.length} class folders; an image folder needs one sub-folder per class, at least two`);
  if (classes.length > MAX_CLASSES) throw new DataFileError(dir, `holds ${classes.length} class folders; at most ${MAX_CLASSES} are supported`);
  return classes;
}

function readSplit(dir: string, classes: string[], shape: [number, number, number]): ImageSplit {
  const files = classes.flatMap((cls, label) =>
    fs
      .readdirSync(path.join(dir, cls))
      .filter((f) => IMAGE.test(f) && fs.statSync(path.join(dir, cls, f)).isFile())
      .sort()
      .map((f) => ({ file: path.join(dir, cls, f), label })),
  );
  if (files.length === 0) throw new DataFileError(dir, 'has no .png or .jpg images in its class folders');
  const size = shape[0] * shape[1] * shape[2];
  const images = new Uint8Array(files.length * size);
  const labels = new Uint8Array(files.length);
  files.forEach(({ file, label }, i) => {
    resizeTo(decode(file), shape, images, i * size);
    labels[i] = label;
  });
  return { images, labels, count: files.length };
}

export function loadImageFolder(trainDir: string, testDir: string, shape: [number, number, number], name = 'images'): ImageDataset {
  if (shape[2] !== 1 && shape[2] !== 3) throw new DataFileError(trainDir, `images become ${shape.join('x')}, but only 1 (grey) or 3 (RGB) channels are supported`);
  const classes = classFolders(trainDir);
  const testClasses = classFolders(testDir);
  if (testClasses.join('/') !== classes.join('/')) throw new DataFileError(testDir, `has classes ${testClasses.join(', ')}; the training folder has ${classes.join(', ')}`);
  return { name, imageShape: shape, numClasses: classes.length, train: readSplit(trainDir, classes, shape), test: readSplit(testDir, classes, shape) };
}

export function imageFolderClasses(dir: string): string[] {
  return classFolders(dir);
}
