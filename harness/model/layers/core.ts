// Core family: the model's input, Dense, the layers that only reshape, dropout and activations.

import { z } from 'zod';
import { formatValue } from '../../format';
import { TopologyError } from '../graph';
import { activation, bool, channelsLast, checkedProduct, describeLayer, finiteNumber, fraction, MAX_UNITS, positiveInt, sameShape, signatureActivation, single, valuesPerImage, weightSettings, wholeNumber } from './descriptor';

const dimension = (allowMinusOne: boolean) => z.custom<number>((v) => Number.isInteger(v) && (((v as number) >= 1 && (v as number) <= MAX_UNITS) || (allowMinusOne && v === -1)), { error: 'a list of positive whole numbers' });

export const inputLayer = describeLayer({
  className: 'InputLayer',
  family: 'input',
  config: z.strictObject({
    batch_input_shape: z
      .array(z.union([z.null(), dimension(false)]), { error: 'a list of positive whole numbers' })
      .min(2, { error: 'a batch dimension and at least one more' })
      .max(8, { error: 'at most 8 dimensions' })
      .refine((s) => s[0] === null && s.slice(1).every((d) => d !== null), { error: 'null (the batch) followed by positive whole numbers' }),
    sparse: z.literal(false, { error: 'false' }).default(false),
  }),
  facts(_inputs, c) {
    return { outputShape: c.batch_input_shape, params: 0, trainableParams: 0, signature: { className: 'InputLayer' } };
  },
});

export const dense = describeLayer({
  className: 'Dense',
  family: 'core',
  weightLayer: true,
  inlineArgs: ['units', 'activation', 'useBias'],
  multiplyAdds: (layer, input) => valuesPerImage(layer.outputShape) * (input?.[input.length - 1] ?? 1),
  config: z.strictObject({ units: positiveInt(MAX_UNITS), activation: activation(), use_bias: bool().default(true), ...weightSettings() }),
  facts(inputs, c, layer) {
    const s = single(inputs, layer);
    const last = s[s.length - 1];
    if (s.length < 2 || last === null) throw new TopologyError(`layer "${layer.name}" needs an input whose last dimension is known (add a Flatten layer before Dense)`);
    const params = last * c.units + (c.use_bias ? c.units : 0);
    return { outputShape: [...s.slice(0, -1), c.units], params, trainableParams: params, signature: { className: 'Dense', units: c.units, activation: signatureActivation(c.activation), useBias: c.use_bias } };
  },
});

export const flatten = describeLayer({
  className: 'Flatten',
  family: 'core',
  inlineArgs: [],
  config: z.strictObject({ data_format: channelsLast() }),
  facts(inputs, _c, layer) {
    const s = single(inputs, layer);
    return { outputShape: [null, checkedProduct(s.slice(1), layer)], params: 0, trainableParams: 0, signature: { className: 'Flatten' } };
  },
});

export const reshape = describeLayer({
  className: 'Reshape',
  family: 'core',
  inlineArgs: ['targetShape'],
  config: z.strictObject({ target_shape: z.array(dimension(true), { error: 'a list of positive whole numbers' }).min(1).max(8) }),
  facts(inputs, c, layer) {
    const s = single(inputs, layer);
    const target = c.target_shape;
    const total = checkedProduct(s.slice(1), layer);
    const known = target.filter((d) => d !== -1).reduce((a, b) => a * b, 1);
    const unknown = target.filter((d) => d === -1).length;
    const resolved = target.map((d) => (d === -1 ? total / known : d));
    if (unknown > 1 || (unknown === 1 && total % known !== 0) || (unknown === 0 && known !== total)) {
      throw new TopologyError(`layer "${layer.name}": cannot reshape ${formatValue(s)} to ${formatValue(target)}`);
    }
    return { outputShape: [null, ...resolved], params: 0, trainableParams: 0, signature: { className: 'Reshape', targetShape: resolved } };
  },
});

export const dropout = describeLayer({
  className: 'Dropout',
  family: 'core',
  inlineArgs: ['rate'],
  // The seed is the harness's (train/seeded_topology.ts); noise_shape is tfjs' default only.
  config: z
    .strictObject({ rate: fraction(), noise_shape: z.null({ error: 'null' }).default(null), seed: z.union([z.null(), wholeNumber()]).default(null) })
    .transform((c) => ({ ...c, seed: null })),
  facts: (inputs, c, layer) => sameShape(inputs, layer, { className: 'Dropout', rate: c.rate }),
});

export const activationLayer = describeLayer({
  className: 'Activation',
  family: 'core',
  inlineArgs: ['activation'],
  config: z.strictObject({ activation: activation() }),
  facts: (inputs, c, layer) => sameShape(inputs, layer, { className: 'Activation', activation: signatureActivation(c.activation) }),
});

export const spatialDropout1d = describeLayer({
  className: 'SpatialDropout1D',
  family: 'core',
  inlineArgs: ['rate'],
  // Whole channels dropped; the seed is the harness's, as Dropout's.
  config: z
    .strictObject({ rate: fraction(), noise_shape: z.null({ error: 'null' }).default(null), seed: z.union([z.null(), wholeNumber()]).default(null) })
    .transform((c) => ({ ...c, seed: null })),
  facts(inputs, c, layer) {
    const s = single(inputs, layer);
    if (s.length !== 3) throw new TopologyError(`layer "${layer.name}" needs a sequence input [batch, steps, channels], got ${formatValue(s)}`);
    return { outputShape: s, params: 0, trainableParams: 0, signature: { className: 'SpatialDropout1D', rate: c.rate } };
  },
});

/** Reorders the non-batch dimensions; dims is a permutation of 1..rank-1. */
export const permute = describeLayer({
  className: 'Permute',
  family: 'core',
  inlineArgs: ['dims'],
  config: z.strictObject({ dims: z.array(z.custom<number>((v) => Number.isInteger(v) && (v as number) >= 1 && (v as number) <= 8, { error: 'dimensions from 1 to 8' })).min(1).max(8) }),
  facts(inputs, c, layer) {
    const s = single(inputs, layer);
    const sorted = [...c.dims].sort((a, b) => a - b);
    if (c.dims.length !== s.length - 1 || sorted.some((d, i) => d !== i + 1)) throw new TopologyError(`layer "${layer.name}": dims ${formatValue(c.dims)} is not an order of its input's ${s.length - 1} dimensions`);
    return { outputShape: [null, ...c.dims.map((d) => s[d])], params: 0, trainableParams: 0, signature: { className: 'Permute', dims: c.dims } };
  },
});

export const repeatVector = describeLayer({
  className: 'RepeatVector',
  family: 'core',
  inlineArgs: ['n'],
  config: z.strictObject({ n: positiveInt(MAX_UNITS) }),
  facts(inputs, c, layer) {
    const s = single(inputs, layer);
    if (s.length !== 2) throw new TopologyError(`layer "${layer.name}" needs a vector input [batch, features], got ${formatValue(s)}`);
    return { outputShape: [null, c.n, s[1]], params: 0, trainableParams: 0, signature: { className: 'RepeatVector', repeats: c.n } };
  },
});

/** x * scale + offset, e.g. pixels from 0-255 to 0-1. */
export const rescaling = describeLayer({
  className: 'Rescaling',
  family: 'core',
  inlineArgs: ['scale', 'offset'],
  config: z.strictObject({ scale: finiteNumber(), offset: finiteNumber().default(0) }),
  facts: (inputs, _c, layer) => sameShape(inputs, layer, { className: 'Rescaling' }),
});
