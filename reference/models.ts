// A reference as a tfjs LayersModel, weights and all (for training, or to use in a notebook):
// built from its topology, the one description of each architecture.

import type { LayersModel } from '@tensorflow/tfjs';
import { tf } from '../harness/tfjs';
import { REFERENCES } from './index';
import type { ReferenceOptions } from './options';

export async function buildReference(name: string, options: ReferenceOptions = {}): Promise<LayersModel> {
  const reference = REFERENCES[name];
  if (!reference) throw new Error(`no reference named "${name}"`);
  return tf.models.modelFromJSON({ modelTopology: reference.topology(options) as unknown as tf.io.ModelJSON['modelTopology'] });
}
