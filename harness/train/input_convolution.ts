// A Conv2D that reads the model's input needs no input gradient, but tfjs' fused convolution
// (what Conv2D uses) computes it anyway: on MNIST's first layer that is most of a training
// step's convolution time. For training, such layers are rebuilt as this class, which computes
// the same function with separate conv2d, bias and activation ops, whose gradients tfjs only
// evaluates for inputs that lead back to a variable.

import type { ModelTopology } from '../load/topology_format';
import { tf } from '../tfjs';

const CLASS_NAME = 'CnnGradeInputConv2D';

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
  static className = CLASS_NAME;

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const self = this as unknown as Conv2DState;
      const x = (Array.isArray(inputs) ? inputs[0] : inputs) as tf.Tensor4D;
      let y: tf.Tensor = tf.conv2d(x, self.kernel.read(), self.strides, self.padding, 'NHWC', self.dilationRate);
      if (self.bias) y = tf.add(y, self.bias.read());
      return self.activation.apply(y);
    });
  }
}
tf.serialization.registerClass(InputConv2D as unknown as tf.serialization.SerializableConstructor<tf.serialization.Serializable>);

/** Marks the Conv2D layers that read the model's input (in a copy made for training). */
export function markInputConvolutions(topology: ModelTopology): ModelTopology {
  const copy = structuredClone(topology);
  const layers = copy.config.layers;
  if (copy.class_name === 'Sequential') {
    const first = layers.find((l) => l.class_name !== 'InputLayer');
    if (first?.class_name === 'Conv2D') first.class_name = CLASS_NAME;
    return copy;
  }
  const inputs = new Set(layers.filter((l) => l.class_name === 'InputLayer').map((l) => l.name));
  for (const layer of layers) {
    const sources = (layer.inbound_nodes ?? []).flat().map((ref) => ref[0]);
    if (layer.class_name === 'Conv2D' && sources.length > 0 && sources.every((s) => inputs.has(s))) layer.class_name = CLASS_NAME;
  }
  return copy;
}
