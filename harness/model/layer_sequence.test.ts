import { resnet20Topology } from '../../reference/resnet';
import { tf } from '../tfjs';
import { summaryOf } from '../test_support';
import { alignLayers } from './align_layers';
import { layerSequence, layerTree } from './layer_sequence';
import { summarize } from './summarize';

type Sym = ReturnType<typeof tf.input>;

/** A residual block written with tfjs' API, its Add's inputs in either order. */
function residualNet(shortcutFirst: boolean, branches = 2): ReturnType<typeof summaryOf> {
  const input = tf.input({ shape: [8, 8, 4] });
  const a = tf.layers.conv2d({ filters: 4, kernelSize: 3, padding: 'same', activation: 'relu' }).apply(input) as Sym;
  const b = tf.layers.conv2d({ filters: 4, kernelSize: 3, padding: 'same' }).apply(a) as Sym;
  const extra = tf.layers.conv2d({ filters: 4, kernelSize: 1 }).apply(input) as Sym;
  const sources = branches === 2 ? (shortcutFirst ? [input, b] : [b, input]) : [input, b, extra];
  const sum = tf.layers.add().apply(sources) as Sym;
  const out = tf.layers.dense({ units: 3 }).apply(tf.layers.globalAveragePooling2d({}).apply(sum) as Sym) as Sym;
  return summaryOf(tf.model({ inputs: input, outputs: out }));
}

describe('layerSequence on graphs', () => {
  it('gives the same sequence whichever order a merge lists its branches in', () => {
    const signatures = (s: ReturnType<typeof summaryOf>) => layerSequence(s).map((e) => e.signature);
    expect(signatures(residualNet(true))).toEqual(signatures(residualNet(false)));
  });

  it('says when a merge joins a different number of branches', () => {
    const pairs = alignLayers(layerTree(residualNet(true, 3)), layerTree(residualNet(true)));
    const merge = pairs.find((p) => p.kind === 'match' && p.reference.signature.className === 'Add');
    expect(merge && merge.kind === 'match' && merge.differences).toEqual([{ field: 'inputs', found: 3, expected: 2 }]);
    // The third branch's convolution is the one extra layer.
    expect(pairs.filter((p) => p.kind !== 'match')).toEqual([{ kind: 'extra', student: expect.objectContaining({ signature: expect.objectContaining({ className: 'Conv2D', kernelSize: [1, 1] }) }) }]);
  });

  it('folds separate activation layers and keeps ResNet-20 in one canonical order', () => {
    const sequence = layerSequence(summarize(resnet20Topology()));
    // He et al.'s n = 3: 1 + 18 convolutions and 2 projections, each with a batch norm;
    // 9 blocks, each with an add; 19 ReLUs (the stem's, and two per block: after the
    // block's first batch norm and after its add), none foldable into a convolution.
    const count = (c: string) => sequence.filter((e) => e.signature.className === c).length;
    expect([count('Conv2D'), count('BatchNormalization'), count('Add'), count('Activation')]).toEqual([21, 21, 9, 19]);
    expect(sequence[sequence.length - 1].signature).toMatchObject({ className: 'Dense', units: 10, activation: 'softmax' });
  });

  it('keeps each merge\'s branches apart, with what they share placed before the merge', () => {
    const tree = layerTree(summarize(resnet20Topology()));
    // The stem (conv, batch norm, relu), then each block's Add with its branches and the relu
    // after it, then pooling and the classifier. The block's input, which both branches read,
    // is the relu before it, at the top level.
    expect(tree.map((item) => item.entry.signature.className)).toEqual(['Conv2D', 'BatchNormalization', 'Activation', ...Array(9).fill(['Add', 'Activation']).flat(), 'GlobalAveragePooling2D', 'Dense']);
    // Identity shortcuts are empty branches; a projection is 1x1 conv and batch norm beside the
    // main path's conv, batch norm, relu, conv, batch norm.
    const branchSizes = tree.flatMap((item) => (item.kind === 'merge' ? [item.branches.map((b) => b.length).sort()] : []));
    expect(branchSizes).toEqual([[0, 5], [0, 5], [0, 5], [2, 5], [0, 5], [0, 5], [2, 5], [0, 5], [0, 5]]);
  });
});
