import { tf } from './harness/tfjs';
import { useBackend } from './harness/train/backends';
import { buildLeNet5 } from './reference/lenet5';
(async () => {
  await useBackend('wasm');
  const { topologyOf } = require('./harness/test_support'); const { markInputConvolutions } = require('./harness/train/input_convolution');
  const model = await tf.models.modelFromJSON({ modelTopology: markInputConvolutions(topologyOf(buildLeNet5())) as any });
  const { makeOptimizer } = require('./harness/train/optimizer');
  const vars = model.trainableWeights.map((v) => v.read() as tf.Variable);
  const opt = makeOptimizer({ optimizer: 'adam', learningRate: 0.001 } as any, vars);
  const x = tf.randomUniform([64, 28, 28, 1]); const y = tf.oneHot(tf.randomUniform([64], 0, 10, 'int32'), 10);
  const step = () => tf.tidy(() => { opt.minimize(() => tf.losses.softmaxCrossEntropy(y, model.apply(x, { training: true }) as tf.Tensor) as tf.Scalar); });
  for (let i = 0; i < 20; i++) step();
  const t = Date.now(); for (let i = 0; i < 50; i++) step(); const ms = (Date.now() - t) / 50;
  console.log('ms/step', ms, 'img/s', 64000 / ms);
  const agg = new Map<string, { n: number; ms: number }>();
  for (let r = 0; r < 10; r++) {
    const info = await tf.profile(() => step());
    for (const k of info.kernels) { const a = agg.get(k.name) ?? { n: 0, ms: 0 }; a.n++; a.ms += (await k.kernelTimeMs) as number; agg.set(k.name, a); }
  }
  const rows = [...agg.entries()].sort((a, b) => b[1].ms - a[1].ms).map(([k, v]) => `${k.padEnd(28)} n=${(v.n / 10).toFixed(0).padStart(4)} ms=${(v.ms / 10).toFixed(2)}`);
  console.log(rows.join('\n'));
})();
