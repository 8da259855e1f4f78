// Check kind `params`: total parameters against the reference's, exact or within a relative
// tolerance; when they differ, the aligned layers whose counts differ are named.

import { alignLayers } from '../model/align_layers';
import { layerSequence } from '../model/layer_sequence';
import type { RubricCheck } from './schema';
import type { CheckContext, CheckOutcome } from './check_context';
import { formatCount } from './format';

export function checkParams(ctx: CheckContext, check: Extract<RubricCheck, { kind: 'params' }>): CheckOutcome {
  const expected = ctx.reference.totalParams;
  const found = ctx.student.totalParams;
  const passed = Math.abs(found - expected) <= check.tolerance * expected;
  const messages: string[] = [];
  if (!passed) {
    const diff = found - expected;
    messages.push(`${formatCount(found)} parameters, ${formatCount(Math.abs(diff))} ${diff > 0 ? 'more' : 'fewer'} than the reference's ${formatCount(expected)}`);
    for (const pair of alignLayers(layerSequence(ctx.student), layerSequence(ctx.reference))) {
      if (pair.kind === 'match' && pair.student.params !== pair.reference.params) {
        messages.push(`${pair.student.name}: ${formatCount(pair.student.params)} parameters, expected ${formatCount(pair.reference.params)}`);
      }
    }
  }
  const range = check.tolerance > 0 ? ` (±${(check.tolerance * 100).toFixed(1)}%)` : '';
  return { score: passed ? check.points : 0, status: passed ? 'passed' : 'failed', expected: `${formatCount(expected)}${range}`, found: formatCount(found), messages };
}
