import { tf } from './harness/tfjs';
import { useBackend } from './harness/train/backends';
import { buildVggCifar } from './reference/vgg_cifar';
import { makeOptimizer } from './harness/train/optimizer';
import { topologyOf } from './harness/test_support';
import { markInputConvolutions } from './harness/train/input_convolution';
(async () => {
  await useBackend('wasm');
  const model = await tf.models.modelFromJSON({ modelTopology: markInputConvolutions(topologyOf(buildVggCifar())) as any });
  const vars = model.trainableWeights.map((v) => v.read() as tf.Variable);
  const opt = makeOptimizer({ optimizer: 'adam', learningRate: 0.001 } as any, vars);
  const x = tf.randomUniform([64, 32, 32, 3]); const y = tf.oneHot(tf.randomUniform([64], 0, 10, 'int32'), 10);
  const step = () => tf.tidy(() => { opt.minimize(() => tf.losses.softmaxCrossEntropy(y, model.apply(x, { training: true }) as tf.Tensor) as tf.Scalar); });
  for (let i = 0; i < 3; i++) step();
  const t = Date.now(); for (let i = 0; i < 5; i++) step(); const ms = (Date.now() - t) / 5;
  console.log('ms/step', ms, 'img/s', 64000 / ms);
  const info = await tf.profile(() => step());
  const agg = new Map<string, { n: number; ms: number }>();
  for (const k of info.kernels) { const a = agg.get(k.name) ?? { n: 0, ms: 0 }; a.n++; a.ms += (await k.kernelTimeMs) as number; agg.set(k.name, a); }
  console.log([...agg.entries()].sort((a, b) => b[1].ms - a[1].ms).slice(0, 14).map(([k, v]) => `${k.padEnd(28)} n=${v.n} ms=${v.ms.toFixed(1)}`).join('\n'));
  for (const k of info.kernels.filter(k=>/Backprop|Conv2D|MaxPool/.test(k.name))) console.log(k.name, JSON.stringify(k.inputShapes), ((await k.kernelTimeMs) as number).toFixed(1));
})();
