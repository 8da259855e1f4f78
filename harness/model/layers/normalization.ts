// Normalization family: batch normalization and AlexNet's local response normalization.

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
