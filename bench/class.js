#!/usr/bin/env node
// A class of N LeNet-5 submissions (correct and wrong-kernel in turn) in local bare
// repositories, graded twice with the lab's brief training: the first run's wall time, and
// the second's over the unchanged class.
//
//   node bench/class.js [--students 100] [--jobs N]

const { execFileSync, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(`--${name}`) ? args[args.indexOf(`--${name}`) + 1] : fallback);
const students = Number(option('students', '100'));
const jobs = option('jobs', String(os.availableParallelism()));
const root = path.resolve(__dirname, '..');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cnn-grade-class-bench-'));
const git = (cwd, argv) => execFileSync('git', ['-c', 'user.name=S', '-c', 'user.email=s@example.org', '-c', 'init.defaultBranch=main', ...argv], { cwd, encoding: 'utf8' });

const lines = ['id,name,repo'];
for (let i = 0; i < students; i++) {
  const work = path.join(dir, `w${i}`);
  fs.mkdirSync(work);
  git(work, ['init', '--quiet']);
  fs.copyFileSync(path.join(root, 'fixtures', 'lenet5', i % 2 ? 'wrong-kernel' : 'correct', 'models.ts'), path.join(work, 'models.ts'));
  git(work, ['add', 'models.ts']);
  git(work, ['commit', '--quiet', '-m', 'lab']);
  git(dir, ['clone', '--quiet', '--bare', work, path.join(dir, `s${i}.git`)]);
  lines.push(`s${i},Student ${i},${path.join(dir, `s${i}.git`)}`);
}
fs.writeFileSync(path.join(dir, 'class.csv'), lines.join('\n') + '\n');

const env = { ...process.env, CNN_GRADE_CACHE: path.join(dir, 'cache') };
const run = () => {
  const started = Date.now();
  const r = spawnSync(process.execPath, [path.join(root, 'bin', 'cnn-grade.js'), 'grade', '--roster', path.join(dir, 'class.csv'), '--rubric', path.join(root, 'rubrics', 'lenet5-mnist.yaml'), '--out', path.join(dir, 'out'), '--jobs', jobs], { env, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return (Date.now() - started) / 1000;
};
const first = run();
const second = run();
console.log(JSON.stringify({ students, jobs: Number(jobs), firstRunSeconds: first, secondRunSeconds: second, secondsPerStudent: Number((first / students).toFixed(2)) }));
