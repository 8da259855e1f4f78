import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { lenet5Topology } from '../../reference/lenet5';
import type { TrainSettings } from '../rubric/schema';
import { defaultCacheDir, ReferenceCache, referenceKey } from './reference_cache';

const settings: TrainSettings = { dataset: 'mnist', steps: 10, batchSize: 64, optimizer: 'adam', learningRate: 0.001, seed: 1, evalImages: 100, timeLimitSeconds: 60 };
const run = { finalLoss: 0.5, accuracy: 0.9, curve: [{ step: 10, loss: 0.5 }], steps: 10, seconds: 1, evalImages: 1000 };

describe('reference cache', () => {
  it('keys on what changes a run, and not on the time limit', () => {
    const key = referenceKey(lenet5Topology(), settings, 'wasm');
    expect(referenceKey(lenet5Topology(), { ...settings, timeLimitSeconds: 5 }, 'wasm')).toBe(key);
    expect(referenceKey(lenet5Topology(), { ...settings, seed: 2 }, 'wasm')).not.toBe(key);
    expect(referenceKey(lenet5Topology(), settings, 'cpu')).not.toBe(key);
    expect(referenceKey(lenet5Topology({ numClasses: 7 }), settings, 'wasm')).not.toBe(key);
  });

  it('returns what was stored, and nothing for an unknown or corrupt entry', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cnn-grade-cache-'));
    const cache = new ReferenceCache(dir);
    cache.set('abc', run);
    expect(cache.get('abc')).toEqual(run);
    expect(cache.get('def')).toBeUndefined();
    fs.writeFileSync(path.join(dir, 'reference', 'bad.json'), '{ not json');
    expect(cache.get('bad')).toBeUndefined();
  });

  it('lives under CNN_GRADE_CACHE, else XDG_CACHE_HOME, else ~/.cache', () => {
    expect(defaultCacheDir({ CNN_GRADE_CACHE: '/x' })).toBe('/x');
    expect(defaultCacheDir({ XDG_CACHE_HOME: '/y' })).toBe(path.join('/y', 'cnn-grade'));
    expect(defaultCacheDir({})).toBe(path.join(os.homedir(), '.cache', 'cnn-grade'));
  });
});
