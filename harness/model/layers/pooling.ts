// Pooling family: windowed max and average pooling, and their global forms.

import { z } from 'zod';
import { TopologyError } from '../graph';
import { channelsLast, convOutputLength, describeLayer, image, intPair, MAX_KERNEL, oneOf, PADDINGS, valuesPerImage, type LayerDescriptor } from './descriptor';

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

export const maxPooling2d = windowed('MaxPooling2D');
export const averagePooling2d = windowed('AveragePooling2D');
export const globalAveragePooling2d = global('GlobalAveragePooling2D');
export const globalMaxPooling2d = global('GlobalMaxPooling2D');
