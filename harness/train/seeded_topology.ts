// Makes a topology's random initial state a function of one seed: every initializer and
// dropout layer gets its own seed derived from the run's seed and its place among the layers
// that have weights, so the same submission starts from the same weights on every run, and
// two spellings of one network (with or without separate activation layers) start alike.

import type { CanonicalTopology } from '../model/canonical_topology';

/** A small integer hash (FNV-1a) so derived seeds differ per layer and field. */
function deriveSeed(seed: number, ...parts: (string | number)[]): number {
  let h = 0x811c9dc5 ^ seed;
  for (const ch of parts.join('/')) {
    h ^= ch.charCodeAt(0);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) % 2 ** 31;
}

export function seedTopology(topology: CanonicalTopology, seed: number): CanonicalTopology {
  const copy = JSON.parse(JSON.stringify(topology)) as CanonicalTopology;
  let weighted = 0;
  let dropouts = 0;
  for (const layer of copy.config.layers) {
    const config = layer.config;
    let hasInitializer = false;
    for (const [key, value] of Object.entries(config)) {
      const init = value as { config?: Record<string, unknown> } | null;
      if (key.endsWith('_initializer') && init && typeof init === 'object' && init.config && 'seed' in init.config) {
        init.config.seed = deriveSeed(seed, 'weights', weighted, key);
        hasInitializer = true;
      }
    }
    if (hasInitializer) weighted++;
    if (layer.class_name === 'Dropout') config.seed = deriveSeed(seed, 'dropout', dropouts++);
  }
  return copy;
}
