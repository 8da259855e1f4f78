// What each supported layer class computes, statically: output shape, parameter counts and
// its signature (configuration with Keras defaults written out). channels_last throughout,
// as tfjs defaults to.

import type { LayerSignature, Shape } from '../types';
import { formatValue } from '../format';
import { ConfigReader, MAX_KERNEL, MAX_UNITS } from './config_fields';
import { TopologyError } from './graph';

export interface LayerFacts {
  outputShape: Shape;
  params: number;
  trainableParams: number;
  signature: LayerSignature;
}

type Rule = (inputs: Shape[], cfg: ConfigReader, className: string) => LayerFacts;

const PADDINGS = ['valid', 'same'] as const;

/** Keras' conv_output_length for one spatial dimension. */
export function convOutputLength(input: number | null, kernel: number, stride: number, padding: string, dilation = 1): number | null {
  if (input === null) return null;
  const effective = (kernel - 1) * dilation + 1;
  const length = padding === 'same' ? input : input - effective + 1;
  return Math.floor((length + stride - 1) / stride);
}

function single(inputs: Shape[], cfg: ConfigReader): Shape {
  if (inputs.length !== 1) throw cfg.invalid('inputs', 'exactly one input');
  return inputs[0];
}

function image(inputs: Shape[], cfg: ConfigReader): [number | null, number | null, number] {
  const s = single(inputs, cfg);
  if (s.length !== 4 || s[3] === null) {
    throw new TopologyError(`${describe(cfg)} needs an image input [batch, height, width, channels], got ${formatValue(s)}`);
  }
  if (cfg.config.data_format === 'channels_first') throw cfg.invalid('data_format', 'channels_last');
  return [s[1], s[2], s[3]];
}

function describe(cfg: ConfigReader): string {
  return `layer "${cfg.layerName}"`;
}

function checkedProduct(dims: (number | null)[], cfg: ConfigReader): number {
  let n = 1;
  for (const d of dims) {
    if (d === null) throw cfg.invalid('inputs', 'a fixed size in every dimension but the batch');
    n *= d;
  }
  if (n > Number.MAX_SAFE_INTEGER / 16) throw cfg.invalid('inputs', 'a size a lab model can have');
  return n;
}

const conv2d: Rule = (inputs, cfg) => {
  const [h, w, c] = image(inputs, cfg);
  const filters = cfg.positiveInt('filters', MAX_UNITS);
  const kernelSize = cfg.intPair('kernel_size', MAX_KERNEL);
  const strides = cfg.intPair('strides', MAX_KERNEL, 1);
  const dilationRate = cfg.intPair('dilation_rate', MAX_KERNEL, 1);
  const padding = cfg.oneOf('padding', PADDINGS, 'valid');
  const useBias = cfg.bool('use_bias', true);
  const outH = convOutputLength(h, kernelSize[0], strides[0], padding, dilationRate[0]);
  const outW = convOutputLength(w, kernelSize[1], strides[1], padding, dilationRate[1]);
  if ((outH !== null && outH < 1) || (outW !== null && outW < 1)) {
    throw new TopologyError(`${describe(cfg)}: a ${kernelSize.join('x')} kernel does not fit its ${h}x${w} input`);
  }
  const params = kernelSize[0] * kernelSize[1] * c * filters + (useBias ? filters : 0);
  // A 1x1 kernel never needs padding: "same" and "valid" compute the same thing there.
  const pointwise = kernelSize[0] === 1 && kernelSize[1] === 1;
  return {
    outputShape: [null, outH, outW, filters],
    params,
    trainableParams: params,
    signature: { className: 'Conv2D', filters, kernelSize, strides, padding: pointwise ? 'valid' : padding, dilationRate: pointwise ? [1, 1] : dilationRate, activation: cfg.activation(), useBias },
  };
};

const pooling2d: Rule = (inputs, cfg, className) => {
  const [h, w, c] = image(inputs, cfg);
  const poolSize = cfg.intPair('pool_size', MAX_KERNEL, 2);
  const strides = cfg.intPair('strides', MAX_KERNEL, poolSize);
  const padding = cfg.oneOf('padding', PADDINGS, 'valid');
  const outH = convOutputLength(h, poolSize[0], strides[0], padding);
  const outW = convOutputLength(w, poolSize[1], strides[1], padding);
  if ((outH !== null && outH < 1) || (outW !== null && outW < 1)) {
    throw new TopologyError(`${describe(cfg)}: a ${poolSize.join('x')} pool does not fit its ${h}x${w} input`);
  }
  return { outputShape: [null, outH, outW, c], params: 0, trainableParams: 0, signature: { className, poolSize, strides, padding } };
};

const globalPooling2d: Rule = (inputs, cfg, className) => {
  const [, , c] = image(inputs, cfg);
  return { outputShape: [null, c], params: 0, trainableParams: 0, signature: { className } };
};

const dense: Rule = (inputs, cfg) => {
  const s = single(inputs, cfg);
  const last = s[s.length - 1];
  if (s.length < 2 || last === null) throw cfg.invalid('inputs', 'an input whose last dimension is known (add a Flatten layer before Dense)');
  const units = cfg.positiveInt('units', MAX_UNITS);
  const useBias = cfg.bool('use_bias', true);
  const params = last * units + (useBias ? units : 0);
  return {
    outputShape: [...s.slice(0, -1), units],
    params,
    trainableParams: params,
    signature: { className: 'Dense', units, activation: cfg.activation(), useBias },
  };
};

const flatten: Rule = (inputs, cfg) => {
  const s = single(inputs, cfg);
  return { outputShape: [null, checkedProduct(s.slice(1), cfg)], params: 0, trainableParams: 0, signature: { className: 'Flatten' } };
};

const reshape: Rule = (inputs, cfg) => {
  const s = single(inputs, cfg);
  const target = cfg.shape('target_shape', { allowNull: false, allowMinusOne: true }) as number[];
  const total = checkedProduct(s.slice(1), cfg);
  const known = target.filter((d) => d !== -1).reduce((a, b) => a * b, 1);
  const unknown = target.filter((d) => d === -1).length;
  const resolved = target.map((d) => (d === -1 ? total / known : d));
  if (unknown > 1 || (unknown === 1 && total % known !== 0) || (unknown === 0 && known !== total)) {
    throw new TopologyError(`${describe(cfg)}: cannot reshape ${formatValue(s)} to ${formatValue(target)}`);
  }
  return { outputShape: [null, ...resolved], params: 0, trainableParams: 0, signature: { className: 'Reshape', targetShape: resolved } };
};

const dropout: Rule = (inputs, cfg) => ({
  outputShape: single(inputs, cfg),
  params: 0,
  trainableParams: 0,
  signature: { className: 'Dropout', rate: cfg.fraction('rate', 0) },
});

const activation: Rule = (inputs, cfg) => ({
  outputShape: single(inputs, cfg),
  params: 0,
  trainableParams: 0,
  signature: { className: 'Activation', activation: cfg.activation() },
});

/** Layers that are an activation by another name: ReLU() is Activation('relu'). */
const namedActivation =
  (name: string): Rule =>
  (inputs, cfg) => ({ outputShape: single(inputs, cfg), params: 0, trainableParams: 0, signature: { className: 'Activation', activation: name } });

const lrn: Rule = (inputs, cfg) => {
  image(inputs, cfg);
  const num = (field: string, fallback: number) => {
    const v = cfg.config[field] ?? fallback;
    if (typeof v !== 'number' || !Number.isFinite(v)) throw cfg.invalid(field, 'a number');
    return v;
  };
  const lrnSettings: [number, number, number, number] = [cfg.int('depth_radius', 2), num('bias', 2), num('alpha', 1e-4), num('beta', 0.75)];
  return { outputShape: single(inputs, cfg), params: 0, trainableParams: 0, signature: { className: 'LRN', lrn: lrnSettings } };
};

const batchNormalization: Rule = (inputs, cfg) => {
  const s = single(inputs, cfg);
  const axis = cfg.int('axis', -1);
  const channels = s[axis < 0 ? s.length + axis : axis];
  if (typeof channels !== 'number') throw cfg.invalid('axis', 'an axis of known size');
  const center = cfg.bool('center', true);
  const scale = cfg.bool('scale', true);
  const trainable = channels * ((center ? 1 : 0) + (scale ? 1 : 0));
  // Keras counts the moving mean and variance as (non-trainable) parameters.
  return { outputShape: s, params: trainable + 2 * channels, trainableParams: trainable, signature: { className: 'BatchNormalization' } };
};

const zeroPadding2d: Rule = (inputs, cfg) => {
  const [h, w, c] = image(inputs, cfg);
  const raw = cfg.config.padding ?? 1;
  let pads: number[];
  if (typeof raw === 'number') pads = [raw, raw, raw, raw];
  else if (Array.isArray(raw) && raw.length === 2 && raw.every((p) => typeof p === 'number')) pads = [raw[0], raw[0], raw[1], raw[1]];
  else if (Array.isArray(raw) && raw.length === 2 && raw.every((p) => Array.isArray(p) && p.length === 2)) pads = (raw as number[][]).flat();
  else throw cfg.invalid('padding', 'a number, [rows, cols] or [[top, bottom], [left, right]]');
  if (!pads.every((p) => Number.isInteger(p) && p >= 0 && p <= MAX_KERNEL)) throw cfg.invalid('padding', 'small non-negative whole numbers');
  const add = (d: number | null, a: number, b: number) => (d === null ? null : d + a + b);
  return { outputShape: [null, add(h, pads[0], pads[1]), add(w, pads[2], pads[3]), c], params: 0, trainableParams: 0, signature: { className: 'ZeroPadding2D' } };
};

const sameShapeMerge: Rule = (inputs, cfg, className) => {
  if (inputs.length < 2) throw cfg.invalid('inputs', 'at least two inputs');
  const first = formatValue(inputs[0]);
  if (!inputs.every((s) => formatValue(s) === first)) {
    throw new TopologyError(`${describe(cfg)}: ${className} needs inputs of one shape, got ${inputs.map((s) => formatValue(s)).join(' and ')}`);
  }
  return { outputShape: inputs[0], params: 0, trainableParams: 0, signature: { className } };
};

const concatenate: Rule = (inputs, cfg) => {
  if (inputs.length < 2) throw cfg.invalid('inputs', 'at least two inputs');
  const rank = inputs[0].length;
  const rawAxis = cfg.int('axis', -1);
  const axis = rawAxis < 0 ? rank + rawAxis : rawAxis;
  if (axis < 1 || axis >= rank || !inputs.every((s) => s.length === rank)) throw cfg.invalid('axis', 'an axis every input has');
  const out = [...inputs[0]];
  for (let d = 1; d < rank; d++) {
    if (d === axis) continue;
    if (!inputs.every((s) => s[d] === out[d])) {
      throw new TopologyError(`${describe(cfg)}: cannot concatenate ${inputs.map((s) => formatValue(s)).join(' and ')} on axis ${rawAxis}`);
    }
  }
  out[axis] = inputs.reduce<number | null>((sum, s) => (sum === null || s[axis] === null ? null : sum + (s[axis] as number)), 0);
  return { outputShape: out, params: 0, trainableParams: 0, signature: { className: 'Concatenate' } };
};

export const LAYER_RULES: Record<string, Rule> = {
  Conv2D: conv2d,
  Dense: dense,
  AveragePooling2D: pooling2d,
  MaxPooling2D: pooling2d,
  GlobalAveragePooling2D: globalPooling2d,
  GlobalMaxPooling2D: globalPooling2d,
  Flatten: flatten,
  Reshape: reshape,
  Dropout: dropout,
  Activation: activation,
  ReLU: namedActivation('relu'),
  Softmax: namedActivation('softmax'),
  BatchNormalization: batchNormalization,
  LRN: lrn,
  ZeroPadding2D: zeroPadding2d,
  Add: sameShapeMerge,
  Multiply: sameShapeMerge,
  Average: sameShapeMerge,
  Maximum: sameShapeMerge,
  Concatenate: concatenate,
};

/** The layer classes a submission may use; anything else is rejected before training. */
export const SUPPORTED_LAYER_CLASSES = ['InputLayer', ...Object.keys(LAYER_RULES)].sort();
