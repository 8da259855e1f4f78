// Convolutional family: Conv2D and the zero padding that often precedes it.

import { z } from 'zod';
import { TopologyError } from '../graph';
import { activation, bool, channelsLast, convOutputLength, describeLayer, image, intPair, MAX_KERNEL, MAX_UNITS, oneOf, PADDINGS, positiveInt, signatureActivation, valuesPerImage, weightSettings } from './descriptor';

export const conv2d = describeLayer({
  className: 'Conv2D',
  family: 'convolutional',
  weightLayer: true,
  inlineArgs: ['filters', 'kernelSize', 'strides', 'padding', 'activation', 'useBias', 'dilationRate'],
  // Each output value: a kernel's window over every input channel.
  multiplyAdds: (layer, input) => valuesPerImage(layer.outputShape) * (layer.signature.kernelSize ?? [1, 1]).reduce((a, b) => a * b, 1) * (input?.[input.length - 1] ?? 1),
  config: z.strictObject({
    filters: positiveInt(MAX_UNITS),
    kernel_size: intPair(MAX_KERNEL),
    strides: intPair(MAX_KERNEL).default([1, 1]),
    padding: oneOf(PADDINGS).default('valid'),
    data_format: channelsLast(),
    dilation_rate: intPair(MAX_KERNEL).default([1, 1]),
    activation: activation(),
    use_bias: bool().default(true),
    ...weightSettings(),
  }),
  facts(inputs, c, layer) {
    const [h, w, channels] = image(inputs, layer);
    const outH = convOutputLength(h, c.kernel_size[0], c.strides[0], c.padding, c.dilation_rate[0]);
    const outW = convOutputLength(w, c.kernel_size[1], c.strides[1], c.padding, c.dilation_rate[1]);
    if ((outH !== null && outH < 1) || (outW !== null && outW < 1)) {
      throw new TopologyError(`layer "${layer.name}": a ${c.kernel_size.join('x')} kernel does not fit its ${h}x${w} input`);
    }
    const params = c.kernel_size[0] * c.kernel_size[1] * channels * c.filters + (c.use_bias ? c.filters : 0);
    // A 1x1 kernel never needs padding: "same" and "valid" compute the same thing there.
    const pointwise = c.kernel_size[0] === 1 && c.kernel_size[1] === 1;
    return {
      outputShape: [null, outH, outW, c.filters],
      params,
      trainableParams: params,
      signature: {
        className: 'Conv2D',
        filters: c.filters,
        kernelSize: c.kernel_size,
        strides: c.strides,
        padding: pointwise ? 'valid' : c.padding,
        dilationRate: pointwise ? [1, 1] : c.dilation_rate,
        activation: signatureActivation(c.activation),
        useBias: c.use_bias,
      },
    };
  },
});

const padAmount = (v: unknown) => Number.isInteger(v) && (v as number) >= 0 && (v as number) <= MAX_KERNEL;

export const zeroPadding2d = describeLayer({
  className: 'ZeroPadding2D',
  family: 'convolutional',
  inlineArgs: ['padding'],
  config: z.strictObject({
    // Written out as tfjs does: [[top, bottom], [left, right]].
    padding: z
      .custom<number | number[] | number[][]>(
        (v) => padAmount(v) || (Array.isArray(v) && v.length === 2 && (v.every(padAmount) || v.every((p) => Array.isArray(p) && p.length === 2 && p.every(padAmount)))),
        { error: `a number, [rows, cols] or [[top, bottom], [left, right]] of whole numbers from 0 to ${MAX_KERNEL}` },
      )
      .transform((v): [[number, number], [number, number]] => {
        if (typeof v === 'number') return [[v, v], [v, v]];
        if (typeof v[0] === 'number') return [[v[0], v[0]], [v[1] as number, v[1] as number]];
        const [rows, cols] = v as number[][];
        return [[rows[0], rows[1]], [cols[0], cols[1]]];
      })
      .default([[1, 1], [1, 1]]),
    data_format: channelsLast(),
  }),
  facts(inputs, c, layer) {
    const [h, w, channels] = image(inputs, layer);
    const [[top, bottom], [left, right]] = c.padding;
    const add = (d: number | null, a: number, b: number) => (d === null ? null : d + a + b);
    return { outputShape: [null, add(h, top, bottom), add(w, left, right), channels], params: 0, trainableParams: 0, signature: { className: 'ZeroPadding2D' } };
  },
});
