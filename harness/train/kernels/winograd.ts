// 3x3 stride-1 convolutions on wasm through the Winograd kernels (src/winograd.c): the
// forward pass, the input gradient (a forward convolution of dy with the flipped, transposed
// filter) and the filter gradient. They cut a VGG-style step's multiplications by four.

import type { backend_util, TensorInfo } from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import type { KernelModule } from './kernel_module';
import { offset } from './wasm_memory';

/** A 3x3 stride-1 convolution's sizes: input N x H x W x CI, output N x OH x OW x CO. */
export interface ConvGeometry {
  N: number;
  H: number;
  W: number;
  CI: number;
  OH: number;
  OW: number;
  CO: number;
  /** Padding above and left of the input. */
  PT: number;
  PL: number;
}

/**
 * Floats of scratch per chunk of tiles: transformed patches of a chunk stay in the processor's
 * second-level cache between their transform and their product (measured: 64K to 1M floats
 * differ by a few per cent on the VGG lab's layers; far larger chunks fall out of cache).
 */
const CHUNK_FLOATS = 1 << 18;

/**
 * Winograd pays where there are channels to multiply: with fewer than 8 on either side, the
 * transforms cost more than the multiplications they save, and XNNPACK's direct
 * convolution is faster (an RGB first layer, MNIST's 1-channel input).
 */
const MIN_CHANNELS = 8;

export function winogradApplies(c: backend_util.Conv2DInfo): boolean {
  return (
    c.filterHeight === 3 &&
    c.filterWidth === 3 &&
    c.strideHeight === 1 &&
    c.strideWidth === 1 &&
    c.dilationHeight === 1 &&
    c.dilationWidth === 1 &&
    c.inChannels >= MIN_CHANNELS &&
    c.outChannels >= MIN_CHANNELS
  );
}

export function forwardGeometry(c: backend_util.Conv2DInfo): ConvGeometry {
  return { N: c.batchSize, H: c.inHeight, W: c.inWidth, CI: c.inChannels, OH: c.outHeight, OW: c.outWidth, CO: c.outChannels, PT: c.padInfo.top, PL: c.padInfo.left };
}

/** The input gradient's convolution: dy in, dx out, the padding that undoes the forward one. */
export function inputGradientGeometry(c: backend_util.Conv2DInfo): ConvGeometry {
  return { N: c.batchSize, H: c.outHeight, W: c.outWidth, CI: c.outChannels, OH: c.inHeight, OW: c.inWidth, CO: c.inChannels, PT: 2 - c.padInfo.top, PL: 2 - c.padInfo.left };
}

const roundUp4 = (n: number) => Math.ceil(n / 4) * 4;

/** Scratch tensors for one kernel call, freed together. */
function scratch(b: BackendWasm) {
  const made: TensorInfo[] = [];
  return {
    floats(n: number): number {
      const t = b.makeOutput([n], 'float32');
      made.push(t);
      return offset(b, t);
    },
    free(): void {
      for (const t of made) b.disposeData(t.dataId);
    },
  };
}

function chunkTiles(g: ConvGeometry, ci4: number, co4: number): number {
  const tiles = g.N * Math.ceil(g.OH / 4) * Math.ceil(g.OW / 4);
  return Math.max(4, Math.min(tiles, Math.floor(CHUNK_FLOATS / (36 * (ci4 + co4)))));
}

/**
 * What every pass needs besides its tensors: channels padded to fours, the chunk size, and
 * scratch for the transformed filter (or its gradient) and for a chunk's transformed input
 * and output. Free it when the pass is done.
 */
function workspace(b: BackendWasm, g: ConvGeometry) {
  const ci4 = roundUp4(g.CI);
  const co4 = roundUp4(g.CO);
  const chunk = chunkTiles(g, ci4, co4);
  const s = scratch(b);
  try {
    return { ci4, co4, chunk, filter: s.floats(36 * ci4 * co4), inputs: s.floats(36 * chunk * ci4), outputs: s.floats(36 * chunk * co4), free: s.free };
  } catch (error) {
    s.free();
    throw error;
  }
}

/**
 * y = conv(x, g) (+ bias, then relu if asked) for a 3x3 filter g in HWIO order, given as the
 * byte offset of its floats in wasm memory (the input gradient passes a flipped copy).
 */
export function winogradConv(k: KernelModule, b: BackendWasm, x: TensorInfo, filterOffset: number, g: ConvGeometry, bias: TensorInfo | null, relu: boolean): TensorInfo {
  const w = workspace(b, g);
  try {
    const y = b.makeOutput([g.N, g.OH, g.OW, g.CO], 'float32');
    k.winograd_filter(filterOffset, w.filter, g.CI, g.CO, w.ci4, w.co4);
    k.winograd_conv(offset(b, x), w.filter, bias ? offset(b, bias) : 0, offset(b, y), w.inputs, w.outputs, g.N, g.H, g.W, g.CI, g.OH, g.OW, g.CO, g.PT, g.PL, w.ci4, w.co4, w.chunk, bias ? 1 : 0, relu ? 1 : 0);
    return y;
  } finally {
    w.free();
  }
}

/** dx of a 3x3 stride-1 convolution: dy convolved with the flipped, transposed filter. */
export function winogradBackpropInput(k: KernelModule, b: BackendWasm, dy: TensorInfo, filter: TensorInfo, c: backend_util.Conv2DInfo): TensorInfo {
  const s = scratch(b);
  try {
    const flipped = s.floats(9 * c.inChannels * c.outChannels);
    k.flip_transpose_filter(offset(b, filter), flipped, 3, 3, c.inChannels, c.outChannels);
    return winogradConv(k, b, dy, flipped, inputGradientGeometry(c), null, false);
  } finally {
    s.free();
  }
}

/** dw of a 3x3 stride-1 convolution. */
export function winogradBackpropFilter(k: KernelModule, b: BackendWasm, x: TensorInfo, dy: TensorInfo, c: backend_util.Conv2DInfo): TensorInfo {
  const g = forwardGeometry(c);
  const w = workspace(b, g);
  try {
    const dw = b.makeOutput([3, 3, g.CI, g.CO], 'float32');
    k.winograd_backprop_filter(offset(b, x), offset(b, dy), offset(b, dw), w.filter, w.inputs, w.outputs, g.N, g.H, g.W, g.CI, g.OH, g.OW, g.CO, g.PT, g.PL, w.ci4, w.co4, w.chunk);
    return dw;
  } finally {
    w.free();
  }
}
