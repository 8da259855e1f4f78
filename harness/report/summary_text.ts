// A model summary as Keras prints one: layer, class, output shape, parameters, then totals.
// Names are shown as inert text: a summary of a student's model must not obey their escapes.

import { inertLine } from '../inert_text';
import type { ModelSummary } from '../types';
import { layerTable } from './layer_table';

export function summaryText(summary: ModelSummary): string {
  // The report's table, as text: the same rows and the same rule for a "Connected to" column.
  const table = layerTable(summary);
  const rows = table.rows.map((r) => [inertLine(`${r.name} (${r.className})`, 300), r.outputShape, r.params, inertLine(r.connectedTo, 300)]);
  const head = ['Layer (type)', 'Output shape', 'Param #', ...(table.connected ? ['Connected to'] : [])];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 2 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('   ').trimEnd();
  const rule = (ch: string) => ch.repeat(widths.reduce((a, b) => a + b + 3, -3));
  return [
    `Model: "${inertLine(summary.name, 300)}"`,
    rule('_'),
    line(head),
    rule('='),
    ...rows.map((r) => line(table.connected ? r : r.slice(0, 3))),
    rule('='),
    `Total params: ${table.total}`,
    `Trainable params: ${table.trainable}`,
    `Non-trainable params: ${table.nonTrainable}`,
  ].join('\n');
}
