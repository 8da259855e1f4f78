// `cnn-grade report` on one submission graded by `cnn-grade check --out`: a TA's override
// re-renders results.json and report.html, and the harness's record stays as it was.
// (The class case is in grade.test.ts, after a real class run.)

import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');
const CLI = path.join(ROOT, 'bin', 'cnn-grade.js');
const cli = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });

describe('cnn-grade report, one submission', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cnn-grade-report-cli-'));
  const out = path.join(dir, 'out');
  const overrides = path.join(dir, 'overrides.yaml');
  let id: string;

  beforeAll(() => {
    const graded = cli('check', path.join(ROOT, 'fixtures', 'lenet5', 'wrong-kernel'), '--rubric', path.join(ROOT, 'rubrics', 'lenet5-mnist.yaml'), '--no-train', '--all', '--out', out);
    expect(graded.status).toBe(0);
    id = JSON.parse(fs.readFileSync(path.join(out, 'results.json'), 'utf8')).extra_data.submission;
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('applies a check override with its comment to results.json and report.html, leaving submission.json as graded', () => {
    const recorded = fs.readFileSync(path.join(out, 'submission.json'), 'utf8');
    // wrong-kernel: 26.25 of 30 for layers, 0 of 20 for parameters, 10 of 10 for the output.
    expect(JSON.parse(fs.readFileSync(path.join(out, 'results.json'), 'utf8')).score).toBe(36.25);
    fs.writeFileSync(overrides, `${JSON.stringify(id)}:\n  checks:\n    lenet5/params: { score: 20, comment: "Kernel typo only; counted as right <3" }\n`);
    const r = cli('report', '--results', out, '--overrides', overrides);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`${id}: 56.25 / 100 (1 adjusted)`);
    const results = JSON.parse(fs.readFileSync(path.join(out, 'results.json'), 'utf8'));
    expect(results.score).toBe(56.25);
    const params = results.tests.find((t: { name: string }) => t.name.includes('Parameter count'));
    expect(params.score).toBe(20);
    expect(params.output).toContain('Adjusted by a TA from 0 to 20: Kernel typo only; counted as right <3');
    // Escaped in the page, as every other string.
    expect(fs.readFileSync(path.join(out, 'report.html'), 'utf8')).toContain('Adjusted by a TA from 0 to 20: Kernel typo only; counted as right &lt;3');
    expect(fs.readFileSync(path.join(out, 'submission.json'), 'utf8')).toBe(recorded);
  });

  it('refuses, exit 2 and nothing written, an extension for a student who was on time', () => {
    const before = fs.readFileSync(path.join(out, 'results.json'), 'utf8');
    fs.writeFileSync(overrides, `${JSON.stringify(id)}:\n  lateDays: { days: 0, comment: "Extension." }\n`);
    const r = cli('report', '--results', out, '--overrides', overrides);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('was on time: there are no late days to change');
    expect(fs.readFileSync(path.join(out, 'results.json'), 'utf8')).toBe(before);
  });

  it('refuses an empty --overrides (an unset variable) instead of rendering without the changes', () => {
    const r = cli('report', '--results', out, '--overrides', '');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--overrides needs a file name');
  });

  it('says what a results folder must hold when given another folder', () => {
    const r = cli('report', '--results', dir);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('holds neither submission.json (written by "cnn-grade check --out") nor class.json (written by "cnn-grade grade --out")');
  });
});
