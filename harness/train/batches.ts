// Seeded data order and batch assembly on the host: a batch is copied into reused buffers
// and becomes one tensor, so the data set itself never sits in backend memory.

import type { ImageSplit } from './dataset';

/** mulberry32: a tiny, well-mixed 32-bit generator; enough for shuffling. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function shuffledIndices(count: number, random: () => number): Uint32Array {
  const order = new Uint32Array(count);
  for (let i = 0; i < count; i++) order[i] = i;
  for (let i = count - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const t = order[i];
    order[i] = order[j];
    order[j] = t;
  }
  return order;
}

/** Yields the image indices of each batch: epochs of a fresh seeded permutation. */
export class BatchOrder {
  private readonly random: () => number;
  private order: Uint32Array;
  private position = 0;

  constructor(
    private readonly count: number,
    seed: number,
  ) {
    this.random = seededRandom(seed);
    this.order = shuffledIndices(count, this.random);
  }

  next(batchSize: number): Uint32Array {
    const batch = new Uint32Array(batchSize);
    for (let i = 0; i < batchSize; i++) {
      if (this.position === this.count) {
        this.order = shuffledIndices(this.count, this.random);
        this.position = 0;
      }
      batch[i] = this.order[this.position++];
    }
    return batch;
  }
}

/** Copies the chosen images (scaled to 0..1) and one-hot labels into the given buffers. */
export function fillBatch(split: ImageSplit, indices: ArrayLike<number>, pixels: number, numClasses: number, xs: Float32Array, ys: Float32Array): void {
  ys.fill(0);
  for (let b = 0; b < indices.length; b++) {
    const src = indices[b] * pixels;
    const dst = b * pixels;
    for (let p = 0; p < pixels; p++) xs[dst + p] = split.images[src + p] / 255;
    ys[b * numClasses + split.labels[indices[b]]] = 1;
  }
}
