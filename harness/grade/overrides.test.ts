import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { SubmissionResult } from '../types';
import { applyOverrides, loadOverrides, refuseUnknownStudents } from './overrides';

/** Bob's LeNet-5: 30 of 30 for layers, 10 of 20 for parameters; two days late at 10% a day. */
const bob: SubmissionResult = {
  submission: { id: 'bob', dir: '/tmp/bob', commit: { hash: 'abc', date: '2026-11-27T10:00:00Z', lateDays: 2 } },
  rubric: { title: 'Lab 1', file: 'lab.yaml' },
  score: 32, // (30 + 10) less 20%
  maxScore: 50,
  late: { days: 2, penaltyPercent: 20, scoreBeforePenalty: 40, percentPerDay: 10, capPercent: 50 },
  backend: 'wasm',
  isolation: 'permissions',
  harnessVersion: '0.1.0',
  executionSeconds: 4,
  gradedAt: '2026-11-28T00:00:00.000Z',
  tasks: [
    {
      id: 'lenet5',
      title: 'LeNet-5',
      load: { ok: true, buildMs: 20 },
      typeErrors: [],
      revealReference: true,
      referenceSummary: { name: 'r', inputShape: [null, 1], outputShape: [null, 1], outputCount: 1, layers: [], totalParams: 0, trainableParams: 0, nonTrainableParams: 0 },
      checks: [
        { id: 'lenet5/layers', name: 'Layer structure', kind: 'layers', score: 30, maxScore: 30, status: 'passed', visibility: 'visible', messages: [] },
        { id: 'lenet5/params', name: 'Parameters', kind: 'params', score: 10, maxScore: 20, status: 'failed', visibility: 'visible', messages: ['61,716 parameters, expected 61,706'] },
      ],
    },
  ],
};

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cnn-grade-overrides-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function overridesFile(text: string): string {
  const file = path.join(dir, 'overrides.yaml');
  fs.writeFileSync(file, text);
  return file;
}

describe('TA overrides', () => {
  it("re-scores a check, keeps the harness's score and the comment, and re-prices the late penalty", () => {
    const file = overridesFile(['bob:', '  checks:', '    lenet5/params:', '      score: 18', '      comment: The extra 10 are a bias the README explains.'].join('\n'));
    const result = applyOverrides(bob, loadOverrides(file));
    const params = result.tasks[0].checks[1];
    expect(params.score).toBe(18);
    expect(params.override).toEqual({ from: 10, comment: 'The extra 10 are a bias the README explains.' });
    // (30 + 18) = 48, less 2 days at 10%: 38.4.
    expect(result.late).toMatchObject({ days: 2, penaltyPercent: 20, scoreBeforePenalty: 48 });
    expect(result.score).toBe(38.4);
    // The harness's own result is not changed.
    expect(bob.tasks[0].checks[1].score).toBe(10);
  });

  it('grants an extension: late days changed, with the reason, and the penalty follows', () => {
    const file = overridesFile('bob:\n  lateDays: { days: 0, comment: Extension for illness. }\n');
    const result = applyOverrides(bob, loadOverrides(file));
    expect(result.score).toBe(40);
    expect(result.late).toBeUndefined();
    expect(result.lateOverride).toEqual({ from: 2, to: 0, comment: 'Extension for illness.' });
    // One day instead of two: 40 less 10%.
    expect(applyOverrides(bob, loadOverrides(overridesFile('bob:\n  lateDays: { days: 1, comment: One day excused. }\n'))).score).toBe(36);
  });

  it('changes late days without a late policy too: the count changes, the score does not', () => {
    // Two days late by the commit, but the rubric has no policy: nothing was taken.
    const noPolicy = { ...bob, late: undefined, score: 40 };
    const result = applyOverrides(noPolicy, loadOverrides(overridesFile('bob:\n  lateDays: { days: 0, comment: Excused. }\n')));
    expect(result.score).toBe(40);
    expect(result.lateOverride).toEqual({ from: 2, to: 0, comment: 'Excused.' });
  });

  it('leaves a student the file does not name as the harness graded them', () => {
    expect(applyOverrides(bob, loadOverrides(overridesFile('alice:\n  lateDays: { days: 0, comment: ok }\n')))).toBe(bob);
  });

  it('names the file, the place and the line of an override that does not fit, and lists the ids', () => {
    const unknownCheck = overridesFile(['bob:', '  checks:', '    lenet5/param:', '      score: 18', '      comment: typo'].join('\n'));
    expect(() => applyOverrides(bob, loadOverrides(unknownCheck))).toThrow(`${unknownCheck} (bob.checks.lenet5/param, line 3): bob has no check "lenet5/param"; their checks are lenet5/layers, lenet5/params`);
    const tooMany = overridesFile(['bob:', '  checks:', '    lenet5/params: { score: 25, comment: generous }'].join('\n'));
    expect(() => applyOverrides(bob, loadOverrides(tooMany))).toThrow('(bob.checks.lenet5/params.score, line 3): 25 is more than the check\'s 20 points');
    const onTime = { ...bob, late: undefined, score: 40, submission: { ...bob.submission, commit: { ...bob.submission.commit!, lateDays: 0 } } };
    expect(() => applyOverrides(onTime, loadOverrides(overridesFile('bob:\n  lateDays: { days: 0, comment: x }\n')))).toThrow('(bob.lateDays, line 2): bob was on time: there are no late days to change');
  });

  it('refuses a file without comments, with unknown keys, or that is not YAML, saying where', () => {
    expect(() => loadOverrides(overridesFile('bob:\n  checks:\n    lenet5/params: { score: 18 }\n'))).toThrow('(bob.checks.lenet5/params.comment, line 3): missing; expected string');
    expect(() => loadOverrides(overridesFile('bob:\n  checks:\n    lenet5/params: { score: 18, comment: "  " }\n'))).toThrow('a comment is required: it is what the student reads');
    expect(() => loadOverrides(overridesFile('bob:\n  late_days: { days: 0, comment: x }\n'))).toThrow('(bob, line 2): unknown key "late_days"');
    expect(() => loadOverrides(overridesFile('bob: [\n'))).toThrow('not valid YAML');
    expect(() => loadOverrides(overridesFile('bob:\n  checks:\n    lenet5/params: { score: -5, comment: x }\n'))).toThrow('a score of 0 or more');
    expect(() => loadOverrides(path.join(dir, 'absent.yaml'))).toThrow('absent.yaml: no such file');
  });

  it('refuses students the file names who are not in the results (a typo in an id), at their line', () => {
    const file = overridesFile('bob:\n  lateDays: { days: 0, comment: x }\nalcie:\n  lateDays: { days: 0, comment: x }\n');
    expect(() => refuseUnknownStudents(loadOverrides(file), ['alice', 'bob'])).toThrow(`${file} (alcie, line 3): no graded submission for "alcie"; the graded ids are alice, bob`);
    // YAML reads 0123 as the number 123.
    expect(() => refuseUnknownStudents(loadOverrides(overridesFile('0123:\n  lateDays: { days: 0, comment: x }\n')), ['0123'])).toThrow('write ids that look like numbers in quotes ("0123":)');
    expect(() => refuseUnknownStudents(loadOverrides(overridesFile('"0123":\n  lateDays: { days: 0, comment: x }\n')), ['0123'])).not.toThrow();
  });

  it('marks a check given full points as passed, and one taken below full as failed', () => {
    const file = overridesFile(['bob:', '  checks:', '    lenet5/params: { score: 20, comment: right }', '    lenet5/layers: { score: 25, comment: one layer off }'].join('\n'));
    const [layers, params] = applyOverrides(bob, loadOverrides(file)).tasks[0].checks;
    expect(params.status).toBe('passed');
    expect(layers.status).toBe('failed');
  });
});
