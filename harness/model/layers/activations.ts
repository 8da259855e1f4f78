// Activation layers (tfjs-layers' advanced_activations.ts): an activation with settings of its
// own, or (PReLU) with weights. Those without weights are signed as an Activation, so that
// they compare with Activation('relu') and fold into the layer before them like it does.

import { z } from 'zod';
import type { Shape } from '../../types';
import { TopologyError } from '../graph';
import { constraint, describeLayer, finiteNumber, initializer, regularizer, sameShape, single, wholeNumber, ZEROS, type LayerContext } from './descriptor';

/** ReLU() is Activation('relu') to the checks; a capped one is relu6-like and says its cap. */
export const reluLayer = describeLayer({
  className: 'ReLU',
  family: 'activation',
  inlineArgs: [],
  config: z.strictObject({ max_value: z.union([z.null(), finiteNumber(0)]).default(null) }),
  facts: (inputs, c, layer) => sameShape(inputs, layer, { className: 'Activation', activation: c.max_value === null ? 'relu' : `relu(max ${c.max_value})` }),
});

export const softmaxLayer = describeLayer({
  className: 'Softmax',
  family: 'activation',
  inlineArgs: [],
  config: z.strictObject({ axis: wholeNumber().default(-1) }),
  facts: (inputs, _c, layer) => sameShape(inputs, layer, { className: 'Activation', activation: 'softmax' }),
});

export const leakyReluLayer = describeLayer({
  className: 'LeakyReLU',
  family: 'activation',
  inlineArgs: ['alpha'],
  config: z.strictObject({ alpha: finiteNumber(0, 1e6).default(0.3) }),
  facts: (inputs, c, layer) => sameShape(inputs, layer, { className: 'Activation', activation: `leaky_relu(${c.alpha})` }),
});

/** ELU(alpha 1) is Activation('elu'). */
export const eluLayer = describeLayer({
  className: 'ELU',
  family: 'activation',
  inlineArgs: ['alpha'],
  config: z.strictObject({ alpha: finiteNumber(0, 1e6).default(1) }),
  facts: (inputs, c, layer) => sameShape(inputs, layer, { className: 'Activation', activation: c.alpha === 1 ? 'elu' : `elu(${c.alpha})` }),
});

export const thresholdedReluLayer = describeLayer({
  className: 'ThresholdedReLU',
  family: 'activation',
  inlineArgs: ['theta'],
  config: z.strictObject({ theta: finiteNumber(0, 1e6).default(1) }),
  facts: (inputs, c, layer) => sameShape(inputs, layer, { className: 'Activation', activation: `thresholded_relu(${c.theta})` }),
});

/** The shape of PReLU's slopes: the input's, with shared axes (1-based) set to 1. */
function alphaShape(input: Shape, sharedAxes: number[], layer: LayerContext): number[] {
  const dims = input.slice(1);
  return dims.map((d, i) => {
    if (sharedAxes.includes(i + 1)) return 1;
    if (d === null) throw new TopologyError(`layer "${layer.name}" needs an input of fixed size, or shared_axes over its unknown dimensions`);
    return d;
  });
}

/** A leaky relu whose slopes are learned, one per value unless axes share them (the lecture's ResNet slide). */
export const preluLayer = describeLayer({
  className: 'PReLU',
  family: 'activation',
  inlineArgs: ['sharedAxes'],
  config: z.strictObject({
    alpha_initializer: initializer(ZEROS),
    alpha_regularizer: regularizer(),
    alpha_constraint: constraint(),
    shared_axes: z.union([z.null(), z.array(z.custom<number>((v) => Number.isInteger(v) && (v as number) >= 1 && (v as number) <= 8, { error: 'axes from 1 to 8' })).max(8)]).default(null),
  }),
  facts(inputs, c, layer) {
    const s = single(inputs, layer);
    const params = alphaShape(s, c.shared_axes ?? [], layer).reduce((a, b) => a * b, 1);
    return { outputShape: s, params, trainableParams: params, signature: { className: 'PReLU', axis: c.shared_axes ?? [] } };
  },
});
