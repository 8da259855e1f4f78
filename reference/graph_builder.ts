// Writes a reference architecture as topology JSON (the Keras format tfjs reads) without
// creating a single weight: VGG-19's weights alone are 575 MB, and the harness summarises and
// compares references from their topology; only training builds a model (and its weights).
// The layer helpers take the arguments of tfjs' layers API; settings left out take the
// defaults canonicalTopology writes, which are tfjs' own.

import type { LayerJson, ModelTopology } from '../harness/load/topology_format';
import { canonicalTopology, type CanonicalTopology } from '../harness/model/canonical_topology';

/** A symbolic tensor: the output of the named layer. */
export interface Sym {
  readonly layer: string;
}

type Pair = number | [number, number];
type Padding = 'valid' | 'same';

const pair = (v: Pair): [number, number] => (typeof v === 'number' ? [v, v] : v);

export class GraphBuilder {
  private readonly layers: (LayerJson & { name: string })[] = [];
  private readonly used = new Map<string, number>();
  private inputName: string | undefined;

  constructor(readonly modelName: string) {}

  private uniqueName(base: string): string {
    const n = (this.used.get(base) ?? 0) + 1;
    this.used.set(base, n);
    return n === 1 ? base : `${base}_${n}`;
  }

  input(shape: number[], name = 'input'): Sym {
    this.inputName = this.uniqueName(name);
    this.layers.push({ name: this.inputName, class_name: 'InputLayer', config: { name: this.inputName, batch_input_shape: [null, ...shape], dtype: 'float32', sparse: false }, inbound_nodes: [] });
    return { layer: this.inputName };
  }

  /** Adds a layer of `className` reading `inputs`; `name` defaults to the class in snake case. */
  layer(className: string, config: Record<string, unknown>, inputs: Sym | Sym[], name?: string): Sym {
    const layerName = this.uniqueName(name ?? className.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase());
    const sources = Array.isArray(inputs) ? inputs : [inputs];
    this.layers.push({
      name: layerName,
      class_name: className,
      config: { name: layerName, trainable: true, ...config },
      inbound_nodes: [sources.map((s): [string, number, number, Record<string, never>] => [s.layer, 0, 0, {}])],
    });
    return { layer: layerName };
  }

  /** The model from the input to `output` (and any `extraOutputs`, e.g. auxiliary heads). */
  topology(output: Sym, extraOutputs: Sym[] = []): CanonicalTopology {
    if (!this.inputName) throw new Error(`${this.modelName}: no input`);
    // Through the same parser as a student's model: the reference is compared and trained in one form.
    return canonicalTopology({
      class_name: 'Model',
      config: {
        name: this.modelName,
        layers: this.layers as ModelTopology['config']['layers'],
        input_layers: [[this.inputName, 0, 0]],
        output_layers: [output, ...extraOutputs].map((o) => [o.layer, 0, 0]),
      },
    } as ModelTopology);
  }

  // The layers of the lecture's architectures, with tfjs' argument names.

  conv2d(x: Sym, a: { filters: number; kernelSize: Pair; strides?: Pair; padding?: Padding; activation?: string; useBias?: boolean; name?: string }): Sym {
    const useBias = a.useBias ?? true;
    return this.layer(
      'Conv2D',
      {
        filters: a.filters,
        kernel_size: pair(a.kernelSize),
        strides: pair(a.strides ?? 1),
        padding: a.padding ?? 'valid',
        activation: a.activation ?? 'linear',
        use_bias: useBias,
      },
      x,
      a.name,
    );
  }

  dense(x: Sym, a: { units: number; activation?: string; name?: string }): Sym {
    return this.layer('Dense', { units: a.units, activation: a.activation ?? 'linear' }, x, a.name);
  }

  maxPooling2d(x: Sym, a: { poolSize: Pair; strides?: Pair; padding?: Padding; name?: string }): Sym {
    return this.layer('MaxPooling2D', { pool_size: pair(a.poolSize), strides: pair(a.strides ?? a.poolSize), padding: a.padding ?? 'valid', data_format: 'channels_last' }, x, a.name);
  }

  averagePooling2d(x: Sym, a: { poolSize: Pair; strides?: Pair; padding?: Padding; name?: string }): Sym {
    return this.layer('AveragePooling2D', { pool_size: pair(a.poolSize), strides: pair(a.strides ?? a.poolSize), padding: a.padding ?? 'valid', data_format: 'channels_last' }, x, a.name);
  }

  globalAveragePooling2d(x: Sym, name?: string): Sym {
    return this.layer('GlobalAveragePooling2D', { data_format: 'channels_last' }, x, name);
  }

  batchNormalization(x: Sym, a: { epsilon?: number; scale?: boolean; name?: string } = {}): Sym {
    return this.layer('BatchNormalization', { epsilon: a.epsilon ?? 0.001, scale: a.scale ?? true }, x, a.name);
  }

  activation(x: Sym, activation: string, name?: string): Sym {
    return this.layer('Activation', { activation }, x, name);
  }

  lrn(x: Sym, a: { depthRadius?: number; bias?: number; alpha?: number; beta?: number; name?: string } = {}): Sym {
    // AlexNet's values (Krizhevsky et al. 2012, section 3.3): n = 5 (radius 2), k = 2, alpha = 1e-4, beta = 0.75.
    return this.layer('LRN', { depth_radius: a.depthRadius ?? 2, bias: a.bias ?? 2, alpha: a.alpha ?? 1e-4, beta: a.beta ?? 0.75 }, x, a.name);
  }

  zeroPadding2d(x: Sym, padding: number, name?: string): Sym {
    return this.layer('ZeroPadding2D', { padding: [[padding, padding], [padding, padding]], data_format: 'channels_last' }, x, name);
  }

  flatten(x: Sym, name?: string): Sym {
    return this.layer('Flatten', {}, x, name);
  }

  dropout(x: Sym, rate: number, name?: string): Sym {
    return this.layer('Dropout', { rate }, x, name);
  }

  concatenate(xs: Sym[], name?: string): Sym {
    return this.layer('Concatenate', { axis: -1 }, xs, name);
  }

  add(xs: Sym[], name?: string): Sym {
    return this.layer('Add', {}, xs, name);
  }
}
