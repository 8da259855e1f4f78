// Pooling family: windowed max and average pooling over images and sequences, and their global forms.

import { z } from 'zod';
import { TopologyError } from '../graph';
import { channelsLast, convOutputLength, describeLayer, image, intOne, intPair, MAX_KERNEL, oneOf, PADDINGS, sequence, valuesPerImage, type LayerDescriptor } from './descriptor';

const windowed = (className: string): LayerDescriptor =>
  describeLayer({
    className,
    family: 'pooling',
    alignsWith: 'Pooling2D',
    inlineArgs: ['poolSize', 'strides', 'padding'],
    // Each pooled value reads its whole window.
    multiplyAdds: (layer) => valuesPerImage(layer.outputShape) * (layer.signature.poolSize ?? [1, 1]).reduce((a, b) => a * b, 1),
    config: z
      .strictObject({
        pool_size: intPair(MAX_KERNEL).default([2, 2]),
        // null (tfjs' "same as the pool size") is written out as the pool size.
        strides: intPair(MAX_KERNEL).nullable().default(null),
        padding: oneOf(PADDINGS).default('valid'),
        data_format: channelsLast(),
      })
      .transform((c) => ({ ...c, strides: c.strides ?? c.pool_size })),
    facts(inputs, c, layer) {
      const [h, w, channels] = image(inputs, layer);
      const outH = convOutputLength(h, c.pool_size[0], c.strides[0], c.padding);
      const outW = convOutputLength(w, c.pool_size[1], c.strides[1], c.padding);
      if ((outH !== null && outH < 1) || (outW !== null && outW < 1)) {
        throw new TopologyError(`layer "${layer.name}": a ${c.pool_size.join('x')} pool does not fit its ${h}x${w} input`);
      }
      return { outputShape: [null, outH, outW, channels], params: 0, trainableParams: 0, signature: { className, poolSize: c.pool_size, strides: c.strides, padding: c.padding } };
    },
  });

const global = (className: string): LayerDescriptor =>
  describeLayer({
    className,
    family: 'pooling',
    alignsWith: 'GlobalPooling2D',
    inlineArgs: [],
    // Each input value is read once.
    multiplyAdds: (layer, input) => (input ? valuesPerImage(input) : valuesPerImage(layer.outputShape)),
    config: z.strictObject({ data_format: channelsLast() }),
    facts(inputs, _c, layer) {
      const [, , channels] = image(inputs, layer);
      return { outputShape: [null, channels], params: 0, trainableParams: 0, signature: { className } };
    },
  });

/** A window over the steps of a sequence [batch, steps, channels]. */
const windowed1d = (className: string): LayerDescriptor =>
  describeLayer({
    className,
    family: 'pooling',
    alignsWith: 'Pooling1D',
    inlineArgs: ['poolSize', 'strides', 'padding'],
    multiplyAdds: (layer) => valuesPerImage(layer.outputShape) * (layer.signature.poolSize?.[0] ?? 1),
    config: z
      .strictObject({ pool_size: intOne(MAX_KERNEL).default([2]), strides: intOne(MAX_KERNEL).nullable().default(null), padding: oneOf(PADDINGS).default('valid') })
      .transform((c) => ({ ...c, strides: c.strides ?? c.pool_size })),
    facts(inputs, c, layer) {
      const [steps, channels] = sequence(inputs, layer);
      const out = convOutputLength(steps, c.pool_size[0], c.strides[0], c.padding);
      if (out !== null && out < 1) throw new TopologyError(`layer "${layer.name}": a pool of ${c.pool_size[0]} does not fit its ${steps} steps`);
      return { outputShape: [null, out, channels], params: 0, trainableParams: 0, signature: { className, poolSize: c.pool_size, strides: c.strides, padding: c.padding } };
    },
  });

const global1d = (className: string): LayerDescriptor =>
  describeLayer({
    className,
    family: 'pooling',
    alignsWith: 'GlobalPooling1D',
    inlineArgs: [],
    multiplyAdds: (layer, input) => (input ? valuesPerImage(input) : valuesPerImage(layer.outputShape)),
    config: z.strictObject({ data_format: channelsLast().optional() }),
    facts(inputs, _c, layer) {
      const [, channels] = sequence(inputs, layer);
      return { outputShape: [null, channels], params: 0, trainableParams: 0, signature: { className } };
    },
  });

export const maxPooling1d = windowed1d('MaxPooling1D');
export const averagePooling1d = windowed1d('AveragePooling1D');
export const globalAveragePooling1d = global1d('GlobalAveragePooling1D');
export const globalMaxPooling1d = global1d('GlobalMaxPooling1D');
export const maxPooling2d = windowed('MaxPooling2D');
export const averagePooling2d = windowed('AveragePooling2D');
export const globalAveragePooling2d = global('GlobalAveragePooling2D');
export const globalMaxPooling2d = global('GlobalMaxPooling2D');
