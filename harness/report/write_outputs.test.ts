import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { ModelSummary, SubmissionResult } from '../types';
import { writeOutputs, writeRendered } from './write_outputs';

const SUMMARY: ModelSummary = { name: 'm', inputShape: [null, 28, 28, 1], outputShape: [null, 10], outputCount: 1, layers: [], totalParams: 0, trainableParams: 0, nonTrainableParams: 0 };
const temp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'cnn-grade-write-'));

function result(message: string): SubmissionResult {
  return {
    submission: { id: 'sub', dir: '/tmp/sub' },
    rubric: { title: 'Lab 1', file: 'lab.yaml' },
    score: 0,
    maxScore: 0,
    backend: null,
    isolation: 'permissions',
    harnessVersion: '0.0.0',
    executionSeconds: 1,
    gradedAt: '2026-11-25T00:00:00.000Z',
    tasks: [{ id: 't', title: 'LeNet-5', load: { ok: false, kind: 'throw', message }, typeErrors: [], referenceSummary: SUMMARY, revealReference: false, checks: [] }],
  };
}

describe('writeOutputs', () => {
  it('writes nothing through an output folder that is a link, and leaves the linked folder as it was', () => {
    const victim = temp();
    fs.writeFileSync(path.join(victim, 'results.json'), '{"score": 97}');
    const out = path.join(temp(), 'cnn-grade-out');
    fs.symlinkSync(victim, out);
    expect(() => writeOutputs(result('boom'), out)).toThrow(`${out} is a symbolic link (to ${victim})`);
    expect(() => writeRendered(result('boom'), out)).toThrow('is a symbolic link');
    expect(fs.readdirSync(victim)).toEqual(['results.json']);
    expect(fs.readFileSync(path.join(victim, 'results.json'), 'utf8')).toBe('{"score": 97}');
  });

  it('keeps a 1.9 MB message to a few kB in every file it writes', () => {
    const out = temp();
    writeOutputs(result('x'.repeat(1_900_000)), out);
    // 3,952 characters kept, 1,896,048 left out (see inert_text.ts).
    const note = '… (1,896,048 more characters not shown)';
    for (const file of ['submission.json', 'results.json', 'report.html']) {
      const text = fs.readFileSync(path.join(out, file), 'utf8');
      expect(text).toContain(note);
      expect(text.length).toBeLessThan(100_000);
    }
  });
});
