import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import * as tf from '@tensorflow/tfjs';
import { lenet5Topology } from '../../reference/lenet5';
import { summarize } from '../model/summarize';
import { summaryOf } from '../test_support';
import type { ModelSummary, SubmissionResult } from '../types';
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
          student: { finalLoss: 1.2, accuracy: 0.5, curve: [{ step: 10, loss: 2 }, { step: 20, loss: 1 }], steps: 20, seconds: 1, evalImages: 100 },
          reference: { finalLoss: 1.0, accuracy: 0.6, curve: [{ step: 10, loss: 1.9 }, { step: 20, loss: 0.9 }], steps: 20, seconds: 1, evalImages: 100 },
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

  /** A result whose student model is `summary`, without the reference's table. */
  function resultWith(summary: ModelSummary): SubmissionResult {
    const graded = hostileResult();
    return { ...graded, tasks: [{ ...graded.tasks[0], summary, revealReference: false }] };
  }

  /** The layer table's header, rows and footer, cell by cell, as the page has them. */
  async function layerTableOf(page: Page) {
    const table = page.locator('[data-testid=layer-table]');
    expect(await table.count()).toBe(1);
    const cells = (selector: string) => table.locator(selector).evaluateAll((rows) => rows.map((r) => Array.from((r as HTMLTableRowElement).cells, (c) => c.textContent!.trim())));
    return { head: await cells('thead tr'), body: await cells('tbody tr'), foot: await cells('tfoot tr') };
  }

  async function open(result: SubmissionResult): Promise<Page> {
    const { reportPath } = writeOutputs(result, fs.mkdtempSync(path.join(os.tmpdir(), 'cnn-grade-report-')));
    const page = await browser.newPage();
    await page.goto(`file://${reportPath}`);
    return page;
  }

  it("shows a Sequential model's layers as Keras' summary does: no input row, no connections", async () => {
    const model = tf.sequential({
      layers: [
        tf.layers.conv2d({ inputShape: [28, 28, 1], filters: 6, kernelSize: 5, padding: 'same', activation: 'tanh', name: 'c1' }),
        tf.layers.averagePooling2d({ poolSize: 2, name: 's2' }),
        tf.layers.flatten({ name: 'flat' }),
        tf.layers.dense({ units: 10, activation: 'softmax', name: 'out' }),
      ],
    });
    const summary = summaryOf(model);
    // The canonical topology gives every model an input layer; a Sequential's is the harness's own.
    expect(summary.layers[0]).toMatchObject({ name: 'input', className: 'InputLayer' });
    const page = await open(resultWith({ ...summary, sequential: true }));
    expect(await layerTableOf(page)).toEqual({
      head: [['Layer (type)', 'Output shape', 'Param #']],
      body: [
        ['c1 (Conv2D)', '[null,28,28,6]', '156'],
        ['s2 (AveragePooling2D)', '[null,14,14,6]', '0'],
        ['flat (Flatten)', '[null,1176]', '0'],
        ['out (Dense)', '[null,10]', '11,770'],
      ],
      foot: [
        ['Total params', '11,926'],
        ['Trainable params', '11,926'],
        ['Non-trainable params', '0'],
      ],
    });
    await page.close();
  });

  it('shows a functional model with a skip connection with its input and what each layer reads', async () => {
    const image = tf.input({ shape: [8, 8, 4], name: 'image' });
    const a = tf.layers.conv2d({ filters: 4, kernelSize: 3, padding: 'same', name: 'conv_a' }).apply(image) as tf.SymbolicTensor;
    const b = tf.layers.conv2d({ filters: 4, kernelSize: 3, padding: 'same', name: 'conv_b' }).apply(a) as tf.SymbolicTensor;
    const skip = tf.layers.add({ name: 'skip' }).apply([b, image]) as tf.SymbolicTensor;
    const norm = tf.layers.batchNormalization({ name: 'bn' }).apply(skip) as tf.SymbolicTensor;
    const flat = tf.layers.flatten({ name: 'flat' }).apply(norm) as tf.SymbolicTensor;
    const scores = tf.layers.dense({ units: 3, activation: 'softmax', name: 'scores' }).apply(flat) as tf.SymbolicTensor;
    const page = await open(resultWith(summaryOf(tf.model({ inputs: image, outputs: scores, name: 'tiny_resnet' }))));
    expect(await layerTableOf(page)).toEqual({
      head: [['Layer (type)', 'Output shape', 'Param #', 'Connected to']],
      body: [
        ['image (InputLayer)', '[null,8,8,4]', '0', '-'],
        ['conv_a (Conv2D)', '[null,8,8,4]', '148', 'image'],
        ['conv_b (Conv2D)', '[null,8,8,4]', '148', 'conv_a'],
        ['skip (Add)', '[null,8,8,4]', '0', 'conv_b, image'],
        ['bn (BatchNormalization)', '[null,8,8,4]', '16', 'skip'],
        ['flat (Flatten)', '[null,256]', '0', 'bn'],
        ['scores (Dense)', '[null,3]', '771', 'flat'],
      ],
      // Batch normalisation's moving mean and variance (4 + 4) do not train.
      foot: [
        ['Total params', '1,083', ''],
        ['Trainable params', '1,075', ''],
        ['Non-trainable params', '8', ''],
      ],
    });
    await page.close();
  });
});
