// A model summary as Keras prints one: layer, class, output shape, parameters, then totals.
// Names are shown as inert text: a summary of a student's model must not obey their escapes.

import { formatCount, formatValue } from '../format';
import { inertLine } from '../inert_text';
import type { ModelSummary } from '../types';

export function summaryText(summary: ModelSummary): string {
  // A graph that branches needs its connections shown; a chain does not.
  const branched = summary.layers.some((l) => l.inbound.length > 1);
  const rows = summary.layers.map((l) => [inertLine(`${l.name} (${l.className})`, 300), formatValue(l.outputShape), formatCount(l.params), inertLine(l.inbound.join(', '), 300)]);
  const head = ['Layer (type)', 'Output shape', 'Param #', ...(branched ? ['Connected to'] : [])];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 2 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('   ').trimEnd();
  const rule = (ch: string) => ch.repeat(widths.reduce((a, b) => a + b + 3, -3));
  return [
    `Model: "${inertLine(summary.name, 300)}"`,
    rule('_'),
    line(head),
    rule('='),
    ...rows.map((r) => line(branched ? r : r.slice(0, 3))),
    rule('='),
    `Total params: ${formatCount(summary.totalParams)}`,
    `Trainable params: ${formatCount(summary.trainableParams)}`,
    `Non-trainable params: ${formatCount(summary.nonTrainableParams)}`,
  ].join('\n');
}
