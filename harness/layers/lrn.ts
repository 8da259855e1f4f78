// Local Response Normalization as a layer: tfjs has the op (tf.localResponseNormalization),
// not the layer. AlexNet and VGG's A-LRN use it, and students may too:
//   import { LRN } from 'cnn-grade/layers';
// Registered for serialization, so a model using it round-trips through topology JSON.
// Imports tfjs-core and tfjs-layers (not the tfjs package) so that it works inside the
// sandbox, whose runtime carries only those.

import * as tfc from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';

export interface LRNArgs {
  /** Half-width of the window across channels; AlexNet's n = 5 is a radius of 2. */
  depthRadius?: number;
  /** k in (k + alpha * sum of squares)^beta. */
  bias?: number;
  alpha?: number;
  beta?: number;
  name?: string;
  inputShape?: number[];
}

export class LRN extends tfl.layers.Layer {
  static className = 'LRN';
  readonly depthRadius: number;
  readonly bias: number;
  readonly alpha: number;
  readonly beta: number;

  constructor(args: LRNArgs = {}) {
    super(args);
    // AlexNet's values (Krizhevsky et al. 2012, section 3.3): n = 5, k = 2, alpha = 1e-4, beta = 0.75.
    this.depthRadius = args.depthRadius ?? 2;
    this.bias = args.bias ?? 2;
    this.alpha = args.alpha ?? 1e-4;
    this.beta = args.beta ?? 0.75;
  }

  override call(inputs: tfc.Tensor | tfc.Tensor[]): tfc.Tensor {
    return tfc.tidy(() => {
      const x = (Array.isArray(inputs) ? inputs[0] : inputs) as tfc.Tensor4D;
      return tfc.localResponseNormalization(x, this.depthRadius, this.bias, this.alpha, this.beta);
    });
  }

  override computeOutputShape(inputShape: tfl.Shape | tfl.Shape[]): tfl.Shape | tfl.Shape[] {
    return inputShape;
  }

  override getConfig(): tfc.serialization.ConfigDict {
    return { ...super.getConfig(), depthRadius: this.depthRadius, bias: this.bias, alpha: this.alpha, beta: this.beta };
  }
}

tfc.serialization.registerClass(LRN);
