import type { ModelSummary } from '../types';
import { summaryText } from './summary_text';

describe('summaryText', () => {
  it('shows a layer name with a newline and an escape on its own row, inert', () => {
    const summary: ModelSummary = {
      name: 'm\x1b',
      inputShape: [null, 10],
      outputShape: [null, 10],
      outputCount: 1,
      layers: [{ name: 'in\n\x1b[2Jx', className: 'Dense', outputShape: [null, 10], params: 110, trainableParams: 110, inbound: [], signature: { className: 'Dense' } }],
      totalParams: 110,
      trainableParams: 110,
      nonTrainableParams: 0,
    };
    const lines = summaryText(summary).split('\n');
    // Column widths: 21 ("in \u001b[2Jx (Dense)" shown as 21 characters), 12, 7; rules 21 + 12 + 7 + 2 * 3 = 46.
    expect(lines).toEqual([
      'Model: "m\\u001b"',
      '_'.repeat(46),
      `Layer (type)${' '.repeat(9)}   Output shape   Param #`,
      '='.repeat(46),
      `in \\u001b[2Jx (Dense)   [null,10]${' '.repeat(10)}110`,
      '='.repeat(46),
      'Total params: 110',
      'Trainable params: 110',
      'Non-trainable params: 0',
    ]);
  });
});
