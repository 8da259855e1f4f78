import { GraphBuilder, type Sym as RefSym } from '../../reference/graph_builder';
import { REFERENCES } from '../../reference';
import { summaryOf } from '../test_support';
import { tf } from '../tfjs';
import { alignLayers, type AlignedPair } from './align_layers';
import { layerTree } from './layer_sequence';
import { summarize } from './summarize';

type Sym = ReturnType<typeof tf.input>;

/** What an alignment says is wrong, one line each. */
const findings = (pairs: AlignedPair[]) =>
  pairs.flatMap((p) =>
    p.kind === 'match' ? p.differences.map((d) => `${p.student.name}: ${d.field} ${JSON.stringify(d.found)}, expected ${JSON.stringify(d.expected)}`) : p.kind === 'extra' ? [`extra ${p.student.name}`] : [`missing ${p.reference.name} after ${p.after?.name ?? 'nothing'}`],
  );

/**
 * A projection block: a 1x1 shortcut (conv, batch norm) added to a main path (3x3 conv, batch
 * norm, relu, 3x3 conv, batch norm), the Add's inputs in the order asked for.
 */
function projectionBlock(prefix: string, { shortcutFirst = true, shortcutBias = false, mainKernel = 3, withAdd = true } = {}) {
  const input = tf.input({ shape: [8, 8, 4] });
  const bn = (x: Sym, name: string) => tf.layers.batchNormalization({ name: `${prefix}${name}_bn` }).apply(x) as Sym;
  const conv = (x: Sym, name: string, kernelSize: number, useBias = false) => bn(tf.layers.conv2d({ filters: 8, kernelSize, padding: 'same', useBias, name: `${prefix}${name}` }).apply(x) as Sym, name);
  const shortcut = conv(input, 'proj', 1, shortcutBias);
  const main = conv(tf.layers.activation({ activation: 'relu', name: `${prefix}relu` }).apply(conv(input, 'conv1', 3)) as Sym, 'conv2', mainKernel);
  const joined = withAdd ? (tf.layers.add({ name: `${prefix}add` }).apply(shortcutFirst ? [shortcut, main] : [main, shortcut]) as Sym) : main;
  const out = tf.layers.dense({ units: 3, name: `${prefix}dense` }).apply(tf.layers.globalAveragePooling2d({ name: `${prefix}pool` }).apply(joined) as Sym) as Sym;
  return layerTree(summaryOf(tf.model({ inputs: input, outputs: out })));
}

describe('alignLayers pairs branches by content', () => {
  const reference = projectionBlock('ref_');

  it.each([true, false])('reports a difference in one branch of an Add as that difference alone (shortcut listed first: %s)', (shortcutFirst) => {
    expect(findings(alignLayers(projectionBlock('a_', { shortcutFirst, shortcutBias: true }), reference))).toEqual(['a_proj: useBias true, expected false']);
    expect(findings(alignLayers(projectionBlock('b_', { shortcutFirst, mainKernel: 5 }), reference))).toEqual(['b_conv2: kernelSize [5,5], expected [3,3]']);
  });

  it('reports nothing for the branches listed the other way round', () => {
    expect(findings(alignLayers(projectionBlock('c_', { shortcutFirst: false }), reference))).toEqual([]);
  });

  it('still pairs the layers of a merge the student left out, and names the merge missing', () => {
    // Without the Add the shortcut leads nowhere, so tfjs drops it: the main path alone.
    expect(findings(alignLayers(projectionBlock('d_', { withAdd: false }), reference))).toEqual(['missing ref_proj after nothing', 'missing ref_proj_bn after nothing', 'missing ref_add after d_conv2_bn']);
  });

  it('aligns a student\'s 600 nested merges with ResNet-152 in bounded time', () => {
    // Each merge adds a 3x3 branch to everything inside it: 1,803 layers, nested 600 deep.
    // Pairing each of them with each reference merge used to take minutes and run out of memory.
    const g = new GraphBuilder('nested');
    const nest = (x: RefSym, depth: number): RefSym => {
      if (depth === 0) return g.conv2d(x, { filters: 4, kernelSize: 1 });
      return g.add([nest(g.conv2d(x, { filters: 4, kernelSize: 1 }), depth - 1), g.conv2d(x, { filters: 4, kernelSize: 3, padding: 'same' })]);
    };
    const student = summarize(g.topology(g.dense(g.globalAveragePooling2d(nest(g.input([8, 8, 4]), 600)), { units: 10, activation: 'softmax' })));
    const start = Date.now();
    alignLayers(layerTree(student), layerTree(summarize(REFERENCES.resnet152.topology({}))));
    // About a second on one core.
    expect(Date.now() - start).toBeLessThan(15_000);
  });
});
