import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { lenet5Topology } from '../../reference/lenet5';
import { summarize } from '../model/summarize';
import { summaryOf } from '../test_support';
import type { SubmissionResult } from '../types';
import { writeOutputs } from './write_outputs';

const HOSTILE = '<img src=x onerror="document.title=\'pwned\'"><script>document.title="pwned"</script>';

/** A graded result whose every student-controlled string is markup. */
function hostileResult(): SubmissionResult {
  const reference = summarize(lenet5Topology());
  const student = { ...reference, layers: reference.layers.map((l, i) => (i === 1 ? { ...l, name: HOSTILE } : l)) };
  return {
    submission: { id: HOSTILE, dir: '/tmp/x' },
    rubric: { title: 'Lab 1', file: 'lab.yaml' },
    score: 30,
    maxScore: 60,
    backend: 'wasm',
    isolation: 'permissions',
    harnessVersion: '0.0.0',
    executionSeconds: 1.5,
    gradedAt: '2026-11-25T00:00:00.000Z',
    tasks: [
      {
        id: 'lenet5',
        title: 'LeNet-5',
        load: { ok: true, buildMs: 90 },
        typeErrors: [`models.ts:3:1 Type '${HOSTILE}' is not assignable to type 'number'.`],
        summary: student,
        referenceSummary: reference,
        revealReference: true,
        checks: [
          { id: 'lenet5/layers', name: 'Layer structure', kind: 'layers', score: 30, maxScore: 30, status: 'passed', visibility: 'visible', messages: [] },
          { id: 'lenet5/params', name: 'Parameters', kind: 'params', score: 0, maxScore: 30, status: 'failed', visibility: 'visible', expected: '61,706', found: '1', messages: [`${HOSTILE}: 1 parameters, expected 156`] },
        ],
        train: {
          backend: 'wasm', seconds: 2, dataset: 'mnist', batchSize: 64, steps: 20, evalImages: 100, seed: 1,
          student: { finalLoss: 1.2, accuracy: 0.5, curve: [{ step: 10, loss: 2 }, { step: 20, loss: 1 }], steps: 20, seconds: 1 },
          reference: { finalLoss: 1.0, accuracy: 0.6, curve: [{ step: 10, loss: 1.9 }, { step: 20, loss: 0.9 }], steps: 20, seconds: 1 },
          referenceCached: false,
          findings: ['vanishing gradients: at the start, c1\'s gradients are 1.0e+4 times smaller than out\'s'],
        },
      },
    ],
  };
}

describe('report.html in a browser', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('opens from file://, shows student strings as text and runs none of them', async () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'cnn-grade-report-'));
    const { reportPath } = writeOutputs(hostileResult(), out);
    const page = await browser.newPage();
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(`file://${reportPath}`);
    expect(await page.title()).not.toBe('pwned');
    expect(await page.locator('[data-testid=total]').innerText()).toMatch(/30\s*\/\s*60/);
    // The hostile layer name is on the page as the literal text the student wrote.
    expect(await page.getByText(HOSTILE, { exact: true }).count()).toBeGreaterThan(0);
    expect(await page.locator('script').count()).toBe(0);
    expect(await page.locator('img').count()).toBe(0);
    // Offline: the page asks for nothing but itself.
    expect(requests).toEqual([`file://${reportPath}`]);
    // The failed check's message and the loss curves are there.
    expect(await page.locator('tr.failed').innerText()).toContain('1 parameters, expected 156');
    expect(await page.locator('path.curve').count()).toBe(2);
    await page.close();
  });

  it("shows a TA's changes with their reasons (as text) next to what they changed", async () => {
    const graded = hostileResult();
    const params = graded.tasks[0].checks[1];
    const result: SubmissionResult = {
      ...graded,
      score: 44,
      late: { days: 1, penaltyPercent: 20, scoreBeforePenalty: 55, percentPerDay: 20, capPercent: 100 },
      lateOverride: { from: 3, to: 1, comment: 'Two days excused.' },
      tasks: [{ ...graded.tasks[0], checks: [graded.tasks[0].checks[0], { ...params, score: 25, override: { from: 0, comment: `Counted by hand: ${HOSTILE}` } }] }],
    };
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'cnn-grade-report-'));
    const { reportPath } = writeOutputs(result, out);
    const page = await browser.newPage();
    await page.goto(`file://${reportPath}`);
    expect(await page.locator('[data-testid=override]').innerText()).toBe(`Adjusted by a TA from 0 to 25: Counted by hand: ${HOSTILE}`);
    expect(await page.locator('[data-testid=late]').innerText()).toBe('1 late day(s): 20% off 55');
    expect(await page.locator('[data-testid=late-override]').innerText()).toBe('Late days changed by a TA from 3 to 1: Two days excused.');
    expect(await page.locator('script').count()).toBe(0);
    await page.close();
  });
});
