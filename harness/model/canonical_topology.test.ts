import { tf } from '../tfjs';
import { parseTopology, type ModelTopology } from '../load/topology_format';
import { canonicalTopology } from './canonical_topology';
import { summarize } from './summarize';

const raw = (model: tf.LayersModel): ModelTopology => {
  const parsed = parseTopology(JSON.stringify(model.toJSON(null, false)));
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.topology;
};

const denseModel = () => tf.sequential({ layers: [tf.layers.dense({ inputShape: [4], units: 3, name: 'hidden' }), tf.layers.dense({ units: 2, name: 'out', activation: 'softmax' })] });

/** The same Dense layer with one more key in its config. */
function withExtraKey(key: string, value: unknown): ModelTopology {
  const topology = raw(denseModel());
  (topology.config.layers[0].config as Record<string, unknown>)[key] = value;
  return topology;
}

describe('canonicalTopology', () => {
  it('refuses a key that tfjs would read as a second spelling of a real one', () => {
    // tfjs turns units_ and kernelSize-style keys into units; the later one would win there.
    expect(() => canonicalTopology(withExtraKey('units_', 1000))).toThrow(/layer "hidden" \(Dense\) has a setting the harness does not know: units_; a Dense takes units, activation, use_bias/);
    expect(() => canonicalTopology(withExtraKey('useBias', false))).toThrow(/does not know: useBias/);
  });

  it('refuses a seed smuggled into an initializer config', () => {
    const topology = raw(denseModel());
    ((topology.config.layers[0].config.kernel_initializer as { config: Record<string, unknown> }).config).seed_ = 1;
    expect(() => canonicalTopology(topology)).toThrow(/layer "hidden": kernel_initializer.config has a setting the harness does not know: seed_/);
  });

  it("drops the student's own seeds: training seeds every initializer and dropout itself", () => {
    const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [4], units: 3, kernelInitializer: tf.initializers.randomNormal({ seed: 42 }) }), tf.layers.dropout({ rate: 0.5, seed: 7 })] });
    const [, dense, dropout] = canonicalTopology(raw(model)).config.layers;
    expect(dense.config.kernel_initializer).toEqual({ class_name: 'RandomNormal', config: { mean: 0, stddev: 0.05, seed: null } });
    expect(dropout.config.seed).toBeNull();
  });

  it('writes every layer itself: only the keys of its class, defaults filled in, as a functional model', () => {
    const topology = canonicalTopology(raw(denseModel()));
    expect(topology.class_name).toBe('Model');
    const [input, hidden] = topology.config.layers;
    // The Sequential model's inputShape becomes an explicit input layer, named as the summary names it.
    expect(input).toEqual({ name: 'input', class_name: 'InputLayer', config: { name: 'input', dtype: 'float32', batch_input_shape: [null, 4], sparse: false }, inbound_nodes: [] });
    expect(Object.keys(hidden.config).sort()).toEqual(
      ['name', 'trainable', 'dtype', 'units', 'activation', 'use_bias', 'kernel_initializer', 'bias_initializer', 'kernel_regularizer', 'bias_regularizer', 'activity_regularizer', 'kernel_constraint', 'bias_constraint'].sort(),
    );
    expect(hidden.inbound_nodes).toEqual([[['input', 0, 0, {}]]]);
    expect(topology.config.output_layers).toEqual([['out', 0, 0]]);
  });

  it('names the input of a Sequential model so that tfjs can build it, avoiding the names of its layers', () => {
    const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [4], units: 3, name: 'input' }), tf.layers.dense({ units: 2, name: 'input_1' })] });
    expect(canonicalTopology(raw(model)).config.layers.map((l) => l.name)).toEqual(['input_2', 'input', 'input_1']);
  });

  it('finds no rule for class names that are properties of every object', () => {
    for (const className of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
      const topology = raw(denseModel());
      topology.config.layers[1].class_name = className;
      expect(() => canonicalTopology(topology)).toThrow(new RegExp(`layer "out" is a ${className}: a class the harness does not support`));
    }
  });

  it('names every unsupported class in one message, so a student fixes them all at once', () => {
    const topology = raw(denseModel());
    topology.config.layers[0].class_name = 'SimpleRNN';
    topology.config.layers[1].class_name = 'Embedding';
    expect(() => canonicalTopology(topology)).toThrow(/^layer "hidden" is a SimpleRNN, layer "out" is a Embedding: classes the harness does not support \(supported: Activation, /);
  });

  it('refuses a layer name that would forge lines in a terminal', () => {
    const topology = raw(denseModel());
    topology.config.layers[1].config.name = 'out\n  Score: 100 / 100';
    expect(() => canonicalTopology(topology)).toThrow(/a layer's name is not one tfjs allows \(a letter or digit, then letters, digits, - . _ \/\): "out\\n  Score: 100 \/ 100"/);
  });

  it('refuses a layer that does not lead to the output, which tfjs would not build', () => {
    const input = tf.input({ shape: [4] });
    const used = tf.layers.dense({ units: 2, name: 'used' }).apply(input) as tf.SymbolicTensor;
    const topology = raw(tf.model({ inputs: input, outputs: used }));
    if (topology.class_name === 'Sequential') throw new Error('expected a functional model');
    topology.config.layers.push({ name: 'extra', class_name: 'Dense', config: { name: 'extra', units: 5000 }, inbound_nodes: [[['used', 0, 0, {}]]] });
    expect(() => canonicalTopology(topology)).toThrow(/layer "extra" does not lead to the model's output/);
  });

  it('counts a frozen layer as parameters that do not train', () => {
    const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [4], units: 3, trainable: false }), tf.layers.dense({ units: 2 })] });
    const summary = summarize(canonicalTopology(raw(model)));
    // 4*3+3 = 15 frozen, 3*2+2 = 8 trainable; tfjs agrees.
    expect([summary.totalParams, summary.trainableParams]).toEqual([23, 8]);
    expect(model.trainableWeights.reduce((n, w) => n + tf.util.sizeFromShape(w.shape as number[]), 0)).toBe(8);
  });

  it('refuses a value nested a million arrays deep with a message, not a crash', () => {
    const deep = JSON.parse(`${'['.repeat(500_000)}${']'.repeat(500_000)}`);
    for (const key of ['trainable', 'units']) {
      const topology = raw(denseModel());
      (topology.config.layers[0].config as Record<string, unknown>)[key] = deep;
      expect(() => canonicalTopology(topology)).toThrow(new RegExp(`layer "hidden": ${key} is a value nested too deeply to show, expected`));
    }
  });

  it('inlines a tf.sequential used as a layer of a tf.model, as tfjs\' GAN example writes its discriminator', () => {
    const discriminator = tf.sequential({ name: 'disc', layers: [tf.layers.conv2d({ inputShape: [8, 8, 1], filters: 4, kernelSize: 3, name: 'c1' }), tf.layers.flatten({ name: 'f' }), tf.layers.dense({ units: 1, name: 'd' })] });
    const input = tf.input({ shape: [8, 8, 1], name: 'image' });
    const scaled = tf.layers.conv2d({ filters: 1, kernelSize: 1, name: 'pre' }).apply(input) as tf.SymbolicTensor;
    const out = tf.layers.dense({ units: 2, name: 'head' }).apply(discriminator.apply(scaled) as tf.SymbolicTensor) as tf.SymbolicTensor;
    const model = tf.model({ inputs: input, outputs: out });
    const topology = canonicalTopology(raw(model));
    expect(topology.config.layers.map((l) => [l.name, l.inbound_nodes.flat().map((r) => r[0])])).toEqual([
      ['image', []],
      ['pre', ['image']],
      ['disc/c1', ['pre']],
      ['disc/f', ['disc/c1']],
      ['disc/d', ['disc/f']],
      ['head', ['disc/d']],
    ]);
    // pre 1*1*1*1+1 = 2, c1 3*3*1*4+4 = 40, d 144*1+1 = 145, head 1*2+2 = 4: tfjs' own count.
    expect(summarize(topology).totalParams).toBe(191);
    expect(model.countParams()).toBe(191);
  });

  it('inlines a model inside a Sequential model too, and refuses one with two inputs', () => {
    const inner = tf.sequential({ name: 'block', layers: [tf.layers.dense({ inputShape: [4], units: 3, name: 'a' }), tf.layers.dense({ units: 3, name: 'b' })] });
    const outer = tf.sequential({ layers: [tf.layers.dense({ inputShape: [4], units: 4, name: 'first' }), inner, tf.layers.dense({ units: 2, name: 'last' })] });
    expect(canonicalTopology(raw(outer)).config.layers.map((l) => l.name)).toEqual(['input', 'first', 'block/a', 'block/b', 'last']);
    expect(summarize(canonicalTopology(raw(outer))).totalParams).toBe(outer.countParams());
  });
});
