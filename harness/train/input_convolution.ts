// A Conv2D that reads the model's input needs no input gradient, but tfjs' fused convolution
// (what Conv2D uses) computes it anyway: on MNIST's first layer that is most of a training
// step's convolution time. For training, such layers are rebuilt as this class: the same
// fused forward pass, with a gradient for the filter and the bias only (the input is data).

import type { LayerJson, ModelTopology } from '../load/topology_format';
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
tf.serialization.registerClass(InputConv2D as unknown as tf.serialization.SerializableConstructor<tf.serialization.Serializable>);

/** tfjs has no filter gradient for dilated convolutions; those keep the stock layer. */
function isUndilatedConv2D(layer: LayerJson): boolean {
  return layer.class_name === 'Conv2D' && [layer.config.dilation_rate ?? 1].flat().every((d) => d === 1);
}

/** Marks the Conv2D layers that read the model's input (in a copy made for training). */
export function markInputConvolutions(topology: ModelTopology): ModelTopology {
  const copy = JSON.parse(JSON.stringify(topology)) as ModelTopology;
  const layers = copy.config.layers;
  if (copy.class_name === 'Sequential') {
    const first = layers.find((l) => l.class_name !== 'InputLayer');
    if (first && isUndilatedConv2D(first)) first.class_name = CLASS_NAME;
    return copy;
  }
  const inputs = new Set(layers.filter((l) => l.class_name === 'InputLayer').map((l) => l.name));
  for (const layer of layers) {
    const sources = (layer.inbound_nodes ?? []).flat().map((ref) => ref[0]);
    if (isUndilatedConv2D(layer) && sources.length > 0 && sources.every((s) => inputs.has(s))) layer.class_name = CLASS_NAME;
  }
  return copy;
}
