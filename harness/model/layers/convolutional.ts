// Convolutional family, as tfjs-layers' convolutional.ts has it: 1D and 2D convolutions, their
// depthwise, separable and transposed forms, and the padding, cropping and upsampling around them.

import { z } from 'zod';
import { formatValue } from '../../format';
import type { Shape } from '../../types';
import { TopologyError } from '../graph';
import {
  activation,
  bool,
  channelsLast,
  constraint,
  convOutputLength,
  describeLayer,
  GLOROT_NORMAL,
  image,
  initializer,
  intPair,
  MAX_KERNEL,
  MAX_UNITS,
  noActivityRegularizer,
  oneOf,
  PADDINGS,
  positiveInt,
  regularizer,
  sequence,
  intOne,
  signatureActivation,
  valuesPerImage,
  weightSettings,
  ZEROS,
  type LayerContext,
} from './descriptor';

/** A depthwise kernel's settings, shared by DepthwiseConv2D and SeparableConv2D. */
const depthwiseSettings = () => ({
  depth_multiplier: positiveInt(MAX_KERNEL).default(1),
  depthwise_initializer: initializer(GLOROT_NORMAL),
  depthwise_regularizer: regularizer(),
  depthwise_constraint: constraint(),
});

/** The shared part of 2D convolutions' configs. */
const windowSettings = () => ({
  kernel_size: intPair(MAX_KERNEL),
  strides: intPair(MAX_KERNEL).default([1, 1]),
  padding: oneOf(PADDINGS).default('valid'),
  data_format: channelsLast(),
  dilation_rate: intPair(MAX_KERNEL).default([1, 1]),
  activation: activation(),
  use_bias: bool().default(true),
  bias_initializer: initializer(ZEROS),
  bias_regularizer: regularizer(),
  activity_regularizer: noActivityRegularizer(),
  bias_constraint: constraint(),
});

/** The spatial output of a 2D window: [height, width], or a TopologyError when the window does not fit. */
function windowOutput(inputs: Shape[], c: { kernel_size: number[]; strides: number[]; padding: string; dilation_rate: number[] }, layer: LayerContext): [number | null, number | null, number] {
  const [h, w, channels] = image(inputs, layer);
  const outH = convOutputLength(h, c.kernel_size[0], c.strides[0], c.padding, c.dilation_rate[0]);
  const outW = convOutputLength(w, c.kernel_size[1], c.strides[1], c.padding, c.dilation_rate[1]);
  if ((outH !== null && outH < 1) || (outW !== null && outW < 1)) throw new TopologyError(`layer "${layer.name}": a ${c.kernel_size.join('x')} kernel does not fit its ${h}x${w} input`);
  return [outH, outW, channels];
}

const windowSignature = (className: string, c: { kernel_size: number[]; strides: number[]; padding: string; dilation_rate: number[]; activation: string; use_bias: boolean }) => ({
  className,
  kernelSize: c.kernel_size,
  strides: c.strides,
  padding: c.padding,
  dilationRate: c.dilation_rate,
  activation: signatureActivation(c.activation),
  useBias: c.use_bias,
});

export const conv2d = describeLayer({
  className: 'Conv2D',
  family: 'convolutional',
  weightLayer: true,
  inlineArgs: ['filters', 'kernelSize', 'strides', 'padding', 'activation', 'useBias', 'dilationRate'],
  // Each output value: a kernel's window over every input channel.
  multiplyAdds: (layer, input) => valuesPerImage(layer.outputShape) * (layer.signature.kernelSize ?? [1, 1]).reduce((a, b) => a * b, 1) * (input?.[input.length - 1] ?? 1),
  config: z.strictObject({ filters: positiveInt(MAX_UNITS), ...windowSettings(), kernel_initializer: initializer(GLOROT_NORMAL), kernel_regularizer: regularizer(), kernel_constraint: constraint() }),
  facts(inputs, c, layer) {
    const [outH, outW, channels] = windowOutput(inputs, c, layer);
    const params = c.kernel_size[0] * c.kernel_size[1] * channels * c.filters + (c.use_bias ? c.filters : 0);
    // A 1x1 kernel never needs padding: "same" and "valid" compute the same thing there.
    const pointwise = c.kernel_size[0] === 1 && c.kernel_size[1] === 1;
    const signature = { ...windowSignature('Conv2D', c), filters: c.filters };
    return { outputShape: [null, outH, outW, c.filters], params, trainableParams: params, signature: pointwise ? { ...signature, padding: 'valid', dilationRate: [1, 1] } : signature };
  },
});

const edgeAmount = (v: unknown) => Number.isInteger(v) && (v as number) >= 0 && (v as number) <= MAX_KERNEL;

/** Amounts at the four edges (ZeroPadding2D's padding, Cropping2D's cropping), written out as tfjs does: [[top, bottom], [left, right]]. */
const edgeAmounts = (fallback: number) =>
  z
    .custom<number | number[] | number[][]>((v) => edgeAmount(v) || (Array.isArray(v) && v.length === 2 && (v.every(edgeAmount) || v.every((p) => Array.isArray(p) && p.length === 2 && p.every(edgeAmount)))), {
      error: `a number, [rows, cols] or [[top, bottom], [left, right]] of whole numbers from 0 to ${MAX_KERNEL}`,
    })
    .transform((v): [[number, number], [number, number]] => {
      if (typeof v === 'number') return [[v, v], [v, v]];
      if (typeof v[0] === 'number') return [[v[0], v[0]], [v[1] as number, v[1] as number]];
      const [rows, cols] = v as number[][];
      return [[rows[0], rows[1]], [cols[0], cols[1]]];
    })
    .default([[fallback, fallback], [fallback, fallback]]);

export const zeroPadding2d = describeLayer({
  className: 'ZeroPadding2D',
  family: 'convolutional',
  inlineArgs: ['padding'],
  config: z.strictObject({ padding: edgeAmounts(1), data_format: channelsLast() }),
  facts(inputs, c, layer) {
    const [h, w, channels] = image(inputs, layer);
    const [[top, bottom], [left, right]] = c.padding;
    const add = (d: number | null, a: number, b: number) => (d === null ? null : d + a + b);
    return { outputShape: [null, add(h, top, bottom), add(w, left, right), channels], params: 0, trainableParams: 0, signature: { className: 'ZeroPadding2D' } };
  },
});

/** A depthwise convolution (one filter per input channel, times depth_multiplier) then a 1x1 one. */
export const separableConv2d = describeLayer({
  className: 'SeparableConv2D',
  family: 'convolutional',
  weightLayer: true,
  inlineArgs: ['filters', 'kernelSize', 'strides', 'padding', 'activation', 'useBias', 'dilationRate', 'depthMultiplier'],
  // Each output value: its 1x1 product over the depthwise channels, plus the depthwise windows once per pixel.
  multiplyAdds: (layer, input) => {
    const [, h, w, filters] = layer.outputShape as number[];
    const channels = (input?.[3] ?? 1) as number;
    const k = layer.signature.kernelSize ?? [1, 1];
    const depth = channels * (layer.signature.depthMultiplier ?? 1);
    return h * w * depth * (k[0] * k[1] + filters);
  },
  config: z.strictObject({ filters: positiveInt(MAX_UNITS), ...windowSettings(), ...depthwiseSettings(), pointwise_initializer: initializer(GLOROT_NORMAL), pointwise_regularizer: regularizer(), pointwise_constraint: constraint() }),
  facts(inputs, c, layer) {
    const [outH, outW, channels] = windowOutput(inputs, c, layer);
    const depth = channels * c.depth_multiplier;
    const params = c.kernel_size[0] * c.kernel_size[1] * depth + depth * c.filters + (c.use_bias ? c.filters : 0);
    return { outputShape: [null, outH, outW, c.filters], params, trainableParams: params, signature: { ...windowSignature('SeparableConv2D', c), filters: c.filters, depthMultiplier: c.depth_multiplier } };
  },
});

/** One kernel per input channel (times depth_multiplier), no mixing across channels. */
export const depthwiseConv2d = describeLayer({
  className: 'DepthwiseConv2D',
  family: 'convolutional',
  weightLayer: true,
  inlineArgs: ['kernelSize', 'strides', 'padding', 'activation', 'useBias', 'dilationRate', 'depthMultiplier'],
  multiplyAdds: (layer) => valuesPerImage(layer.outputShape) * (layer.signature.kernelSize ?? [1, 1]).reduce((a, b) => a * b, 1),
  config: z.strictObject({ ...windowSettings(), ...depthwiseSettings() }),
  facts(inputs, c, layer) {
    const [outH, outW, channels] = windowOutput(inputs, c, layer);
    const depth = channels * c.depth_multiplier;
    const params = c.kernel_size[0] * c.kernel_size[1] * depth + (c.use_bias ? depth : 0);
    return { outputShape: [null, outH, outW, depth], params, trainableParams: params, signature: { ...windowSignature('DepthwiseConv2D', c), depthMultiplier: c.depth_multiplier } };
  },
});

/** tfjs' deconvLength: the size a transposed convolution makes of `input`. */
function deconvLength(input: number | null, kernel: number, stride: number, padding: string): number | null {
  if (input === null) return null;
  return padding === 'valid' ? input * stride + Math.max(kernel - stride, 0) : input * stride;
}

export const conv2dTranspose = describeLayer({
  className: 'Conv2DTranspose',
  family: 'convolutional',
  weightLayer: true,
  inlineArgs: ['filters', 'kernelSize', 'strides', 'padding', 'activation', 'useBias'],
  // Each input value is spread over a kernel's window of every filter.
  multiplyAdds: (layer, input) => (input ? valuesPerImage(input) : 1) * (layer.signature.kernelSize ?? [1, 1]).reduce((a, b) => a * b, 1) * (layer.signature.filters ?? 1),
  config: z.strictObject({
    filters: positiveInt(MAX_UNITS),
    kernel_size: intPair(MAX_KERNEL),
    strides: intPair(MAX_KERNEL).default([1, 1]),
    padding: oneOf(PADDINGS).default('valid'),
    data_format: channelsLast(),
    activation: activation(),
    use_bias: bool().default(true),
    ...weightSettings(),
  }),
  facts(inputs, c, layer) {
    const [h, w, channels] = image(inputs, layer);
    const params = c.kernel_size[0] * c.kernel_size[1] * c.filters * channels + (c.use_bias ? c.filters : 0);
    return {
      outputShape: [null, deconvLength(h, c.kernel_size[0], c.strides[0], c.padding), deconvLength(w, c.kernel_size[1], c.strides[1], c.padding), c.filters],
      params,
      trainableParams: params,
      signature: { ...windowSignature('Conv2DTranspose', { ...c, dilation_rate: [1, 1] }), filters: c.filters },
    };
  },
});

export const conv1d = describeLayer({
  className: 'Conv1D',
  family: 'convolutional',
  weightLayer: true,
  inlineArgs: ['filters', 'kernelSize', 'strides', 'padding', 'activation', 'useBias', 'dilationRate'],
  multiplyAdds: (layer, input) => valuesPerImage(layer.outputShape) * (layer.signature.kernelSize?.[0] ?? 1) * (input?.[2] ?? 1),
  config: z.strictObject({
    filters: positiveInt(MAX_UNITS),
    kernel_size: intOne(MAX_KERNEL),
    strides: intOne(MAX_KERNEL).default([1]),
    // tfjs builds 'causal' with the output shape of 'valid' and computes a longer one: refused.
    padding: oneOf(PADDINGS).default('valid'),
    dilation_rate: intOne(MAX_KERNEL).default([1]),
    activation: activation(),
    use_bias: bool().default(true),
    ...weightSettings(),
  }),
  facts(inputs, c, layer) {
    const [steps, channels] = sequence(inputs, layer);
    const out = convOutputLength(steps, c.kernel_size[0], c.strides[0], c.padding, c.dilation_rate[0]);
    if (out !== null && out < 1) throw new TopologyError(`layer "${layer.name}": a kernel of ${c.kernel_size[0]} does not fit its ${steps} steps`);
    const params = c.kernel_size[0] * channels * c.filters + (c.use_bias ? c.filters : 0);
    return { outputShape: [null, out, c.filters], params, trainableParams: params, signature: { ...windowSignature('Conv1D', c), filters: c.filters } };
  },
});

export const upSampling2d = describeLayer({
  className: 'UpSampling2D',
  family: 'convolutional',
  inlineArgs: ['size', 'interpolation'],
  config: z.strictObject({ size: intPair(MAX_KERNEL).default([2, 2]), data_format: channelsLast(), interpolation: oneOf(['nearest', 'bilinear'] as const).default('nearest') }),
  facts(inputs, c, layer) {
    const [h, w, channels] = image(inputs, layer);
    const times = (d: number | null, k: number) => (d === null ? null : d * k);
    return { outputShape: [null, times(h, c.size[0]), times(w, c.size[1]), channels], params: 0, trainableParams: 0, signature: { className: 'UpSampling2D', size: c.size } };
  },
});

export const cropping2d = describeLayer({
  className: 'Cropping2D',
  family: 'convolutional',
  inlineArgs: ['cropping'],
  config: z.strictObject({ cropping: edgeAmounts(0), data_format: channelsLast() }),
  facts(inputs, c, layer) {
    const [h, w, channels] = image(inputs, layer);
    const [[top, bottom], [left, right]] = c.cropping;
    const cut = (d: number | null, a: number, b: number) => (d === null ? null : d - a - b);
    const outH = cut(h, top, bottom);
    const outW = cut(w, left, right);
    if ((outH !== null && outH < 1) || (outW !== null && outW < 1)) throw new TopologyError(`layer "${layer.name}": cropping ${formatValue(c.cropping.flat())} leaves nothing of its ${h}x${w} input`);
    return { outputShape: [null, outH, outW, channels], params: 0, trainableParams: 0, signature: { className: 'Cropping2D', cropping: c.cropping.flat() } };
  },
});
