// What the harness knows about one layer class, in one place: the strict schema of its Keras
// config (known keys only, types and ranges checked, defaults written out), and from the parsed
// config its output shape, parameter counts and signature. The parsed config is the canonical
// one: it is what the summary reads and what tfjs is given to build the model for training.

import { z } from 'zod';
import { formatValue } from '../../format';
import type { LayerSignature, LayerSummary, Shape } from '../../types';
import { TopologyError } from '../graph';

/** No lecture architecture comes near these; larger values are a mistake or an attack. */
export const MAX_UNITS = 1 << 20;
export const MAX_KERNEL = 1024;

export interface LayerFacts {
  outputShape: Shape;
  params: number;
  trainableParams: number;
  signature: LayerSignature;
}

/** Where a rule reports a problem: the layer's name, for messages. */
export interface LayerContext {
  name: string;
  className: string;
}

export type LayerFamily = 'input' | 'core' | 'activation' | 'convolutional' | 'pooling' | 'merge' | 'normalization' | 'noise';

/** What the rest of the harness derives its per-class tables from. */
interface LayerTraits {
  className: string;
  family: LayerFamily;
  /**
   * A weight layer of the network's depth (LeNet-5 has 5): counted by depth checks, and an
   * Activation layer right after it is folded into it when structures are compared.
   */
  weightLayer?: true;
  /** Classes that do one job in two ways pair up when structures are aligned (max or average pooling). */
  alignsWith?: string;
  /** Its arguments in a rubric's inline `expected:` layers, as tfjs names them; none: it cannot be written inline. */
  inlineArgs?: string[];
  /** Multiply-adds per image of its forward pass; by default one per output value. */
  multiplyAdds?(layer: LayerSummary, input: Shape | undefined): number;
}

export interface LayerDescriptor<Config extends Record<string, unknown> = Record<string, unknown>> extends LayerTraits {
  /** The class's own config keys; `name`, `trainable` and `dtype` are common to all (see canonical_topology.ts). */
  config: z.ZodType<Config>;
  facts(inputs: Shape[], config: Config, layer: LayerContext): LayerFacts;
}

/** A descriptor with its config type inferred from its schema; stored type-erased in the registry. */
export function describeLayer<S extends z.ZodType<Record<string, unknown>>>(
  descriptor: LayerTraits & {
    config: S;
    facts(inputs: Shape[], config: z.output<S>, layer: LayerContext): LayerFacts;
  },
): LayerDescriptor {
  return descriptor as unknown as LayerDescriptor;
}

/** The values of a shape but the batch: one image's share. */
export const valuesPerImage = (shape: Shape) => shape.slice(1).reduce<number>((n, d) => n * (d ?? 1), 1);

/** A field whose value passes `ok`; `expected` is the message's second half ("expected ..."). */
function field<T>(expected: string, ok: (v: unknown) => boolean) {
  return z.custom<T>(ok, { error: expected });
}

const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);
const isFinite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

export const positiveInt = (max: number) => field<number>(`a whole number from 1 to ${formatValue(max)}`, (v) => isInt(v) && v >= 1 && v <= max);

export const wholeNumber = () => field<number>('a whole number', (v) => isInt(v) && Math.abs(v) <= MAX_UNITS);

export const finiteNumber = (min = -1e6, max = 1e6) => field<number>(`a number from ${min} to ${max}`, (v) => isFinite(v) && v >= min && v <= max);

/** A Keras int-or-tuple field such as kernel_size: 5 or [5, 5], always written as a pair. */
export const intPair = (max: number) =>
  field<number | number[]>(`two whole numbers from 1 to ${max}`, (v) => (isInt(v) && v >= 1 && v <= max) || (Array.isArray(v) && v.length === 2 && v.every((n) => isInt(n) && n >= 1 && n <= max))).transform(
    (v): [number, number] => (typeof v === 'number' ? [v, v] : [v[0] as number, v[1] as number]),
  );

export const oneOf = <T extends string>(values: readonly T[]) => field<T>(`one of ${values.join(', ')}`, (v) => typeof v === 'string' && (values as readonly string[]).includes(v));

export const bool = () => field<boolean>('true or false', (v) => typeof v === 'boolean');

export const fraction = () => field<number>('a number from 0 up to 1', (v) => isFinite(v) && v >= 0 && v < 1);

export const PADDINGS = ['valid', 'same'] as const;

/** The harness's kernels and shape rules are NHWC, tfjs' default. */
export const channelsLast = () => oneOf(['channels_last'] as const).default('channels_last');

/** tfjs' activation names (lowercased; hardSigmoid as Keras spells it). */
export const ACTIVATIONS = new Set(['linear', 'relu', 'relu6', 'elu', 'selu', 'sigmoid', 'hard_sigmoid', 'tanh', 'softmax', 'softplus', 'softsign', 'swish', 'mish', 'gelu', 'gelu_new']);

/** Keras spells some activations two ways; compare one spelling. */
export function canonicalActivation(name: string): string {
  const lower = name.toLowerCase();
  // tfjs writes hardSigmoid where Keras writes hard_sigmoid.
  const aliases: Record<string, string> = { none: 'linear', identity: 'linear', hardsigmoid: 'hard_sigmoid' };
  return Object.hasOwn(aliases, lower) ? aliases[lower] : lower;
}

/** tfjs' spelling of a canonical activation name, which its deserialiser accepts. */
const TFJS_ACTIVATION: Record<string, string> = { hard_sigmoid: 'hardSigmoid', gelu_new: 'gelu_new' };

/** An activation name (tfjs writes strings; Keras may write { class_name }), written as tfjs reads it. */
export const activation = () =>
  field<string | { class_name: string }>(`one of tfjs' activations (${[...ACTIVATIONS].join(', ')})`, (v) => {
    const name = typeof v === 'string' ? v : (v as { class_name?: unknown } | null)?.class_name;
    return typeof name === 'string' && name.length <= 40 && ACTIVATIONS.has(canonicalActivation(name));
  })
    .transform((v) => {
      const name = canonicalActivation(typeof v === 'string' ? v : v.class_name);
      return Object.hasOwn(TFJS_ACTIVATION, name) ? TFJS_ACTIVATION[name] : name;
    })
    .default('linear');

/** The activation as signatures compare it. */
export function signatureActivation(written: string): string {
  return canonicalActivation(written);
}

const INITIALIZERS = ['Zeros', 'Ones', 'Constant', 'RandomUniform', 'RandomNormal', 'TruncatedNormal', 'VarianceScaling', 'GlorotUniform', 'GlorotNormal', 'HeNormal', 'HeUniform', 'LeCunNormal', 'LeCunUniform', 'Identity', 'Orthogonal'] as const;

const FLOAT32_MAX = 3.4028234663852886e38;

type InitializerName = (typeof INITIALIZERS)[number];

/** Initializers without random state. */
const UNSEEDED: readonly string[] = ['Zeros', 'Ones', 'Constant', 'Identity'];

/**
 * A weight initializer: a known class with numeric settings. Its seed is always null here:
 * the harness seeds every random initializer itself (train/seeded_topology.ts), so a student's
 * choice of class and scale is kept but never its random state.
 */
export const initializer = (fallback: { readonly class_name: InitializerName; readonly config: Readonly<Record<string, unknown>> }) =>
  z
    .strictObject({
      class_name: oneOf(INITIALIZERS),
      config: z
        .strictObject({
          seed: field<number | null>('a whole number or null', (v) => v === null || isInt(v)).optional(),
          scale: finiteNumber(0, 1e6).optional(),
          mode: oneOf(['fan_in', 'fan_out', 'fan_avg'] as const).optional(),
          distribution: oneOf(['normal', 'uniform', 'truncated_normal'] as const).optional(),
          // Any float32: a student may choose weights that overflow, and training reports it.
          mean: finiteNumber(-FLOAT32_MAX, FLOAT32_MAX).optional(),
          stddev: finiteNumber(0, FLOAT32_MAX).optional(),
          minval: finiteNumber(-FLOAT32_MAX, FLOAT32_MAX).optional(),
          maxval: finiteNumber(-FLOAT32_MAX, FLOAT32_MAX).optional(),
          value: finiteNumber(-FLOAT32_MAX, FLOAT32_MAX).optional(),
          gain: finiteNumber(-FLOAT32_MAX, FLOAT32_MAX).optional(),
        })
        .default({}),
    })
    .transform(({ class_name, config }) => {
      const { seed: _ignored, ...settings } = config;
      return { class_name, config: UNSEEDED.includes(class_name) ? settings : { ...settings, seed: null } } as { class_name: InitializerName; config: Record<string, unknown> };
    })
    .default(() => ({ class_name: fallback.class_name, config: { ...fallback.config } }));

/** Glorot normal, tfjs' default for kernels, as tfjs writes it. */
export const GLOROT_NORMAL = { class_name: 'VarianceScaling', config: { scale: 1, mode: 'fan_avg', distribution: 'normal', seed: null } } as const;
export const ZEROS = { class_name: 'Zeros', config: {} } as const;
export const ONES = { class_name: 'Ones', config: {} } as const;

/** A weight regularizer (tfjs writes l1 and l2 as L1L2) or none. */
export const regularizer = () =>
  z
    .strictObject({ class_name: oneOf(['L1L2'] as const), config: z.strictObject({ l1: finiteNumber(0, 1e3).default(0), l2: finiteNumber(0, 1e3).default(0) }) })
    .nullable()
    .default(null);

/** tfjs cannot build a layer with an activity regularizer ("not supported yet"): only none. */
export const noActivityRegularizer = () => z.null({ error: "null: tfjs cannot build a layer with an activity regularizer" }).default(null);

/** A weight constraint or none. */
export const constraint = () =>
  z
    .strictObject({
      class_name: oneOf(['MaxNorm', 'MinMaxNorm', 'NonNeg', 'UnitNorm'] as const),
      config: z
        .strictObject({
          max_value: finiteNumber(0).optional(),
          min_value: finiteNumber(0).optional(),
          rate: finiteNumber(0, 1).optional(),
          axis: field<number | number[]>('an axis', (v) => isInt(v) || (Array.isArray(v) && v.length <= 4 && v.every(isInt))).optional(),
        })
        .default({}),
    })
    .nullable()
    .default(null);

/** The settings of a layer with a kernel and a bias, as tfjs writes them for Dense and Conv2D. */
export const weightSettings = () => ({
  kernel_initializer: initializer(GLOROT_NORMAL),
  bias_initializer: initializer(ZEROS),
  kernel_regularizer: regularizer(),
  bias_regularizer: regularizer(),
  activity_regularizer: noActivityRegularizer(),
  kernel_constraint: constraint(),
  bias_constraint: constraint(),
});

// Shape rules shared by families.

export function single(inputs: Shape[], layer: LayerContext): Shape {
  if (inputs.length !== 1) throw new TopologyError(`layer "${layer.name}" (${layer.className}) takes exactly one input, it has ${inputs.length}`);
  return inputs[0];
}

export function image(inputs: Shape[], layer: LayerContext): [number | null, number | null, number] {
  const s = single(inputs, layer);
  if (s.length !== 4 || s[3] === null) throw new TopologyError(`layer "${layer.name}" needs an image input [batch, height, width, channels], got ${formatValue(s)}`);
  return [s[1], s[2], s[3]];
}

/** The product of the non-batch dimensions, which must all be known. */
export function checkedProduct(dims: (number | null)[], layer: LayerContext): number {
  let n = 1;
  for (const d of dims) {
    if (d === null) throw new TopologyError(`layer "${layer.name}" needs an input of fixed size in every dimension but the batch`);
    n *= d;
  }
  if (n > Number.MAX_SAFE_INTEGER / 16) throw new TopologyError(`layer "${layer.name}" has an input larger than a lab model can have`);
  return n;
}

/** Keras' conv_output_length for one spatial dimension. */
export function convOutputLength(input: number | null, kernel: number, stride: number, padding: string, dilation = 1): number | null {
  if (input === null) return null;
  const effective = (kernel - 1) * dilation + 1;
  const length = padding === 'same' ? input : input - effective + 1;
  return Math.floor((length + stride - 1) / stride);
}

/** A layer without weights whose output has the shape of its one input. */
export function sameShape(inputs: Shape[], layer: LayerContext, signature: LayerSignature): LayerFacts {
  return { outputShape: single(inputs, layer), params: 0, trainableParams: 0, signature };
}

/** A Keras int-or-[int] field of a 1D layer, always written as [n]. */
export const intOne = (max: number) =>
  z
    .custom<number | number[]>((v) => (Number.isInteger(v) && (v as number) >= 1 && (v as number) <= max) || (Array.isArray(v) && v.length === 1 && Number.isInteger(v[0]) && v[0] >= 1 && v[0] <= max), {
      error: `a whole number from 1 to ${max}`,
    })
    .transform((v): [number] => [typeof v === 'number' ? v : (v[0] as number)]);

/** The [steps, channels] of a sequence input. */
export function sequence(inputs: Shape[], layer: LayerContext): [number | null, number] {
  const s = single(inputs, layer);
  if (s.length !== 3 || s[2] === null) throw new TopologyError(`layer "${layer.name}" needs a sequence input [batch, steps, channels], got ${formatValue(s)}`);
  return [s[1], s[2]];
}
