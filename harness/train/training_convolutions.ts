// Conv2D layers as training rebuilds them, in a copy of the model's topology:
//
// - A Conv2D that reads the model's input needs no input gradient, but tfjs' fused convolution
//   (what Conv2D uses) computes it anyway: on MNIST's first layer that is most of a training
//   step's convolution time. InputConv2D is the same fused forward pass, with a gradient for
//   the filter and the bias only (the input is data).
// - tfjs has no gradient at all for dilated convolutions ("not yet supported"). DilatedConv2D
//   convolves with the filter spread out: each tap followed by rate - 1 zero taps, the same
//   products plus products with zero. The spreading is made of pad, reshape and slice, whose
//   gradients tfjs has, so the filter's gradient comes back through it on every backend.

import type { LayerJson, ModelTopology } from '../load/topology_format';
import { tf } from '../tfjs';


// tfjs-layers does not export its Conv2D class; its instances know it.
const Conv2D = Object.getPrototypeOf(tf.layers.conv2d({ filters: 1, kernelSize: 1 })).constructor as new (args: object) => tf.layers.Layer;

/** The fields of tfjs' Conv2D this class reads; internal to tfjs-layers 4.22 (pinned). */
interface Conv2DState {
  kernel: { read(): tf.Tensor4D };
  bias: { read(): tf.Tensor1D } | null;
  strides: [number, number];
  padding: 'valid' | 'same';
  dilationRate: [number, number];
  activation: { apply(x: tf.Tensor): tf.Tensor };
}

class InputConv2D extends Conv2D {
  static className = 'CnnGradeInputConv2D';

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const self = this as unknown as Conv2DState;
      const x = (Array.isArray(inputs) ? inputs[0] : inputs) as tf.Tensor4D;
      const { strides, padding, dilationRate } = self;
      const kernel = self.kernel.read();
      const bias = self.bias?.read() ?? tf.zeros([kernel.shape[3]]);
      // x is captured, not an input of the custom gradient, so nothing asks for its gradient.
      const convolve = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
        const [filter, b] = args as [tf.Tensor4D, tf.Tensor1D];
        return {
          value: tf.fused.conv2d({ x, filter, bias: b, strides, pad: padding, dilations: dilationRate }),
          gradFunc: (dy: tf.Tensor) => [
            tf.engine().runKernel('Conv2DBackpropFilter', { x, dy }, { strides, pad: padding, dataFormat: 'NHWC', filterShape: filter.shape }) as tf.Tensor,
            tf.sum(dy, [0, 1, 2]),
          ],
        };
      });
      return self.activation.apply(convolve(kernel, bias) as tf.Tensor);
    });
  }
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

for (const layerClass of [InputConv2D, DilatedConv2D]) {
  tf.serialization.registerClass(layerClass as unknown as tf.serialization.SerializableConstructor<tf.serialization.Serializable>);
}

const isDilated = (layer: LayerJson) => [layer.config.dilation_rate ?? 1].flat().some((d) => d !== 1);

/** The layers that read the model's input directly. */
function inputReaders(topology: ModelTopology): Set<LayerJson> {
  const layers = topology.config.layers;
  if (topology.class_name === 'Sequential') return new Set(layers.filter((l) => l.class_name !== 'InputLayer').slice(0, 1));
  const inputs = new Set(layers.filter((l) => l.class_name === 'InputLayer').map((l) => l.name));
  return new Set(
    layers.filter((layer) => {
      const sources = (layer.inbound_nodes ?? []).flat().map((ref) => ref[0]);
      return sources.length > 0 && sources.every((s) => inputs.has(s));
    }),
  );
}

/** A copy of the topology with its Conv2D layers rebuilt as training needs them (see above). */
export function markTrainingConvolutions(topology: ModelTopology): ModelTopology {
  const copy = JSON.parse(JSON.stringify(topology)) as ModelTopology;
  const readers = inputReaders(copy);
  for (const layer of copy.config.layers) {
    if (layer.class_name !== 'Conv2D') continue;
    if (isDilated(layer)) layer.class_name = DilatedConv2D.className;
    else if (readers.has(layer)) layer.class_name = InputConv2D.className;
  }
  return copy;
}
