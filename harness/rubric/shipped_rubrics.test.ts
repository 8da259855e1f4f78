// The labs the harness ships, each graded on its correct and its incorrect fixture.

import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadRubric } from './load_rubric';

const ROOT = path.resolve(__dirname, '..', '..');

interface Test {
  name: string;
  score: number;
  max_score: number;
  output: string;
}

function grade(rubric: string, fixture: string): { score: number; tests: Test[] } {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'cnn-grade-lab-'));
  const r = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'cnn-grade.js'), 'check', path.join(ROOT, 'fixtures', fixture), '--rubric', path.join(ROOT, 'rubrics', rubric), '--out', out, '--json', '--all', '--no-train'], { encoding: 'utf8' });
  expect(r.status).toBe(0);
  return JSON.parse(r.stdout);
}

const byName = (tests: Test[], suffix: string): Test => tests.find((t) => t.name.endsWith(suffix))!;

describe('shipped rubrics', () => {
  it.each(fs.readdirSync(path.join(ROOT, 'rubrics')).filter((f) => f.endsWith('.yaml')))('%s is valid', (file) => {
    expect(loadRubric(path.join(ROOT, 'rubrics', file)).tasks.length).toBeGreaterThan(0);
  });

  it('VGG lab: the correct net scores 100, the incorrect one loses its missing layer and its 5x5 kernels', () => {
    expect(grade('vgg-cifar.yaml', 'vgg-cifar/correct').score).toBe(100);
    const wrong = grade('vgg-cifar.yaml', 'vgg-cifar/incorrect');
    const layers = byName(wrong.tests, 'each block max-pooled');
    // 9 of the reference's 12 layers match exactly: 40 * 9/12.
    expect(layers.score).toBe(30);
    expect(layers.output).toContain('wide_1: kernelSize [5,5], expected [3,3]');
    expect(layers.output).toMatch(/missing Conv2D 64 filters 3x3 relu after/);
    expect(byName(wrong.tests, 'Eight weight layers (six convolutions, two dense)').score).toBe(0);
  });

  it('blocks lab: a re-wired but equal graph scores 100; a missing branch and missing shortcuts are named', () => {
    expect(grade('blocks.yaml', 'blocks/correct').score).toBe(100);
    const wrong = grade('blocks.yaml', 'blocks/incorrect');
    const inception = byName(wrong.tests, 'Both modules have their four branches');
    expect(inception.output).toMatch(/concatenate\w*: inputs 3, expected 4/);
    const resnet = byName(wrong.tests, 'Nine residual blocks with their shortcuts');
    expect(resnet.output.match(/missing Add/g)).toHaveLength(3);
  });
});
