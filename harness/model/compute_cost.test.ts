import { lenet5Topology } from '../../reference/lenet5';
import { multiplyAddsPerImage } from './compute_cost';
import { summarize } from './summarize';

describe('multiply-adds per image', () => {
  it('adds up LeNet-5 by hand', () => {
    // C1 28*28*6 outputs * 5*5*1; S2 14*14*6 outputs * a 2x2 window; C3 10*10*16 * 5*5*6;
    // S4 5*5*16 * 2*2; flatten 400; F5 120*400; F6 84*120; output 10*84.
    const byHand = 28 * 28 * 6 * 25 + 14 * 14 * 6 * 4 + 10 * 10 * 16 * 150 + 400 * 4 + 400 + 120 * 400 + 84 * 120 + 10 * 84;
    expect(multiplyAddsPerImage(summarize(lenet5Topology()))).toBe(byHand);
  });
});
