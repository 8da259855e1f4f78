// When the report's layer table shows "Connected to", and which rows it shows.

import type { LayerSummary, ModelSummary } from '../types';
import { layerTable } from './layer_table';

/** A layer of `className` reading `inbound`; shapes and counts do not matter here. */
const layer = (name: string, className: string, inbound: string[]): LayerSummary => ({ name, className, inbound, outputShape: [null, 4], params: 0, trainableParams: 0, signature: { className } });

const summaryOf = (layers: LayerSummary[], sequential?: boolean): ModelSummary => ({
  name: 'm', inputShape: [null, 4], outputShape: [null, 4], outputCount: 1, layers, totalParams: 0, trainableParams: 0, nonTrainableParams: 0, ...(sequential === undefined ? {} : { sequential }),
});

const shown = (summary: ModelSummary) => {
  const table = layerTable(summary);
  return { connected: table.connected, rows: table.rows.map((r) => `${r.name} <- ${r.connectedTo}`) };
};

describe('layerTable', () => {
  it('leaves the connections out of a chain, and the input row out of a Sequential only', () => {
    const chain = [layer('input', 'InputLayer', []), layer('d1', 'Dense', ['input']), layer('d2', 'Dense', ['d1'])];
    expect(shown(summaryOf(chain, true))).toEqual({ connected: false, rows: ['d1 <- input', 'd2 <- d1'] });
    expect(shown(summaryOf(chain))).toEqual({ connected: false, rows: ['input <- -', 'd1 <- input', 'd2 <- d1'] });
  });

  it('shows the connections of a merge, of a layer read twice and of a chain out of row order', () => {
    const merge = [layer('x', 'InputLayer', []), layer('a', 'Dense', ['x']), layer('sum', 'Add', ['a', 'x'])];
    expect(shown(summaryOf(merge))).toEqual({ connected: true, rows: ['x <- -', 'a <- x', 'sum <- a, x'] });
    // Two heads on one trunk (GoogLeNet's auxiliary classifiers): nothing merges, but it is no chain.
    const heads = [layer('x', 'InputLayer', []), layer('trunk', 'Dense', ['x']), layer('aux', 'Dense', ['trunk']), layer('main', 'Dense', ['trunk'])];
    expect(shown(summaryOf(heads)).connected).toBe(true);
    const reordered = [layer('x', 'InputLayer', []), layer('b', 'Dense', ['x']), layer('c', 'Dense', ['x'])];
    expect(shown(summaryOf(reordered)).connected).toBe(true);
  });
});
