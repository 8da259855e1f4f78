import type { CheckResult, ModelSummary, SubmissionResult } from '../types';
import { boundedResult } from './bounded_result';

const SUMMARY: ModelSummary = { name: 'm', inputShape: [null, 28, 28, 1], outputShape: [null, 10], outputCount: 1, layers: [], totalParams: 0, trainableParams: 0, nonTrainableParams: 0 };
const MB = 'x'.repeat(1_900_000);
// 4,000 - 48 = 3,952 characters kept of 1,900,000: 1,896,048 left out.
const CUT = `${'x'.repeat(3952)} … (1,896,048 more characters not shown)`;

function hugeResult(): SubmissionResult {
  const check: CheckResult = { id: 't/layers', name: 'Layers', kind: 'layers', score: 0, maxScore: 30, status: 'failed', visibility: 'visible', found: MB, messages: Array.from({ length: 120 }, (_, i) => `message ${i + 1}`) };
  return {
    submission: { id: 'sub', dir: '/tmp/sub' },
    rubric: { title: 'Lab 1', file: 'lab.yaml' },
    score: 0,
    maxScore: 30,
    backend: null,
    isolation: 'permissions',
    harnessVersion: '0.0.0',
    executionSeconds: 1,
    gradedAt: '2026-11-25T00:00:00.000Z',
    tasks: [
      {
        id: 't',
        title: 'LeNet-5',
        load: { ok: false, kind: 'throw', message: MB, stack: `Error: x\n    at buildLeNet5 (models.ts:4:9)` },
        typeErrors: [MB, 'models.ts:1:1 short'],
        referenceSummary: SUMMARY,
        revealReference: false,
        checks: [check],
      },
    ],
  };
}

describe('boundedResult', () => {
  it('cuts a 1.9 MB message, type error and found value to a few kB each', () => {
    const task = boundedResult(hugeResult()).tasks[0];
    expect(task.load).toEqual({ ok: false, kind: 'throw', message: CUT, stack: 'Error: x\n    at buildLeNet5 (models.ts:4:9)' });
    expect(task.typeErrors).toEqual([CUT, 'models.ts:1:1 short']);
    expect(task.checks[0].found).toBe(CUT);
  });

  it('keeps 49 of 120 messages and says how many more there were', () => {
    const messages = boundedResult(hugeResult()).tasks[0].checks[0].messages;
    expect(messages).toHaveLength(50);
    expect(messages[48]).toBe('message 49');
    expect(messages[49]).toBe('… and 71 more messages not shown');
  });

  it('changes nothing when applied again, and leaves short results as they were', () => {
    const once = boundedResult(hugeResult());
    expect(boundedResult(once)).toEqual(once);
    const small = { ...hugeResult(), tasks: [{ ...hugeResult().tasks[0], load: { ok: true as const, buildMs: 5 }, typeErrors: [], checks: [] }] };
    expect(boundedResult(small)).toEqual(small);
  });

  it('shows a text-direction override or an escape sequence as its code, in every text a person reads', () => {
    const result = hugeResult();
    result.submission.name = 'Ada \u202eLovelace';
    result.tasks[0].load = { ok: false, kind: 'compile', message: 'models.ts:1:1: Unexpected "\u202e" \u001b]52;c;cHduZWQ=\u0007' };
    const bounded = boundedResult(result);
    expect(bounded.submission.name).toBe('Ada \\u202eLovelace');
    expect(!bounded.tasks[0].load.ok && bounded.tasks[0].load.message).toBe('models.ts:1:1: Unexpected "\\u202e" \\u001b]52;c;cHduZWQ=\\u0007');
    expect(boundedResult(bounded)).toEqual(bounded);
  });
});
