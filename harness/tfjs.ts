// The harness's one entry to TensorFlow.js in the trusted process: core, layers and the
// pure-JS backend, with tfjs' console advice switched off (it would reach students' terminals).

import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import * as tfl from '@tensorflow/tfjs-layers';

tf.env().set('PROD', true);

export { tf, tfl };
