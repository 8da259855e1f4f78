// Check kind `output_shape`: the model's output shape against the reference's.

import type { RubricCheck } from './schema';
import type { CheckContext, CheckOutcome } from './check_context';
import { formatValue } from './format';

export function checkOutputShape(ctx: CheckContext, check: RubricCheck): CheckOutcome {
  const expected = formatValue(ctx.reference.outputShape);
  const found = formatValue(ctx.student.outputShape);
  const passed = expected === found;
  return {
    score: passed ? check.points : 0,
    status: passed ? 'passed' : 'failed',
    expected,
    found,
    messages: passed ? [] : [`the model outputs ${found}, expected ${expected}`],
  };
}
