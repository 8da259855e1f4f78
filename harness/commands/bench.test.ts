import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

const CLI = path.resolve(__dirname, '..', '..', 'bin', 'cnn-grade.js');

describe('cnn-grade bench', () => {
  it('prints one JSON line per backend measured, marking the one auto picks', () => {
    const r = spawnSync(process.execPath, [CLI, 'bench', '--json', '--backend', 'wasm', '--images', '128', '--warmup', '64'], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toEqual([{ backend: 'wasm', model: 'lenet5', batchSize: 64, imagesPerSecond: expect.any(Number), default: true }]);
    expect(lines[0].imagesPerSecond).toBeGreaterThan(0);
  });

  it('refuses a backend that is not installed, saying how to install it', () => {
    const r = spawnSync(process.execPath, [CLI, 'bench', '--backend', 'tfjs-node'], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('the tfjs-node backend is not installed; to add it: npm install @tensorflow/tfjs-node@4.22.0');
  });
});
