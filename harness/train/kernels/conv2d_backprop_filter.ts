// Conv2DBackpropFilter for the wasm backend, which tfjs-backend-wasm 4.22 does not register
// (so no convolution can train there). Plain JavaScript over the backend's own heap: correct
// for every stride and padding, with no copies in or out.

import { backend_util, type KernelConfig, type KernelFunc, type TensorInfo } from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

interface Attrs {
  strides: [number, number] | number;
  pad: 'valid' | 'same' | number | backend_util.ExplicitPadding;
  dataFormat: 'NHWC' | 'NCHW';
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
  filterShape: [number, number, number, number];
}

const conv2dBackpropFilter: KernelFunc = ({ inputs, backend, attrs }) => {
  const wasm = backend as BackendWasm;
  const { x, dy } = inputs as { x: TensorInfo; dy: TensorInfo };
  const { strides, pad, dataFormat, dimRoundingMode, filterShape } = attrs as unknown as Attrs;
  if (dataFormat === 'NCHW') throw new Error('Conv2DBackpropFilter on wasm supports NHWC only');
  const info = backend_util.computeConv2DInfo(x.shape as [number, number, number, number], filterShape, strides, 1, pad, dimRoundingMode, false, 'channelsLast');
  const out = wasm.makeOutput(filterShape, 'float32');
  // Views are taken after makeOutput: allocating may grow the heap and detach older views.
  const xs = wasm.typedArrayFromHeap(x) as Float32Array;
  const dys = wasm.typedArrayFromHeap(dy) as Float32Array;
  const dw = wasm.typedArrayFromHeap(out) as Float32Array;
  accumulateFilterGradient(xs, dys, dw, info);
  return out;
};

/** dw[kh, kw, ci, co] = sum over n, oh, ow of x[n, oh*sh - top + kh, ow*sw - left + kw, ci] * dy[n, oh, ow, co]. */
export function accumulateFilterGradient(x: Float32Array, dy: Float32Array, dw: Float32Array, info: backend_util.Conv2DInfo): void {
  const { batchSize, inHeight, inWidth, inChannels: ci, outHeight, outWidth, outChannels: co, filterHeight, filterWidth, strideHeight, strideWidth } = info;
  const top = info.padInfo.top;
  const left = info.padInfo.left;
  dw.fill(0);
  for (let n = 0; n < batchSize; n++) {
    for (let oh = 0; oh < outHeight; oh++) {
      for (let ow = 0; ow < outWidth; ow++) {
        const dyOff = ((n * outHeight + oh) * outWidth + ow) * co;
        for (let kh = 0; kh < filterHeight; kh++) {
          const ih = oh * strideHeight - top + kh;
          if (ih < 0 || ih >= inHeight) continue;
          for (let kw = 0; kw < filterWidth; kw++) {
            const iw = ow * strideWidth - left + kw;
            if (iw < 0 || iw >= inWidth) continue;
            const xOff = ((n * inHeight + ih) * inWidth + iw) * ci;
            const wOff = (kh * filterWidth + kw) * ci * co;
            for (let c = 0; c < ci; c++) {
              const xv = x[xOff + c];
              if (xv === 0) continue;
              const row = wOff + c * co;
              for (let o = 0; o < co; o++) dw[row + o] += xv * dy[dyOff + o];
            }
          }
        }
      }
    }
  }
}

export const conv2dBackpropFilterConfig: KernelConfig = { kernelName: 'Conv2DBackpropFilter', backendName: 'wasm', kernelFunc: conv2dBackpropFilter };
