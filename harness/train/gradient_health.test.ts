import { gradientFindings } from './gradient_health';

describe('gradient findings', () => {
  // Norms are per layer; findings compare root mean squares per weight (norm / sqrt(params)).
  const layers = ['conv1', 'conv2', 'out'];
  const params = [100, 400, 100];

  it('finds nothing in a healthy run', () => {
    expect(gradientFindings({ layers, params, early: [1, 2, 1], final: [0.5, 1, 0.5] })).toEqual([]);
  });

  it('flags vanishing gradients: the first layer learning a thousand times slower than the last', () => {
    // RMS: conv1 1e-5 / 10 = 1e-6, out 1 / 10 = 0.1: 1e5 times smaller.
    expect(gradientFindings({ layers, params, early: [1e-5, 1e-3, 1], final: [1e-5, 1e-3, 1] })).toEqual(["vanishing gradients: at the start, conv1's gradients are 1.0e+5 times smaller than out's"]);
  });

  it('flags exploding gradients, by size or by growth', () => {
    // conv2 ends at RMS 2e4 / 20 = 1,000, above 100. out ends at 1e3 / 10 = 100, not above
    // 100, and grew from 0.1 by 1,000 times, not more: no finding for it.
    expect(gradientFindings({ layers, params, early: [1, 2, 1], final: [1, 2e4, 1e3] })).toEqual(['exploding gradients in conv2: 1.0e+3 per weight at the end, 1.0e-1 at the start']);
  });

  it('names layers whose gradients are not finite', () => {
    expect(gradientFindings({ layers, params, early: [1, 1, 1], final: [1, NaN, 1] })[0]).toBe('non-finite gradients in conv2');
  });
});
