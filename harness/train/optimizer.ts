// The optimizer step of the training loop. tf.train.adam dispatches about a dozen kernels per
// variable per step; on wasm the harness's fused Adam kernel does the same update in one.
// Both follow the same formula (tf.train.adam's), so results agree to float rounding.

import type { TrainSettings } from '../rubric/schema';
import { tf } from '../tfjs';
import { ADAM_STEP_KERNEL } from './kernels/kernel_names';

const BETA1 = 0.9;
const BETA2 = 0.999;
/** tfjs' default epsilon for float32 backends. */
const EPSILON = 1e-7;

export interface TrainingOptimizer {
  /**
   * One step: gradients of `loss` with respect to the variables, shown to `inspect` (inside
   * the caller's tidy), then applied. Returns the loss.
   */
  minimize(loss: () => tf.Scalar, inspect?: (grads: tf.NamedTensorMap) => void): tf.Scalar;
  dispose(): void;
}

class TfjsOptimizer implements TrainingOptimizer {
  constructor(
    private readonly optimizer: tf.Optimizer,
    private readonly variables: tf.Variable[],
  ) {}

  minimize(loss: () => tf.Scalar, inspect?: (grads: tf.NamedTensorMap) => void): tf.Scalar {
    const { value, grads } = tf.variableGrads(loss, this.variables);
    inspect?.(grads);
    this.optimizer.applyGradients(grads);
    return value;
  }

  dispose(): void {
    this.optimizer.dispose();
  }
}

class FusedAdam implements TrainingOptimizer {
  private readonly moments: { m: tf.Tensor; v: tf.Tensor }[];
  private step = 0;

  constructor(
    private readonly learningRate: number,
    private readonly variables: tf.Variable[],
  ) {
    this.moments = variables.map((v) => ({ m: tf.zerosLike(v), v: tf.zerosLike(v) }));
  }

  minimize(loss: () => tf.Scalar, inspect?: (grads: tf.NamedTensorMap) => void): tf.Scalar {
    this.step++;
    const attrs = { lr: this.learningRate, beta1: BETA1, beta2: BETA2, epsilon: EPSILON, c1: 1 / (1 - BETA1 ** this.step), c2: 1 / (1 - BETA2 ** this.step) };
    const { value, grads } = tf.variableGrads(loss, this.variables);
    inspect?.(grads);
    this.variables.forEach((variable, i) => {
      const state = this.moments[i];
      const [w, m, v] = tf.engine().runKernel(ADAM_STEP_KERNEL, { w: variable, g: grads[variable.name], m: state.m, v: state.v }, attrs) as tf.Tensor[];
      variable.assign(w);
      w.dispose();
      state.m.dispose();
      state.v.dispose();
      state.m = tf.keep(m);
      state.v = tf.keep(v);
    });
    for (const g of Object.values(grads)) g.dispose();
    return value;
  }

  dispose(): void {
    for (const s of this.moments) {
      s.m.dispose();
      s.v.dispose();
    }
  }
}

export function makeOptimizer(settings: Pick<TrainSettings, 'optimizer' | 'learningRate'>, variables: tf.Variable[]): TrainingOptimizer {
  if (settings.optimizer === 'adam' && tf.getBackend() === 'wasm') return new FusedAdam(settings.learningRate, variables);
  const optimizer = settings.optimizer === 'adam' ? tf.train.adam(settings.learningRate, BETA1, BETA2, EPSILON) : tf.train.sgd(settings.learningRate);
  return new TfjsOptimizer(optimizer, variables);
}
