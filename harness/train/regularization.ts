// What a model's layers ask of training besides the data loss, done as Keras' fit does it:
//
// - Regularizer penalties (L1L2 on kernels and biases): added to the loss inside the gradient
//   computation, so they pull on the weights. tfjs' fit does the same, with the same function
//   (Container.calculateLosses(): each regularized weight's l1 * sum|w| + l2 * sum w^2).
// - Constraints (MaxNorm, NonNeg, UnitNorm, MinMaxNorm): each constrained weight projected back
//   after every update. Keras' optimizers do this; tfjs' fit does not (its optimizers assign the
//   variables directly, and only LayerVariable.write, which training never calls, applies a
//   constraint: tensorflow/tfjs#3345). A student who writes a constraint means it, so the
//   harness applies it.
//
// Activity regularizers never get here: tfjs refuses to build a layer that has one ("not
// supported yet"), so such a model fails to load or to train, with tfjs' reason.
//
// A model with neither gets nulls, and its training step runs exactly as before.

import { tf } from '../tfjs';

export interface Regularization {
  /** The loss plus the model's penalties; called inside the gradient computation. Null: no penalties. */
  penalize: ((loss: tf.Scalar) => tf.Scalar) | null;
  /** Projects every constrained weight back into its set; called after each update. Null: no constraints. */
  constrain: (() => void) | null;
}

export function regularizationOf(model: tf.LayersModel): Regularization {
  const penalized = model.layers.some((layer) => layer.losses.length > 0);
  const constrained = model.trainableWeights.filter((w) => w.constraint != null);
  return {
    penalize: penalized ? (loss) => tf.add(loss, tf.addN(model.calculateLosses())) : null,
    constrain:
      constrained.length > 0
        ? () =>
            tf.tidy(() => {
              for (const weight of constrained) {
                const variable = weight.read() as tf.Variable;
                variable.assign(weight.constraint.apply(variable));
              }
            })
        : null,
  };
}
