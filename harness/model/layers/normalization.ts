// Normalization family: batch and layer normalization, and AlexNet's local response normalization.

import { z } from 'zod';
import { TopologyError } from '../graph';
import { bool, constraint, describeLayer, finiteNumber, image, initializer, ONES, regularizer, single, valuesPerImage, wholeNumber, ZEROS } from './descriptor';

export const batchNormalization = describeLayer({
  className: 'BatchNormalization',
  family: 'normalization',
  inlineArgs: ['axis', 'momentum', 'epsilon', 'center', 'scale'],
  config: z.strictObject({
    axis: wholeNumber().default(-1),
    momentum: finiteNumber(0, 1).default(0.99),
    epsilon: finiteNumber(0, 1).default(0.001),
    center: bool().default(true),
    scale: bool().default(true),
    beta_initializer: initializer(ZEROS),
    gamma_initializer: initializer(ONES),
    moving_mean_initializer: initializer(ZEROS),
    moving_variance_initializer: initializer(ONES),
    beta_regularizer: regularizer(),
    gamma_regularizer: regularizer(),
    beta_constraint: constraint(),
    gamma_constraint: constraint(),
  }),
  facts(inputs, c, layer) {
    const s = single(inputs, layer);
    const channels = s[c.axis < 0 ? s.length + c.axis : c.axis];
    if (typeof channels !== 'number' || c.axis === 0 || c.axis === -s.length) throw new TopologyError(`layer "${layer.name}": axis ${c.axis} is not an axis of known size`);
    const trainable = channels * ((c.center ? 1 : 0) + (c.scale ? 1 : 0));
    // Keras counts the moving mean and variance as (non-trainable) parameters.
    return { outputShape: s, params: trainable + 2 * channels, trainableParams: trainable, signature: { className: 'BatchNormalization' } };
  },
});

/** Normalises each example over `axis` (the channels by default), with a scale and offset per value of those axes. */
export const layerNormalization = describeLayer({
  className: 'LayerNormalization',
  family: 'normalization',
  inlineArgs: ['axis', 'epsilon', 'center', 'scale'],
  config: z.strictObject({
    axis: z
      .custom<number | number[]>((v) => Number.isInteger(v) || (Array.isArray(v) && v.length >= 1 && v.length <= 8 && v.every((a) => Number.isInteger(a))), { error: 'an axis or a list of axes' })
      .transform((v) => (typeof v === 'number' ? [v] : (v as number[])))
      .default([-1]),
    epsilon: finiteNumber(0, 1).default(0.001),
    center: bool().default(true),
    scale: bool().default(true),
    beta_initializer: initializer(ZEROS),
    gamma_initializer: initializer(ONES),
    beta_regularizer: regularizer(),
    gamma_regularizer: regularizer(),
  }),
  facts(inputs, c, layer) {
    const s = single(inputs, layer);
    const axes = c.axis.map((a) => (a < 0 ? s.length + a : a));
    if (axes.some((a) => a < 1 || a >= s.length) || new Set(axes).size !== axes.length) throw new TopologyError(`layer "${layer.name}": axis ${JSON.stringify(c.axis)} is not a set of its input's axes`);
    const size = axes.reduce((n, a) => {
      const d = s[a];
      if (d === null) throw new TopologyError(`layer "${layer.name}": axis ${a} has no fixed size`);
      return n * d;
    }, 1);
    const params = size * ((c.center ? 1 : 0) + (c.scale ? 1 : 0));
    return { outputShape: s, params, trainableParams: params, signature: { className: 'LayerNormalization', axis: axes } };
  },
});

export const lrn = describeLayer({
  className: 'LRN',
  family: 'normalization',
  inlineArgs: ['depthRadius', 'bias', 'alpha', 'beta'],
  // Each value sums the squares of its 2r+1 neighbouring channels.
  multiplyAdds: (layer) => valuesPerImage(layer.outputShape) * (2 * (layer.signature.lrn?.[0] ?? 0) + 1),
  config: z.strictObject({
    depth_radius: wholeNumber().default(2),
    bias: finiteNumber().default(2),
    alpha: finiteNumber().default(1e-4),
    beta: finiteNumber().default(0.75),
  }),
  facts(inputs, c, layer) {
    image(inputs, layer);
    return { outputShape: single(inputs, layer), params: 0, trainableParams: 0, signature: { className: 'LRN', lrn: [c.depth_radius, c.bias, c.alpha, c.beta] } };
  },
});
