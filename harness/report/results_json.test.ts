import type { SubmissionResult } from '../types';
import { toResultsJson } from './results_json';

const failed: SubmissionResult = {
  submission: { id: 'alice', dir: '/tmp/alice' },
  rubric: { title: 'Lab 1', file: 'lab.yaml' },
  score: 0,
  maxScore: 50,
  backend: null,
  isolation: 'permissions',
  harnessVersion: '0.1.0',
  executionSeconds: 0.4,
  gradedAt: '2026-11-25T00:00:00.000Z',
  tasks: [
    {
      id: 'lenet5',
      title: 'LeNet-5',
      load: { ok: false, kind: 'compile', message: 'models.ts:7:31: Unexpected ";"', location: { file: 'models.ts', line: 7, column: 31, lineText: 'x(;' } },
      typeErrors: [],
      revealReference: true,
      referenceSummary: { name: 'r', inputShape: [null, 1], outputShape: [null, 1], outputCount: 1, layers: [], totalParams: 0, trainableParams: 0, nonTrainableParams: 0 },
      checks: [
        { id: 'lenet5/layers', name: 'Layer structure', kind: 'layers', score: 0, maxScore: 30, status: 'error', visibility: 'visible', messages: ['not checked: does not compile'] },
        { id: 'lenet5/params', name: 'Parameters', kind: 'params', score: 0, maxScore: 20, status: 'error', visibility: 'hidden', messages: ['not checked: does not compile'] },
      ],
    },
  ],
};

describe('results.json', () => {
  it("follows Gradescope's format: score, execution_time, output, tests with name, score, max_score, status, visibility, output", () => {
    const json = toResultsJson(failed);
    expect(json.score).toBe(0);
    expect(json.execution_time).toBe(0);
    expect(json.output).toContain('Does not compile: models.ts:7:31: Unexpected ";"');
    expect(json.tests).toEqual([
      { name: 'LeNet-5: Layer structure', score: 0, max_score: 30, status: 'failed', visibility: 'visible', output: 'not checked: does not compile' },
      { name: 'LeNet-5: Parameters', score: 0, max_score: 20, status: 'failed', visibility: 'hidden', output: 'not checked: does not compile' },
    ]);
    // Gradescope knows only passed and failed; a check that could not run is a failure.
    expect(json.tests.every((t) => t.status === 'passed' || t.status === 'failed')).toBe(true);
    expect((json.extra_data.tasks as Array<{ load: { kind: string } }>)[0].load.kind).toBe('compile');
  });
});
