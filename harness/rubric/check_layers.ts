// Check kind `layers`: the student's layer sequence against the reference's, aligned, with
// one message per difference and credit per reference layer matched exactly.

import { alignLayers } from '../model/align_layers';
import { flattenItems, layerTree } from '../model/layer_sequence';
import type { RubricCheck } from './schema';
import { partial, type CheckContext, type CheckOutcome } from './check_context';
import { formatValue } from '../format';
import { describeSignature } from './describe_signature';

/** How a difference in a field reads in a message, where the field's name would not. */
const FIELD_LABELS: Partial<Record<string, string>> = { className: 'pooling', lrn: 'LRN settings (radius, bias, alpha, beta)' };

export function checkLayers(ctx: CheckContext, check: RubricCheck): CheckOutcome {
  const studentTree = layerTree(ctx.student);
  const referenceTree = layerTree(ctx.reference);
  const pairs = alignLayers(studentTree, referenceTree);
  const studentSeq = flattenItems(studentTree);
  const referenceSeq = flattenItems(referenceTree);
  const messages: string[] = [];
  let exact = 0;
  for (const pair of pairs) {
    if (pair.kind === 'match') {
      if (pair.differences.length === 0) exact++;
      for (const d of pair.differences) messages.push(`${pair.student.name}: ${FIELD_LABELS[d.field] ?? d.field} ${formatValue(d.found)}, expected ${formatValue(d.expected)}`);
    } else if (pair.kind === 'extra') {
      messages.push(`${pair.student.name}: extra ${describeSignature(pair.student.signature)} layer, not in the reference`);
    } else {
      const where = pair.after ? `after ${pair.after.name}` : 'at the start';
      messages.push(`missing ${describeSignature(pair.reference.signature)} ${where}`);
    }
  }
  const fraction = exact / Math.max(studentSeq.length, referenceSeq.length);
  return {
    score: partial(check.points, fraction),
    status: messages.length === 0 ? 'passed' : 'failed',
    expected: ctx.task.revealReference ? `${referenceSeq.length} layers: ${referenceSeq.map((e) => describeSignature(e.signature)).join(' → ')}` : `${referenceSeq.length} layers`,
    found: `${studentSeq.length} layers, ${exact} as in the reference`,
    messages,
  };
}
