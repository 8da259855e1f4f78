import { tf } from '../tfjs';
import { topologyOf } from '../test_support';
import { seedTopology } from './seeded_topology';

function seedsOf(topology: ReturnType<typeof topologyOf>): unknown[] {
  return topology.config.layers.flatMap((l) =>
    Object.entries(l.config)
      .filter(([k]) => k.endsWith('_initializer'))
      .map(([, v]) => (v as { config: { seed?: unknown } }).config.seed),
  );
}

describe('seedTopology', () => {
  const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [4], units: 3 }), tf.layers.activation({ activation: 'relu' }), tf.layers.dense({ units: 2 })] });

  it('gives every initializer a seed that depends only on the run seed', () => {
    const a = seedsOf(seedTopology(topologyOf(model), 1));
    const b = seedsOf(seedTopology(topologyOf(model), 1));
    const c = seedsOf(seedTopology(topologyOf(model), 2));
    // Glorot kernel; the Zeros bias has no seed field to set.
    expect(a.filter((s) => typeof s === 'number')).toHaveLength(2);
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
  });

  it('seeds a network the same whether its activations are separate layers or not', () => {
    const fused = tf.sequential({ layers: [tf.layers.dense({ inputShape: [4], units: 3, activation: 'relu' }), tf.layers.dense({ units: 2 })] });
    expect(seedsOf(seedTopology(topologyOf(model), 7))).toEqual(seedsOf(seedTopology(topologyOf(fused), 7)));
  });
});
