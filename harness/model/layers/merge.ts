// Merge family: layers that join branches (residual adds, Inception's concatenation).

import { z } from 'zod';
import { formatValue } from '../../format';
import type { Shape } from '../../types';
import { TopologyError } from '../graph';
import { describeLayer, wholeNumber, type LayerContext, type LayerDescriptor } from './descriptor';

function atLeastTwo(inputs: Shape[], layer: LayerContext): void {
  if (inputs.length < 2) throw new TopologyError(`layer "${layer.name}" (${layer.className}) joins at least two inputs, it has ${inputs.length}`);
}

/** Add, Multiply, Average, Maximum: inputs of one shape, combined element by element. */
const elementwise = (className: string): LayerDescriptor =>
  describeLayer({
    className,
    family: 'merge',
    config: z.strictObject({}),
    facts(inputs, _c, layer) {
      atLeastTwo(inputs, layer);
      const first = formatValue(inputs[0]);
      if (!inputs.every((s) => formatValue(s) === first)) {
        throw new TopologyError(`layer "${layer.name}": ${className} needs inputs of one shape, got ${inputs.map((s) => formatValue(s)).join(' and ')}`);
      }
      return { outputShape: inputs[0], params: 0, trainableParams: 0, signature: { className } };
    },
  });

export const add = elementwise('Add');
export const multiply = elementwise('Multiply');
export const average = elementwise('Average');
export const maximum = elementwise('Maximum');
export const minimum = elementwise('Minimum');

export const concatenate = describeLayer({
  className: 'Concatenate',
  family: 'merge',
  config: z.strictObject({ axis: wholeNumber().default(-1) }),
  facts(inputs, c, layer) {
    atLeastTwo(inputs, layer);
    const rank = inputs[0].length;
    const axis = c.axis < 0 ? rank + c.axis : c.axis;
    if (axis < 1 || axis >= rank || !inputs.every((s) => s.length === rank)) throw new TopologyError(`layer "${layer.name}": axis ${c.axis} is not an axis every input has`);
    const out = [...inputs[0]];
    for (let d = 1; d < rank; d++) {
      if (d !== axis && !inputs.every((s) => s[d] === out[d])) {
        throw new TopologyError(`layer "${layer.name}": cannot concatenate ${inputs.map((s) => formatValue(s)).join(' and ')} on axis ${c.axis}`);
      }
    }
    out[axis] = inputs.reduce<number | null>((sum, s) => (sum === null || s[axis] === null ? null : sum + (s[axis] as number)), 0);
    return { outputShape: out, params: 0, trainableParams: 0, signature: { className: 'Concatenate' } };
  },
});
