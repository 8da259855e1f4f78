import { useBackend } from './harness/train/backends';
import { runTraining } from './harness/train/run_training';
import { topologyOf } from './harness/test_support';
import { buildLeNet5 } from './reference/lenet5';
(async () => {
  const b = await useBackend((process.argv[2] ?? 'auto') as 'auto');
  console.log(b);
  const topo = topologyOf(buildLeNet5());
  const settings = { dataset: 'mnist' as const, steps: Number(process.argv[3] ?? 100), batchSize: 64, optimizer: 'adam' as const, learningRate: 0.001, seed: 1, evalImages: 2000, timeLimitSeconds: 300 };
  const t = Date.now();
  const run = await runTraining(topo, topo, settings, b.name);
  console.log(JSON.stringify({ ...run, student: { ...run.student, curve: run.student.curve.slice(-3) }, reference: { ...run.reference, curve: run.reference.curve.slice(-3) } }));
  console.log('imgs/s', (settings.steps * 64) / run.student.seconds, 'total s', (Date.now() - t) / 1000);
})();
