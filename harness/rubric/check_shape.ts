// Check kinds `output_shape` and `input_shape`: the model's shapes against the reference's.
// With `probabilities`, the output must also be a probability distribution (see
// output_distribution.ts): a relu or linear last layer has the right shape and still does not
// output "one probability per class".

import type { RubricCheck } from './schema';
import type { CheckContext, CheckOutcome } from './check_context';
import { formatValue } from '../format';
import { outputDistribution, outputLayers } from './output_distribution';

export function checkShape(ctx: CheckContext, check: RubricCheck, which: 'input' | 'output'): CheckOutcome {
  const of = (s: typeof ctx.student) => formatValue(which === 'input' ? s.inputShape : s.outputShape);
  let expected = of(ctx.reference);
  let found = of(ctx.student);
  const verb = which === 'input' ? 'takes' : 'outputs';
  const messages = expected === found ? [] : [`the model ${verb} ${found}, expected ${expected}`];
  if (check.kind === 'output_shape' && check.probabilities) {
    const outputs = outputLayers(ctx.student).map((layer) => outputDistribution(ctx.student, layer.name));
    expected += ', probabilities (softmax)';
    found += `, ${outputs.map((o) => o.last).join(' / ')}`;
    // A model with auxiliary heads (GoogLeNet's) has one distribution per head: name which.
    for (const o of outputs) if (o.problem) messages.push(outputs.length > 1 ? `${o.output}: ${o.problem}` : o.problem);
  }
  const passed = messages.length === 0;
  return { score: passed ? check.points : 0, status: passed ? 'passed' : 'failed', expected, found, messages };
}
