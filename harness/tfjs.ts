// The harness's one entry to TensorFlow.js in the trusted process. The @tensorflow/tfjs
// package (not tfjs-core alone) because its CommonJS build is what registers the gradients
// and the chained tensor methods. tfjs' console advice is switched off: it would reach
// students' terminals.

import * as tf from '@tensorflow/tfjs';

tf.env().set('PROD', true);

// The harness's own layers, registered so that topologies using them deserialise.
import './layers';

export { tf };
