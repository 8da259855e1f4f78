// Noise layers (tfjs-layers' noise.ts): regularisers that act only in training, like Dropout.

import { z } from 'zod';
import { describeLayer, finiteNumber, fraction, sameShape } from './descriptor';

export const gaussianNoise = describeLayer({
  className: 'GaussianNoise',
  family: 'noise',
  inlineArgs: ['stddev'],
  config: z.strictObject({ stddev: finiteNumber(0, 1e6) }),
  facts: (inputs, c, layer) => sameShape(inputs, layer, { className: 'GaussianNoise', rate: c.stddev }),
});

export const gaussianDropout = describeLayer({
  className: 'GaussianDropout',
  family: 'noise',
  inlineArgs: ['rate'],
  config: z.strictObject({ rate: fraction() }),
  facts: (inputs, c, layer) => sameShape(inputs, layer, { className: 'GaussianDropout', rate: c.rate }),
});

export const alphaDropout = describeLayer({
  className: 'AlphaDropout',
  family: 'noise',
  inlineArgs: ['rate'],
  config: z.strictObject({ rate: fraction(), noise_shape: z.null({ error: 'null' }).optional() }),
  facts: (inputs, c, layer) => sameShape(inputs, layer, { className: 'AlphaDropout', rate: c.rate }),
});
