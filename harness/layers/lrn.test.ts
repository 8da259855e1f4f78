import { tf } from '../tfjs';
import { LRN } from './lrn';

describe('LRN layer', () => {
  it('computes tf.localResponseNormalization with its settings', () => {
    const x = tf.randomNormal([2, 4, 4, 7], 0, 1, 'float32', 3);
    const layer = new LRN({ depthRadius: 1, bias: 1, alpha: 0.5, beta: 0.5 });
    const y = layer.apply(x) as tf.Tensor;
    const expected = tf.localResponseNormalization(x as tf.Tensor4D, 1, 1, 0.5, 0.5);
    expect(Array.from(y.dataSync())).toEqual(Array.from(expected.dataSync()));
  });

  it('round-trips through topology JSON with its settings', async () => {
    const model = tf.sequential({ layers: [tf.layers.conv2d({ inputShape: [8, 8, 3], filters: 6, kernelSize: 3 }), new LRN({ depthRadius: 3, alpha: 0.001 }), tf.layers.flatten(), tf.layers.dense({ units: 2 })] });
    const json = model.toJSON(null, false) as { config: { layers: Array<{ class_name: string; config: Record<string, unknown> }> } };
    const lrn = json.config.layers[1];
    expect(lrn.class_name).toBe('LRN');
    expect(lrn.config).toMatchObject({ depth_radius: 3, bias: 2, alpha: 0.001, beta: 0.75 });
    const copy = await tf.models.modelFromJSON({ modelTopology: json as unknown as tf.io.ModelJSON['modelTopology'] });
    copy.setWeights(model.getWeights());
    const x = tf.randomNormal([1, 8, 8, 3], 0, 1, 'float32', 4);
    expect(Array.from((copy.predict(x) as tf.Tensor).dataSync())).toEqual(Array.from((model.predict(x) as tf.Tensor).dataSync()));
  });
});
