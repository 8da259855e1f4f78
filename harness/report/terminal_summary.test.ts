import type { CheckResult, ModelSummary, SubmissionResult, TaskResult } from '../types';
import { terminalSummary } from './terminal_summary';

const SUMMARY: ModelSummary = { name: 'm', inputShape: [null, 28, 28, 1], outputShape: [null, 10], outputCount: 1, layers: [], totalParams: 0, trainableParams: 0, nonTrainableParams: 0 };

const check = (name: string, maxScore: number, messages: string[]): CheckResult => ({ id: `t/${name}`, name, kind: 'layers', score: 0, maxScore, status: 'failed', visibility: 'visible', messages });

function result(task: Partial<TaskResult>): SubmissionResult {
  const checks = task.checks ?? [];
  return {
    submission: { id: 'sub', dir: '/tmp/sub' },
    rubric: { title: 'Lab 1', file: 'lab.yaml' },
    score: 0,
    maxScore: checks.reduce((s, c) => s + c.maxScore, 0),
    backend: null,
    isolation: 'permissions',
    harnessVersion: '0.0.0',
    executionSeconds: 1,
    gradedAt: '2026-11-25T00:00:00.000Z',
    tasks: [{ id: 't', title: 'LeNet-5', load: { ok: true, buildMs: 1 }, typeErrors: [], referenceSummary: SUMMARY, revealReference: false, checks, ...task }],
  };
}

describe('terminal summary', () => {
  it('prints a layer name with newlines and OSC 52 on its check line, forging no "40/40" or "Score" line', () => {
    // tfjs accepts any layer name; this one would print a passed check and a full score, and set the clipboard.
    const name = 'conv\n  ✓ Parameters  40/40\nScore: 100 / 100\x1b]52;c;ZWNobyBwd25lZA==\x07';
    const text = terminalSummary(result({ checks: [check('Layer sequence', 60, [`${name}: kernelSize [3,3], expected [5,5]`]), check('Parameters', 40, ['a', 'b'])] }), null, { color: false });
    expect(text.split('\n')).toEqual([
      'Lab 1 · sub',
      'Score: 0 / 100',
      '  ✗ Layer sequence      0/60  conv   ✓ Parameters  40/40 Score: 100 / 100\\u001b]52;c;ZWNobyBwd25lZA==\\u0007: kernelSize [3,3], expected [5,5]',
      '  ✗ Parameters          0/40  a (+1 more in the report)',
    ]);
    expect(text).not.toContain('\x1b');
  });

  it("shows a thrown error's message on one line and only the stack's frames", () => {
    const forged = 'boom\n  ✓ Layer sequence  60/60\nScore: 100 / 100';
    const text = terminalSummary(
      result({
        load: { ok: false, kind: 'throw', message: forged, stack: `Error: ${forged}\n    at buildLeNet5 (models.ts:4:9)` },
        typeErrors: ['models.ts:1:1 \x1b[2J cleared'],
        checks: [check('Layer sequence', 60, ['no model to check'])],
      }),
      null,
      { color: false },
    );
    expect(text.split('\n')).toEqual([
      'Lab 1 · sub',
      'Score: 0 / 60',
      '  Builder threw an error: boom   ✓ Layer sequence  60/60 Score: 100 / 100',
      '    at buildLeNet5 (models.ts:4:9)',
      '  ! TypeScript (not graded): models.ts:1:1 \\u001b[2J cleared',
      '  ✗ Layer sequence      0/60  no model to check',
    ]);
  });

  it('cuts a 1.9 MB message to one line of 300 characters; the report has the rest', () => {
    const text = terminalSummary(result({ checks: [check('Layer sequence', 60, ['x'.repeat(1_900_000)])] }), null, { color: false });
    // 300 - 48 = 252 characters kept, 1,899,748 left out.
    expect(text.split('\n')[2]).toBe(`  ✗ Layer sequence      0/60  ${'x'.repeat(252)} … (1,899,748 more characters not shown)`);
  });

  it("keeps the only escape codes the harness's own colours, on a colour terminal", () => {
    const text = terminalSummary(result({ checks: [check('Layers', 60, ['conv\x1b[32m ok'])] }), null, { color: true });
    // Colours: the bold title, the dim id, the bold and red score, the red ✗: each opened and reset.
    expect(text.split('\x1b[').length - 1).toBe(10);
    expect(text).toContain('conv\\u001b[32m ok');
  });
});
