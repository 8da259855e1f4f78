// Conv2D layers as training rebuilds them, in a copy of the model's topology:
//
// - TrainingConv2D: tfjs runs a Conv2D under a gradient tape as three kernels (convolution,
//   bias add, activation) and its gradient as five or more, each a pass over the whole
//   activation. This class runs the forward pass as one fused kernel (bias and relu inside
//   the convolution; tanh by the harness's kernel right after) and its gradient as the
//   activation's gradient from the output, then the two convolution gradients and a sum.
// - InputConv2D, for a Conv2D that reads the model's input: the same, without the input
//   gradient nobody needs (on MNIST's first layer, most of a step's convolution time).
// - DilatedConv2D: tfjs has no gradient at all for dilated convolutions ("not yet supported").
//   This class convolves with the filter spread out: each tap followed by rate - 1 zero taps,
//   the same products plus products with zero. The spreading is made of pad, reshape and
//   slice, whose gradients tfjs has, so the filter's gradient comes back through it.

import type { CanonicalLayer, CanonicalTopology } from '../model/canonical_topology';
import { tf } from '../tfjs';
import { activationGradient, type FusedActivation } from './activation_gradient';

// tfjs-layers does not export its Conv2D class; its instances know it.
const Conv2D = Object.getPrototypeOf(tf.layers.conv2d({ filters: 1, kernelSize: 1 })).constructor as new (args: object) => tf.layers.Layer;

/** The fields of tfjs' Conv2D these classes read; internal to tfjs-layers 4.22 (pinned). */
interface Conv2DState {
  kernel: { read(): tf.Tensor4D };
  bias: { read(): tf.Tensor1D } | null;
  strides: [number, number];
  padding: 'valid' | 'same';
  dilationRate: [number, number];
  activation: { apply(x: tf.Tensor): tf.Tensor; getClassName(): string };
}

/** tfjs-layers' activation class names (getClassName()) of the activations fused here. */
const FUSED: Record<string, FusedActivation> = { linear: 'linear', relu: 'relu', tanh: 'tanh' };

class TrainingConv2D extends Conv2D {
  static className = 'CnnGradeConv2D';
  /** Whether the layer reads the model's input: data, whose gradient nobody wants. */
  protected readsData = false;

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const self = this as unknown as Conv2DState;
      const x = (Array.isArray(inputs) ? inputs[0] : inputs) as tf.Tensor4D;
      const { strides, padding } = self;
      const kernel = self.kernel.read();
      const bias = self.bias?.read() ?? tf.zeros([kernel.shape[3]]);
      // Other activations (sigmoid, softmax, ...) are applied after, with tfjs' own gradient.
      const fused = FUSED[self.activation.getClassName()];
      const activation = fused ?? 'linear';
      const forward = (input: tf.Tensor, filter: tf.Tensor, b: tf.Tensor): tf.Tensor => {
        // The kernel itself: the fused op would split into three kernels under a gradient tape.
        const attrs = { strides, pad: padding, dataFormat: 'NHWC', dilations: 1, activation: activation === 'relu' ? 'relu' : 'linear' };
        const z = tf.engine().runKernel('FusedConv2D', { x: input, filter, bias: b }, attrs) as tf.Tensor;
        return activation === 'tanh' ? tf.tanh(z) : z;
      };
      const filterGradient = (input: tf.Tensor, dz: tf.Tensor, filter: tf.Tensor) =>
        tf.engine().runKernel('Conv2DBackpropFilter', { x: input, dy: dz }, { strides, pad: padding, dataFormat: 'NHWC', filterShape: filter.shape }) as tf.Tensor;
      let y: tf.Tensor;
      if (this.readsData) {
        // x is captured, not an input of the custom gradient, so nothing asks for its gradient.
        y = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
          const [filter, b, save] = args as [tf.Tensor4D, tf.Tensor1D, tf.GradSaveFunc];
          const out = forward(x, filter, b);
          save([out]);
          return {
            value: out,
            gradFunc: (dy: tf.Tensor, [saved]: tf.Tensor[]) => {
              const dz = activationGradient(activation, dy, saved);
              return [filterGradient(x, dz, filter), tf.sum(dz, [0, 1, 2])];
            },
          };
        })(kernel, bias);
      } else {
        y = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
          const [input, filter, b, save] = args as [tf.Tensor4D, tf.Tensor4D, tf.Tensor1D, tf.GradSaveFunc];
          const out = forward(input, filter, b);
          save([input, filter, out]);
          return {
            value: out,
            gradFunc: (dy: tf.Tensor, [savedInput, savedFilter, saved]: tf.Tensor[]) => {
              const dz = activationGradient(activation, dy, saved);
              const dx = tf.engine().runKernel('Conv2DBackpropInput', { dy: dz, filter: savedFilter }, { strides, pad: padding, dataFormat: 'NHWC', inputShape: savedInput.shape }) as tf.Tensor;
              return [dx, filterGradient(savedInput, dz, savedFilter), tf.sum(dz, [0, 1, 2])];
            },
          };
        })(x, kernel, bias);
      }
      return fused ? y : self.activation.apply(y);
    });
  }
}

class InputConv2D extends TrainingConv2D {
  static override className = 'CnnGradeInputConv2D';
  protected override readsData = true;
}

/** kernel[KH][KW][CI][CO] spread to [(KH-1)*rh+1][(KW-1)*rw+1][CI][CO], zeros between the taps. */
export function spreadFilter(kernel: tf.Tensor4D, [rh, rw]: [number, number]): tf.Tensor4D {
  const [kh, kw, ci, co] = kernel.shape;
  const spaced = tf.pad(tf.reshape(kernel, [kh, 1, kw, 1, ci, co]), [[0, 0], [0, rh - 1], [0, 0], [0, rw - 1], [0, 0], [0, 0]]);
  return tf.slice(tf.reshape(spaced, [kh * rh, kw * rw, ci, co]), [0, 0, 0, 0], [(kh - 1) * rh + 1, (kw - 1) * rw + 1, ci, co]) as tf.Tensor4D;
}

class DilatedConv2D extends Conv2D {
  static className = 'CnnGradeDilatedConv2D';

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const self = this as unknown as Conv2DState;
      const x = (Array.isArray(inputs) ? inputs[0] : inputs) as tf.Tensor4D;
      // "same" padding pads for the dilated extent, which is the spread filter's size.
      const filter = spreadFilter(self.kernel.read(), self.dilationRate);
      const y = tf.fused.conv2d({ x, filter, bias: self.bias?.read(), strides: self.strides, pad: self.padding });
      return self.activation.apply(y);
    });
  }
}

for (const layerClass of [TrainingConv2D, InputConv2D, DilatedConv2D]) {
  tf.serialization.registerClass(layerClass as unknown as tf.serialization.SerializableConstructor<tf.serialization.Serializable>);
}

// The canonical topology writes dilation_rate as a pair, and only channels_last (the kernels' layout).
const isDilated = (layer: CanonicalLayer) => (layer.config.dilation_rate as number[]).some((d) => d !== 1);

/** The layers that read the model's input directly. */
function inputReaders(topology: CanonicalTopology): Set<CanonicalLayer> {
  const layers = topology.config.layers;
  const inputs = new Set(layers.filter((l) => l.class_name === 'InputLayer').map((l) => l.name));
  return new Set(
    layers.filter((layer) => {
      const sources = layer.inbound_nodes.flat().map((ref) => ref[0]);
      return sources.length > 0 && sources.every((s) => inputs.has(s));
    }),
  );
}

/** A copy of the topology with its Conv2D layers rebuilt as training needs them (see above). */
export function markTrainingConvolutions(topology: CanonicalTopology): CanonicalTopology {
  const copy = JSON.parse(JSON.stringify(topology)) as CanonicalTopology;
  const readers = inputReaders(copy);
  for (const layer of copy.config.layers) {
    if (layer.class_name !== 'Conv2D') continue;
    if (isDilated(layer)) layer.class_name = DilatedConv2D.className;
    else layer.class_name = readers.has(layer) ? InputConv2D.className : TrainingConv2D.className;
  }
  return copy;
}
