// The gradient through a relu or tanh, from the activation's output (what a fused layer
// keeps): one harness kernel on wasm, tfjs ops on other backends.

import { tf } from '../tfjs';
import { ACTIVATION_GRADIENT_KERNEL } from './kernels/kernel_names';

/** The activations a training convolution applies itself; others stay separate layers' work. */
export type FusedActivation = 'linear' | 'relu' | 'tanh';

export function activationGradient(activation: FusedActivation, dy: tf.Tensor, y: tf.Tensor): tf.Tensor {
  if (activation === 'linear') return dy;
  if (tf.getKernel(ACTIVATION_GRADIENT_KERNEL, tf.getBackend())) return tf.engine().runKernel(ACTIVATION_GRADIENT_KERNEL, { dy, y }, { activation }) as tf.Tensor;
  return activation === 'relu' ? tf.mul(dy, tf.step(y)) : tf.mul(dy, tf.sub(1, tf.square(y)));
}
