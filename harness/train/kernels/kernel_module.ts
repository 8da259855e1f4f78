// Loads kernels.wasm (built from src/ by build.sh, committed) into the tfjs wasm backend's
// own memory, so that its functions work on tensors in place, addressed by byte offset.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { packageRoot } from '../../paths';

type Ptr = number;

export interface KernelModule {
  conv2d_backprop_filter(x: Ptr, dy: Ptr, dw: Ptr, n: number, h: number, w: number, ci: number, oh: number, ow: number, co: number, kh: number, kw: number, sh: number, sw: number, pt: number, pl: number): void;
  conv2d_backprop_input(dy: Ptr, wt: Ptr, dx: Ptr, n: number, h: number, w: number, ci: number, oh: number, ow: number, co: number, kh: number, kw: number, sh: number, sw: number, pt: number, pl: number, ci4: number): void;
  depthwise_backprop_filter(x: Ptr, dy: Ptr, dw: Ptr, n: number, h: number, w: number, c: number, oh: number, ow: number, m: number, kh: number, kw: number, sh: number, sw: number, pt: number, pl: number): void;
  depthwise_backprop_input(dy: Ptr, wt: Ptr, dx: Ptr, n: number, h: number, w: number, c: number, oh: number, ow: number, m: number, kh: number, kw: number, sh: number, sw: number, pt: number, pl: number): void;
  transpose_filter(w: Ptr, wt: Ptr, khw: number, ci: number, co: number, ci4: number): void;
  flip_transpose_filter(w: Ptr, wf: Ptr, kh: number, kw: number, ci: number, co: number): void;
  winograd_filter(w: Ptr, u: Ptr, ci: number, co: number, ci4: number, co4: number): void;
  winograd_conv(x: Ptr, u: Ptr, bias: Ptr, y: Ptr, v: Ptr, m: Ptr, n: number, h: number, w: number, ci: number, oh: number, ow: number, co: number, pt: number, pl: number, ci4: number, co4: number, chunk: number, hasBias: number, relu: number): void;
  winograd_backprop_filter(x: Ptr, dy: Ptr, dw: Ptr, du: Ptr, v: Ptr, d: Ptr, n: number, h: number, w: number, ci: number, oh: number, ow: number, co: number, pt: number, pl: number, ci4: number, co4: number, chunk: number): void;
  tanh_forward(x: Ptr, y: Ptr, n: number): void;
  relu_backprop(dy: Ptr, y: Ptr, dz: Ptr, n: number): void;
  tanh_backprop(dy: Ptr, y: Ptr, dz: Ptr, n: number): void;
  avg_pool_backprop(dy: Ptr, dx: Ptr, n: number, h: number, w: number, c: number, oh: number, ow: number, kh: number, kw: number, sh: number, sw: number, pt: number, pl: number, scale: number): void;
  max_pool_backprop(x: Ptr, dy: Ptr, dx: Ptr, n: number, h: number, w: number, c: number, oh: number, ow: number, kh: number, kw: number, sh: number, sw: number, pt: number, pl: number): void;
  transpose_last2(a: Ptr, out: Ptr, batch: number, rows: number, cols: number): void;
  sum_rows(x: Ptr, out: Ptr, rows: number, c: number): void;
  adam_step(w: Ptr, g: Ptr, m: Ptr, v: Ptr, wOut: Ptr, mOut: Ptr, vOut: Ptr, n: number, lr: number, b1: number, b2: number, eps: number, c1: number, c2: number): void;
}

export function kernelWasmPath(): string {
  return path.join(packageRoot(), 'harness', 'train', 'kernels', 'kernels.wasm');
}

export function instantiateKernels(memory: WebAssembly.Memory): KernelModule {
  const module = new WebAssembly.Module(fs.readFileSync(kernelWasmPath()));
  const instance = new WebAssembly.Instance(module, { env: { memory } });
  return instance.exports as unknown as KernelModule;
}
