// Check kinds `output_shape` and `input_shape`: the model's shapes against the reference's.

import type { RubricCheck } from './schema';
import type { CheckContext, CheckOutcome } from './check_context';
import { formatValue } from '../format';

export function checkShape(ctx: CheckContext, check: RubricCheck, which: 'input' | 'output'): CheckOutcome {
  const of = (s: typeof ctx.student) => formatValue(which === 'input' ? s.inputShape : s.outputShape);
  const expected = of(ctx.reference);
  const found = of(ctx.student);
  const passed = expected === found;
  const verb = which === 'input' ? 'takes' : 'outputs';
  return {
    score: passed ? check.points : 0,
    status: passed ? 'passed' : 'failed',
    expected,
    found,
    messages: passed ? [] : [`the model ${verb} ${found}, expected ${expected}`],
  };
}
