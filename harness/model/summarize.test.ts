import { tf } from '../tfjs';
import { lenet5Topology } from '../../reference/lenet5';
import { topologyOf } from '../test_support';
import { canonicalTopology } from './canonical_topology';
import { summarize } from './summarize';

describe('summarize', () => {
  it('counts LeNet-5 layer by layer as the paper does (61,706 in all)', () => {
    const summary = summarize(lenet5Topology());
    const table = summary.layers.map((l) => [l.name, l.outputShape, l.params]);
    // Hand calculation: C1 5*5*1*6+6, C3 5*5*6*16+16, C5 400*120+120, F6 120*84+84, out 84*10+10.
    expect(table).toEqual([
      ['input', [null, 28, 28, 1], 0],
      ['c1', [null, 28, 28, 6], 156],
      ['s2', [null, 14, 14, 6], 0],
      ['c3', [null, 10, 10, 16], 2416],
      ['s4', [null, 5, 5, 16], 0],
      ['flatten', [null, 400], 0],
      ['c5', [null, 120], 48120],
      ['f6', [null, 84], 10164],
      ['output', [null, 10], 850],
    ]);
    expect(summary.totalParams).toBe(61706);
    expect(summary.trainableParams).toBe(61706);
    expect(summary.outputShape).toEqual([null, 10]);
  });

  it('reads a functional model with a branch and a merge', () => {
    const input = tf.input({ shape: [8, 8, 3] });
    const a = tf.layers.conv2d({ filters: 4, kernelSize: 1, name: 'a' }).apply(input) as ReturnType<typeof tf.input>;
    const b = tf.layers.conv2d({ filters: 4, kernelSize: 3, padding: 'same', name: 'b' }).apply(input) as ReturnType<typeof tf.input>;
    const cat = tf.layers.concatenate({ name: 'cat' }).apply([a, b]) as ReturnType<typeof tf.input>;
    const bn = tf.layers.batchNormalization({ name: 'bn' }).apply(cat) as ReturnType<typeof tf.input>;
    const pool = tf.layers.globalAveragePooling2d({ name: 'gap' }).apply(bn) as ReturnType<typeof tf.input>;
    const model = tf.model({ inputs: input, outputs: pool });
    const summary = summarize(topologyOf(model));
    const byName = Object.fromEntries(summary.layers.map((l) => [l.name, l]));
    expect(byName.a.params).toBe(1 * 1 * 3 * 4 + 4); // 16
    expect(byName.b.params).toBe(3 * 3 * 3 * 4 + 4); // 112
    expect(byName.cat.outputShape).toEqual([null, 8, 8, 8]);
    // 8 channels: gamma and beta trainable, moving mean and variance not.
    expect(byName.bn.params).toBe(32);
    expect(byName.bn.trainableParams).toBe(16);
    expect(summary.totalParams).toBe(16 + 112 + 32);
    expect(summary.nonTrainableParams).toBe(16);
    expect(summary.outputShape).toEqual([null, 8]);
  });

  it('computes valid and same output sizes with strides as Keras does', () => {
    const model = tf.sequential({
      layers: [
        tf.layers.conv2d({ inputShape: [227, 227, 3], filters: 96, kernelSize: 11, strides: 4, name: 'conv1' }),
        tf.layers.maxPooling2d({ poolSize: 3, strides: 2, name: 'pool1' }),
        tf.layers.conv2d({ filters: 8, kernelSize: 3, strides: 2, padding: 'same', name: 'conv2' }),
      ],
    });
    const shapes = summarize(topologyOf(model)).layers.map((l) => l.outputShape);
    // AlexNet: (227-11)/4+1 = 55; pool (55-3)/2+1 = 27; same with stride 2: ceil(27/2) = 14.
    expect(shapes.slice(1)).toEqual([[null, 55, 55, 96], [null, 27, 27, 96], [null, 14, 14, 8]]);
  });

  it('rejects an unsupported layer class by name', () => {
    const topology = {
      class_name: 'Sequential' as const,
      config: { layers: [{ class_name: 'SimpleRNN', config: { name: 'rnn', units: 3, batch_input_shape: [null, 4, 4] } }] },
    };
    expect(() => canonicalTopology(topology)).toThrow(/"rnn" is a SimpleRNN: a class the harness does not support/);
  });

  it('rejects absurd sizes in hostile topologies', () => {
    const topology = {
      class_name: 'Sequential' as const,
      config: { layers: [{ class_name: 'Dense', config: { name: 'big', units: -3, batch_input_shape: [null, 4] } }] },
    };
    expect(() => canonicalTopology(topology)).toThrow(/layer "big": units is -3, expected a whole number/);
  });
});
