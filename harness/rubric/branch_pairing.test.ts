// The layers and params checks on branched graphs: a difference inside one branch of a merge
// is reported as that difference and nothing else, however the student lists the branches.

import { REFERENCES } from '../../reference';
import { summarize } from '../model/summarize';
import { summaryOf } from '../test_support';
import { tf } from '../tfjs';
import type { ModelSummary } from '../types';
import type { CheckContext } from './check_context';
import { checkLayers } from './check_layers';
import { checkParams } from './check_params';
import { parseRubric } from './load_rubric';

type Sym = ReturnType<typeof tf.input>;

const rubric = parseRubric(
  `
title: Branches
tasks:
  - { id: resnet20, title: ResNet-20, export: build, reference: resnet20, args: { inputShape: [32, 32, 3], numClasses: 10 }, checks: [{ kind: layers, points: 72 }, { kind: params, points: 10, count: trainable, perLayer: true }] }
  - { id: inception, title: Inception, export: build, reference: inception-cifar, args: { inputShape: [32, 32, 3], numClasses: 10 }, checks: [{ kind: layers, points: 21 }, { kind: params, points: 10, perLayer: true }] }
`,
  'branches.yaml',
);

function grade(taskId: string, student: ModelSummary) {
  const task = rubric.tasks.find((t) => t.id === taskId)!;
  const reference = summarize(REFERENCES[task.reference!].topology(task.args));
  const ctx: CheckContext = { task, student, reference };
  const [layers, params] = task.checks;
  if (layers.kind !== 'layers' || params.kind !== 'params') throw new Error('the rubric above lists layers, then params');
  return { layers: checkLayers(ctx, layers), params: checkParams(ctx, params) };
}

/**
 * ResNet-20 (reference/resnet.ts) as a student writes it with tf.layers: the same graph, its
 * layers named by block, each Add listing its inputs in the order asked for; optionally with
 * biased projections, or another kernel for the main path's second convolution in s2b1 (the
 * first projection block).
 */
function studentResNet20({ projectionBias = false, shortcutFirst = true, s2b1Kernel = 3 } = {}): ModelSummary {
  const convBn = (x: Sym, name: string, filters: number, kernelSize: number, strides = 1, useBias = false) =>
    tf.layers.batchNormalization({ epsilon: 1e-5, name: `${name}_bn` }).apply(tf.layers.conv2d({ filters, kernelSize, strides, padding: kernelSize === 1 ? 'valid' : 'same', useBias, name }).apply(x)) as Sym;
  const relu = (x: Sym, name: string) => tf.layers.activation({ activation: 'relu', name }).apply(x) as Sym;
  const input = tf.input({ shape: [32, 32, 3] });
  let x = relu(convBn(input, 'stem', 16, 3), 'stem_relu');
  [16, 32, 64].forEach((filters, stage) => {
    for (let b = 0; b < 3; b++) {
      const id = `s${stage + 1}b${b + 1}`;
      const strides = b === 0 && stage > 0 ? 2 : 1;
      const shortcut = strides === 1 ? x : convBn(x, `${id}_proj`, filters, 1, strides, projectionBias);
      const y = convBn(relu(convBn(x, `${id}_conv1`, filters, 3, strides), `${id}_relu1`), `${id}_conv2`, filters, id === 's2b1' ? s2b1Kernel : 3);
      x = relu(tf.layers.add({ name: `${id}_add` }).apply(shortcutFirst ? [shortcut, y] : [y, shortcut]) as Sym, `${id}_out`);
    }
  });
  const pooled = tf.layers.globalAveragePooling2d({}).apply(x) as Sym;
  return summaryOf(tf.model({ inputs: input, outputs: tf.layers.dense({ units: 10, activation: 'softmax', name: 'predictions' }).apply(pooled) as Sym }));
}

/** inception-cifar (reference/googlenet.ts) with tf.layers; `order` lists the four branches (1x1, 3x3, 5x5, pool) as the Concatenate takes them. */
function studentInception({ order = [0, 1, 2, 3], fiveKernel = 5 } = {}): ModelSummary {
  const conv = (x: Sym, filters: number, kernelSize: number, name: string) => tf.layers.conv2d({ filters, kernelSize, padding: 'same', activation: 'relu', name }).apply(x) as Sym;
  const inception = (x: Sym, id: string, [c1, r3, c3, r5, c5, pp]: number[]) => {
    const branches = [
      conv(x, c1, 1, `${id}_1x1`),
      conv(conv(x, r3, 1, `${id}_3x3_reduce`), c3, 3, `${id}_3x3`),
      conv(conv(x, r5, 1, `${id}_5x5_reduce`), c5, id === 'b' ? fiveKernel : 5, `${id}_5x5`),
      conv(tf.layers.maxPooling2d({ poolSize: 3, strides: 1, padding: 'same', name: `${id}_pool` }).apply(x) as Sym, pp, 1, `${id}_pool_proj`),
    ];
    return tf.layers.concatenate({ name: `${id}_concat` }).apply(order.map((i) => branches[i])) as Sym;
  };
  const input = tf.input({ shape: [32, 32, 3] });
  let x = conv(input, 64, 3, 'stem');
  x = inception(x, 'a', [32, 48, 64, 8, 16, 16]);
  x = inception(x, 'b', [64, 64, 96, 16, 48, 32]);
  x = tf.layers.maxPooling2d({ poolSize: 3, strides: 2, padding: 'same' }).apply(x) as Sym;
  x = tf.layers.dropout({ rate: 0.4 }).apply(tf.layers.globalAveragePooling2d({}).apply(x)) as Sym;
  return summaryOf(tf.model({ inputs: input, outputs: tf.layers.dense({ units: 10, activation: 'softmax' }).apply(x) as Sym }));
}

describe('branch pairing at Add (ResNet-20)', () => {
  it('reports a biased projection as exactly its two differences, in both checks', () => {
    for (const shortcutFirst of [true, false]) {
      const { layers, params } = grade('resnet20', studentResNet20({ projectionBias: true, shortcutFirst }));
      expect(layers.messages).toEqual(['s2b1_proj: useBias true, expected false', 's3b1_proj: useBias true, expected false']);
      // 72 layers in the sequence (21 Conv2D, 21 BatchNormalization, 9 Add, 19 Activation,
      // the pooling and the Dense), all but the two projections as in the reference: 72 * 70/72.
      expect(layers.score).toBe(70);
      // The projections gain a bias per filter: 1*1*16*32 + 32 = 544 instead of 512 and
      // 1*1*32*64 + 64 = 2,112 instead of 2,048; 272,474 + 32 + 64 = 272,570.
      expect(params.messages).toEqual([
        "272,570 trainable parameters, 96 more than the reference's 272,474",
        's2b1_proj: 544 parameters, expected 512',
        's3b1_proj: 2,112 parameters, expected 2,048',
      ]);
    }
  });

  it('reports a difference on the main path of a projection block and nothing on its shortcut', () => {
    for (const shortcutFirst of [true, false]) {
      const { layers, params } = grade('resnet20', studentResNet20({ s2b1Kernel: 5, shortcutFirst }));
      expect(layers.messages).toEqual(['s2b1_conv2: kernelSize [5,5], expected [3,3]']);
      // 5*5*32*32 = 25,600 instead of 3*3*32*32 = 9,216: 16,384 more.
      expect(params.messages).toEqual(["288,858 trainable parameters, 16,384 more than the reference's 272,474", 's2b1_conv2: 25,600 parameters, expected 9,216']);
    }
  });

  it('reports nothing when the shortcuts are listed last', () => {
    const { layers, params } = grade('resnet20', studentResNet20({ shortcutFirst: false }));
    expect([layers.messages, layers.score, params.messages]).toEqual([[], 72, []]);
  });
});

describe('branch pairing at Concatenate (inception-cifar)', () => {
  it('reports a 3x3 in the 5x5 branch as that difference only, whatever the branch order', () => {
    for (const order of [
      [0, 1, 2, 3],
      [3, 2, 1, 0],
      [2, 0, 3, 1],
    ]) {
      const { layers, params } = grade('inception', studentInception({ order, fiveKernel: 3 }));
      // The 3x3 branch and the altered 5x5 branch differ only in filters (64-96 and 16-48):
      // pairing them crosswise would cost more than the one kernel difference.
      expect(layers.messages).toEqual(['b_5x5: kernelSize [3,3], expected [5,5]']);
      // 21 layers (the stem, 2 x (6 convolutions, a pooling, the Concatenate), pooling, global
      // pooling, dropout, dense) with one different: 21 * 20/21.
      expect(layers.score).toBe(20);
      // b_5x5: 3*3*16*48 + 48 = 6,960 instead of 5*5*16*48 + 48 = 19,248: 12,288 fewer than 139,234.
      expect(params.messages).toEqual(["126,946 parameters, 12,288 fewer than the reference's 139,234", 'b_5x5: 6,960 parameters, expected 19,248']);
    }
  });

  it('reports nothing for the branches in another order', () => {
    const { layers, params } = grade('inception', studentInception({ order: [3, 1, 2, 0] }));
    expect([layers.messages, layers.score, params.messages]).toEqual([[], 21, []]);
  });
});
