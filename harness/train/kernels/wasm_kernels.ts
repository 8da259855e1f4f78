// The harness's kernels for tfjs' wasm backend, registered over (or beside) its own: 3x3
// stride-1 convolutions by Winograd (winograd.ts), the convolution gradients
// (Conv2DBackpropFilter is missing from tfjs-backend-wasm 4.22; its Conv2DBackpropInput is
// scalar), tanh and the relu/tanh gradients, the pooling gradients, bias-gradient sums, matrix
// products with transposed operands (4.22 falls back to a scalar loop for those), an Identity
// that shares data, and a fused Adam step. They rely on the backend's internals (its tensor
// table and memory), which is why the tfjs packages are pinned to exactly 4.22.0.
//
// Every kernel here writes only into outputs it makes: tensors are never written in place.
// The shared Identity depends on that (a tensor the gradient tape keeps may share its data).

import { backend_util, type KernelConfig, type KernelFunc, type TensorInfo } from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { tf } from '../../tfjs';
import { instantiateKernels, type KernelModule } from './kernel_module';
import { ACTIVATION_GRADIENT_KERNEL, ADAM_STEP_KERNEL } from './kernel_names';
import { offset } from './wasm_memory';
import { forwardGeometry, winogradApplies, winogradBackpropFilter, winogradBackpropInput, winogradConv } from './winograd';


type Conv2DAttrs = {
  strides: [number, number] | number;
  pad: 'valid' | 'same' | number | backend_util.ExplicitPadding;
  dataFormat: 'NHWC' | 'NCHW';
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
};

function requireNHWC(format: string | undefined, kernel: string): void {
  if (format === 'NCHW') throw new Error(`${kernel} on wasm supports NHWC only`);
}

type FusedConv2DAttrs = Conv2DAttrs & { dilations: [number, number] | number; activation?: string };

/** The convolution's geometry as tfjs computes it, from the input's and the filter's shapes. */
function convInfo(xShape: number[], filterShape: number[], a: Conv2DAttrs & { dilations?: [number, number] | number }): backend_util.Conv2DInfo {
  return backend_util.computeConv2DInfo(xShape as [number, number, number, number], filterShape as [number, number, number, number], a.strides, a.dilations ?? 1, a.pad, a.dimRoundingMode, false, 'channelsLast');
}

/**
 * Conv2D and FusedConv2D: 3x3 stride-1 convolutions with at most a bias (one per output
 * channel) and relu go to the Winograd kernels; everything else (NCHW, other activations,
 * other bias shapes, which the stock kernel refuses or broadcasts) to the stock XNNPACK kernels.
 */
function convForwardKernels(k: KernelModule): KernelConfig[] {
  const wrap = (name: 'Conv2D' | 'FusedConv2D'): KernelConfig => {
    const stock = tf.getKernel(name, 'wasm')!.kernelFunc;
    const kernelFunc: KernelFunc = (args) => {
      const b = args.backend as BackendWasm;
      const { x, filter, bias, preluActivationWeights } = args.inputs as { x: TensorInfo; filter: TensorInfo; bias?: TensorInfo; preluActivationWeights?: TensorInfo };
      const a = args.attrs as unknown as FusedConv2DAttrs;
      const activation = a.activation ?? 'linear';
      if (a.dataFormat === 'NCHW' || preluActivationWeights || (activation !== 'linear' && activation !== 'relu')) return stock(args);
      const c = convInfo(x.shape, filter.shape, a);
      const biasFits = !bias || (bias.shape.length === 1 && bias.shape[0] === c.outChannels && bias.dtype === 'float32');
      if (!winogradApplies(c) || !biasFits || x.dtype !== 'float32') return stock(args);
      return winogradConv(k, b, x, offset(b, filter), forwardGeometry(c), bias ?? null, activation === 'relu');
    };
    return { kernelName: name, backendName: 'wasm', kernelFunc };
  };
  return [wrap('Conv2D'), wrap('FusedConv2D')];
}

/**
 * For a stride-1 input gradient that Winograd does not take (other kernel sizes, fewer than 8
 * channels), the flipped forward convolution (XNNPACK) reads a window of dy for every pixel
 * of dx; where dy is much smaller than dx (a "valid" convolution with a large kernel, LeNet-5's
 * C3: 10x10 from 14x14), most of those reads are zero padding and the harness's scatter kernel,
 * which only visits real dy pixels, is faster. Measured on wasm: C3 1.6 ms scatter vs 2.0 ms
 * flipped (output share 0.51); a 12x12 3x3 valid convolution to 4 channels 0.44 vs 0.31
 * (share 0.69); 5x5 "same" convolutions 24 vs 19 ms.
 */
const FLIPPED_CONV_MIN_OUTPUT_SHARE = 0.6;

function convKernels(k: KernelModule): KernelConfig[] {
  const stockConv2D = tf.getKernel('Conv2D', 'wasm')!.kernelFunc;
  const backpropFilter: KernelFunc = ({ inputs, backend, attrs }) => {
    const b = backend as BackendWasm;
    const { x, dy } = inputs as { x: TensorInfo; dy: TensorInfo };
    const a = attrs as unknown as Conv2DAttrs & { filterShape: [number, number, number, number] };
    requireNHWC(a.dataFormat, 'Conv2DBackpropFilter');
    const c = convInfo(x.shape, a.filterShape, a);
    if (winogradApplies(c)) return winogradBackpropFilter(k, b, x, dy, c);
    const out = b.makeOutput(a.filterShape, 'float32');
    k.conv2d_backprop_filter(offset(b, x), offset(b, dy), offset(b, out), c.batchSize, c.inHeight, c.inWidth, c.inChannels, c.outHeight, c.outWidth, c.outChannels, c.filterHeight, c.filterWidth, c.strideHeight, c.strideWidth, c.padInfo.top, c.padInfo.left);
    return out;
  };
  const backpropInput: KernelFunc = ({ inputs, backend, attrs }) => {
    const b = backend as BackendWasm;
    const { dy, filter } = inputs as { dy: TensorInfo; filter: TensorInfo };
    const a = attrs as unknown as Conv2DAttrs & { inputShape: [number, number, number, number] };
    requireNHWC(a.dataFormat, 'Conv2DBackpropInput');
    const c = convInfo(a.inputShape, filter.shape, a);
    if (winogradApplies(c)) return winogradBackpropInput(k, b, dy, filter, c);
    if (c.strideHeight === 1 && c.strideWidth === 1 && c.outHeight * c.outWidth >= FLIPPED_CONV_MIN_OUTPUT_SHARE * c.inHeight * c.inWidth) {
      // Stride 1: the input gradient is a forward convolution of dy with the flipped,
      // transposed filter, "full" padding; XNNPACK's convolution is the fastest one here
      // unless most of what it reads is that padding (see FLIPPED_CONV_MIN_OUTPUT_SHARE).
      const flipped = b.makeOutput([c.filterHeight, c.filterWidth, c.outChannels, c.inChannels], 'float32');
      k.flip_transpose_filter(offset(b, filter), offset(b, flipped), c.filterHeight, c.filterWidth, c.inChannels, c.outChannels);
      const p = c.padInfo;
      const pad = [[0, 0], [c.filterHeight - 1 - p.top, c.filterHeight - 1 - p.bottom], [c.filterWidth - 1 - p.left, c.filterWidth - 1 - p.right], [0, 0]];
      try {
        return stockConv2D({ inputs: { x: dy, filter: flipped }, backend: b, attrs: { strides: 1, pad, dataFormat: 'NHWC', dilations: 1 } }) as TensorInfo;
      } finally {
        b.disposeData(flipped.dataId);
      }
    }
    const out = b.makeOutput(a.inputShape, 'float32');
    // The filter transposed to [kh][kw][co][ci], ci padded to a multiple of 4 with zeros.
    const ci4 = Math.ceil(c.inChannels / 4) * 4;
    const transposed = b.makeOutput([c.filterHeight, c.filterWidth, c.outChannels, ci4], 'float32');
    k.transpose_filter(offset(b, filter), offset(b, transposed), c.filterHeight * c.filterWidth, c.inChannels, c.outChannels, ci4);
    k.conv2d_backprop_input(offset(b, dy), offset(b, transposed), offset(b, out), c.batchSize, c.inHeight, c.inWidth, c.inChannels, c.outHeight, c.outWidth, c.outChannels, c.filterHeight, c.filterWidth, c.strideHeight, c.strideWidth, c.padInfo.top, c.padInfo.left, ci4);
    b.disposeData(transposed.dataId);
    return out;
  };
  return [
    { kernelName: 'Conv2DBackpropFilter', backendName: 'wasm', kernelFunc: backpropFilter },
    { kernelName: 'Conv2DBackpropInput', backendName: 'wasm', kernelFunc: backpropInput },
  ];
}

/**
 * The depthwise convolution's gradients, which tfjs' wasm backend lacks (DepthwiseConv2D and
 * SeparableConv2D could not train on it). tfjs' gradient passes dilation 1 only.
 */
function depthwiseKernels(k: KernelModule): KernelConfig[] {
  const geometry = (xShape: number[], filterShape: number[], a: Conv2DAttrs & { dilations?: [number, number] | number }) => {
    const c = backend_util.computeConv2DInfo(xShape as [number, number, number, number], filterShape as [number, number, number, number], a.strides, a.dilations ?? 1, a.pad, a.dimRoundingMode, true, 'channelsLast');
    if (c.dilationHeight !== 1 || c.dilationWidth !== 1) throw new Error('the depthwise convolution gradients on wasm support dilation 1 only');
    const m = filterShape[3];
    return [c.batchSize, c.inHeight, c.inWidth, c.inChannels, c.outHeight, c.outWidth, m, c.filterHeight, c.filterWidth, c.strideHeight, c.strideWidth, c.padInfo.top, c.padInfo.left] as const;
  };
  const backpropFilter: KernelFunc = ({ inputs, backend, attrs }) => {
    const b = backend as BackendWasm;
    const { x, dy } = inputs as { x: TensorInfo; dy: TensorInfo };
    const a = attrs as unknown as Conv2DAttrs & { dilations?: [number, number] | number; filterShape: [number, number, number, number] };
    const out = b.makeOutput(a.filterShape, 'float32');
    k.depthwise_backprop_filter(offset(b, x), offset(b, dy), offset(b, out), ...geometry(x.shape, a.filterShape, a));
    return out;
  };
  const backpropInput: KernelFunc = ({ inputs, backend, attrs }) => {
    const b = backend as BackendWasm;
    const { dy, filter } = inputs as { dy: TensorInfo; filter: TensorInfo };
    const a = attrs as unknown as Conv2DAttrs & { dilations?: [number, number] | number; inputShape: [number, number, number, number] };
    const out = b.makeOutput(a.inputShape, 'float32');
    k.depthwise_backprop_input(offset(b, dy), offset(b, filter), offset(b, out), ...geometry(a.inputShape, filter.shape, a));
    return out;
  };
  return [
    { kernelName: 'DepthwiseConv2dNativeBackpropFilter', backendName: 'wasm', kernelFunc: backpropFilter },
    { kernelName: 'DepthwiseConv2dNativeBackpropInput', backendName: 'wasm', kernelFunc: backpropInput },
  ];
}

function activationKernels(k: KernelModule): KernelConfig[] {
  const tanh: KernelFunc = ({ inputs, backend }) => {
    const b = backend as BackendWasm;
    const { x } = inputs as { x: TensorInfo };
    const out = b.makeOutput(x.shape, 'float32');
    k.tanh_forward(offset(b, x), offset(b, out), tf.util.sizeFromShape(x.shape));
    return out;
  };
  const gradient: KernelFunc = ({ inputs, backend, attrs }) => {
    const b = backend as BackendWasm;
    const { dy, y } = inputs as { dy: TensorInfo; y: TensorInfo };
    const { activation } = attrs as unknown as { activation: 'relu' | 'tanh' };
    const out = b.makeOutput(dy.shape, 'float32');
    if (activation !== 'relu' && activation !== 'tanh') throw new Error(`${ACTIVATION_GRADIENT_KERNEL}: no gradient for activation "${activation}"`);
    const run = activation === 'relu' ? k.relu_backprop : k.tanh_backprop;
    run(offset(b, dy), offset(b, y), offset(b, out), tf.util.sizeFromShape(dy.shape));
    return out;
  };
  return [
    { kernelName: 'Tanh', backendName: 'wasm', kernelFunc: tanh },
    { kernelName: ACTIVATION_GRADIENT_KERNEL, backendName: 'wasm', kernelFunc: gradient },
  ];
}

type PoolAttrs = { filterSize: [number, number] | number; strides: [number, number] | number; pad: 'valid' | 'same' | number; dimRoundingMode?: 'floor' | 'round' | 'ceil' };

function poolingKernels(k: KernelModule): KernelConfig[] {
  /** A pooling gradient: the window geometry, an output shaped like the input, and `run` to fill it. */
  const poolGrad =
    (run: (c: backend_util.Conv2DInfo, dy: number, input: number, out: number) => void): KernelFunc =>
    ({ inputs, backend, attrs }) => {
      const b = backend as BackendWasm;
      const { dy, input } = inputs as { dy: TensorInfo; input: TensorInfo };
      const a = attrs as unknown as PoolAttrs;
      const c = backend_util.computePool2DInfo(input.shape as [number, number, number, number], a.filterSize, a.strides, 1, a.pad, a.dimRoundingMode);
      const out = b.makeOutput(input.shape, 'float32');
      run(c, offset(b, dy), offset(b, input), offset(b, out));
      return out;
    };
  const geometry = (c: backend_util.Conv2DInfo) => [c.batchSize, c.inHeight, c.inWidth, c.inChannels, c.outHeight, c.outWidth, c.filterHeight, c.filterWidth, c.strideHeight, c.strideWidth, c.padInfo.top, c.padInfo.left] as const;
  return [
    // tfjs' cpu backend spreads each window's gradient over the whole window: 1 / its area.
    { kernelName: 'AvgPoolGrad', backendName: 'wasm', kernelFunc: poolGrad((c, dy, _input, out) => k.avg_pool_backprop(dy, out, ...geometry(c), 1 / (c.filterHeight * c.filterWidth))) },
    { kernelName: 'MaxPoolGrad', backendName: 'wasm', kernelFunc: poolGrad((c, dy, input, out) => k.max_pool_backprop(input, dy, out, ...geometry(c))) },
  ];
}

/**
 * Sum over every axis but the last (how tfjs reduces a bias's gradient): the stock kernel
 * transposes the whole tensor first. Other reductions go to the stock kernel.
 */
function reductionKernels(k: KernelModule): KernelConfig[] {
  const stock = tf.getKernel('Sum', 'wasm')!.kernelFunc;
  const sum: KernelFunc = (args) => {
    const b = args.backend as BackendWasm;
    const { x } = args.inputs as { x: TensorInfo };
    const { axis, keepDims } = args.attrs as unknown as { axis: number | number[]; keepDims: boolean };
    const rank = x.shape.length;
    const axes = tf.util.parseAxisParam(axis, x.shape).sort((p, q) => p - q);
    const leading = rank >= 2 && axes.length === rank - 1 && axes.every((a, i) => a === i);
    if (!leading || x.dtype !== 'float32') return stock(args);
    const channels = x.shape[rank - 1];
    const out = b.makeOutput(keepDims ? [...Array(rank - 1).fill(1), channels] : [channels], 'float32');
    k.sum_rows(offset(b, x), offset(b, out), tf.util.sizeFromShape(x.shape) / channels, channels);
    return out;
  };
  return [{ kernelName: 'Sum', backendName: 'wasm', kernelFunc: sum }];
}

/**
 * BatchMatMul and _FusedMatMul with a transposed operand: transpose it first (the harness's
 * kernel, a cheap copy; tfjs' own Transpose is slow) and hand the product to the stock
 * kernel, which is fast (XNNPACK) only without transposes.
 */
function matMulKernels(k: KernelModule): KernelConfig[] {
  const wrap = (name: string): KernelConfig => {
    const stock = tf.getKernel(name, 'wasm')!.kernelFunc;
    const kernelFunc: KernelFunc = (args) => {
      const { transposeA, transposeB } = args.attrs as { transposeA: boolean; transposeB: boolean };
      if (!transposeA && !transposeB) return stock(args);
      const b = args.backend as BackendWasm;
      const temps: TensorInfo[] = [];
      const flip = (t: TensorInfo): TensorInfo => {
        const shape = t.shape;
        const [rows, cols] = shape.slice(-2);
        const out = b.makeOutput([...shape.slice(0, -2), cols, rows], t.dtype);
        k.transpose_last2(offset(b, t), offset(b, out), tf.util.sizeFromShape(shape) / (rows * cols), rows, cols);
        temps.push(out);
        return out;
      };
      const inputs = { ...args.inputs, a: transposeA ? flip(args.inputs.a as TensorInfo) : args.inputs.a, b: transposeB ? flip(args.inputs.b as TensorInfo) : args.inputs.b };
      const result = stock({ ...args, inputs, attrs: { ...args.attrs, transposeA: false, transposeB: false } });
      for (const t of temps) b.disposeData(t.dataId);
      return result;
    };
    return { kernelName: name, backendName: 'wasm', kernelFunc };
  };
  return [wrap('BatchMatMul'), wrap('_FusedMatMul')];
}

function optimizerKernels(k: KernelModule): KernelConfig[] {
  const adamStep: KernelFunc = ({ inputs, backend, attrs }) => {
    const b = backend as BackendWasm;
    const { w, g, m, v } = inputs as Record<'w' | 'g' | 'm' | 'v', TensorInfo>;
    const a = attrs as unknown as { lr: number; beta1: number; beta2: number; epsilon: number; c1: number; c2: number };
    const outs = [b.makeOutput(w.shape, 'float32'), b.makeOutput(w.shape, 'float32'), b.makeOutput(w.shape, 'float32')];
    k.adam_step(offset(b, w), offset(b, g), offset(b, m), offset(b, v), offset(b, outs[0]), offset(b, outs[1]), offset(b, outs[2]), tf.util.sizeFromShape(w.shape), a.lr, a.beta1, a.beta2, a.epsilon, a.c1, a.c2);
    return outs;
  };
  return [{ kernelName: ADAM_STEP_KERNEL, backendName: 'wasm', kernelFunc: adamStep }];
}

/**
 * Identity (what tfjs' gradient tape runs to keep every tensor a backward pass needs) copies
 * the whole tensor on wasm: about six copies of each activation per training step. Tensors are
 * immutable (a variable's assignment swaps its data, it never writes into it), so sharing the
 * data with a reference count, as the stock Reshape does, is enough.
 */
function identityKernels(): KernelConfig[] {
  const stock = tf.getKernel('Identity', 'wasm')!.kernelFunc;
  const identity: KernelFunc = (args) => {
    const { inputs, backend } = args;
    const { x } = inputs as { x: TensorInfo };
    if (x.dtype === 'string') return stock(args);
    (backend as BackendWasm).incRef(x.dataId);
    return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
  };
  return [{ kernelName: 'Identity', backendName: 'wasm', kernelFunc: identity }];
}

let registered = false;

/** Registers the harness's wasm kernels; call after the wasm backend has started. */
export function registerWasmKernels(): void {
  if (registered) return;
  const backend = tf.findBackend('wasm') as BackendWasm;
  const memory = (backend.wasm as unknown as { asm: { memory: WebAssembly.Memory } }).asm.memory;
  const k = instantiateKernels(memory);
  const configs = [...convForwardKernels(k), ...convKernels(k), ...depthwiseKernels(k), ...activationKernels(k), ...poolingKernels(k), ...reductionKernels(k), ...matMulKernels(k), ...optimizerKernels(k), ...identityKernels()];
  for (const config of configs) {
    if (tf.getKernel(config.kernelName, 'wasm')) tf.unregisterKernel(config.kernelName, 'wasm');
    tf.registerKernel(config);
  }
  registered = true;
}
