import { tf } from '../../tfjs';
import { useBackend } from '../backends';

// The cpu backend's gradient is the independent reference: same op, same inputs.
const CASES: Array<{ x: [number, number, number, number]; k: [number, number]; out: number; stride: number; pad: 'valid' | 'same' }> = [
  { x: [1, 7, 7, 1], k: [3, 3], out: 1, stride: 1, pad: 'valid' },
  { x: [2, 9, 8, 3], k: [5, 5], out: 4, stride: 1, pad: 'same' },
  { x: [3, 11, 11, 2], k: [3, 3], out: 5, stride: 2, pad: 'same' },
  { x: [2, 13, 13, 4], k: [5, 5], out: 2, stride: 4, pad: 'valid' },
  { x: [1, 6, 9, 6], k: [1, 3], out: 16, stride: 2, pad: 'valid' },
];

async function filterGradient(backend: string, c: (typeof CASES)[number]): Promise<Float32Array> {
  await tf.setBackend(backend);
  return tf.tidy(() => {
    const x = tf.randomNormal(c.x, 0, 1, 'float32', 11) as tf.Tensor4D;
    const w = tf.randomNormal([...c.k, c.x[3], c.out], 0, 1, 'float32', 12) as tf.Tensor4D;
    const dw = tf.grad((filter: tf.Tensor) => tf.conv2d(x, filter as tf.Tensor4D, c.stride, c.pad).square().sum())(w);
    return dw.dataSync() as Float32Array;
  });
}

describe('Conv2DBackpropFilter on wasm', () => {
  beforeAll(async () => {
    await useBackend('wasm');
  });

  it.each(CASES)('matches the cpu backend for x %j', async (c) => {
    const cpu = await filterGradient('cpu', c);
    const wasm = await filterGradient('wasm', c);
    expect(wasm.length).toBe(cpu.length);
    let worst = 0;
    for (let i = 0; i < cpu.length; i++) worst = Math.max(worst, Math.abs(wasm[i] - cpu[i]) / (1 + Math.abs(cpu[i])));
    expect(worst).toBeLessThan(1e-4);
  });
});
