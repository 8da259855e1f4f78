// Check kind `params`: total parameters against the reference's, exact or within a relative
// tolerance; when they differ, the aligned layers whose counts differ are named.

import { alignLayers } from '../model/align_layers';
import { layerTree } from '../model/layer_sequence';
import type { RubricCheck } from './schema';
import type { CheckContext, CheckOutcome } from './check_context';
import { formatCount } from '../format';

export function checkParams(ctx: CheckContext, check: Extract<RubricCheck, { kind: 'params' }>): CheckOutcome {
  const pick = (s: typeof ctx.student) => (check.count === 'trainable' ? s.trainableParams : s.totalParams);
  const what = check.count === 'trainable' ? 'trainable parameters' : 'parameters';
  const found = pick(ctx.student);
  const layerMismatches = alignLayers(layerTree(ctx.student), layerTree(ctx.reference)).flatMap((pair) =>
    pair.kind === 'match' && pair.student.params !== pair.reference.params ? [`${pair.student.name}: ${formatCount(pair.student.params)} parameters, expected ${formatCount(pair.reference.params)}`] : [],
  );
  if (check.max !== undefined) {
    const passed = found <= check.max;
    const messages = passed ? [] : [`${formatCount(found)} ${what}, ${formatCount(found - check.max)} over the budget of ${formatCount(check.max)}`];
    return { score: passed ? check.points : 0, status: passed ? 'passed' : 'failed', expected: `at most ${formatCount(check.max)}`, found: formatCount(found), messages };
  }
  const expected = pick(ctx.reference);
  const totalOk = Math.abs(found - expected) <= check.tolerance * expected;
  const passed = totalOk && (!check.perLayer || layerMismatches.length === 0);
  const messages: string[] = [];
  if (!totalOk) {
    const diff = found - expected;
    messages.push(`${formatCount(found)} ${what}, ${formatCount(Math.abs(diff))} ${diff > 0 ? 'more' : 'fewer'} than the reference's ${formatCount(expected)}`);
  }
  if (!passed) messages.push(...layerMismatches);
  const range = check.tolerance > 0 ? ` (±${(check.tolerance * 100).toFixed(1)}%)` : '';
  return { score: passed ? check.points : 0, status: passed ? 'passed' : 'failed', expected: `${formatCount(expected)}${range}`, found: formatCount(found), messages };
}
