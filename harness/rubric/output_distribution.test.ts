import { tf } from '../tfjs';
import { summaryOf } from '../test_support';
import { outputDistribution, outputLayers } from './output_distribution';

/** Flatten(28x28x1) and then `head`, as a Sequential. */
const sequential = (...head: tf.layers.Layer[]) => summaryOf(tf.sequential({ layers: [tf.layers.flatten({ inputShape: [28, 28, 1] }), ...head] }));
const ofOnlyOutput = (summary: ReturnType<typeof sequential>) => outputDistribution(summary, outputLayers(summary)[0].name);

describe('whether the output is a probability distribution', () => {
  it('accepts a softmax written as the dense layer\'s activation, as an Activation layer, or as a Softmax layer', () => {
    for (const head of [
      [tf.layers.dense({ units: 10, activation: 'softmax' })],
      [tf.layers.dense({ units: 10 }), tf.layers.activation({ activation: 'softmax' })],
      [tf.layers.dense({ units: 10, activation: 'relu' }), tf.layers.softmax()],
      // An identity after the softmax computes nothing.
      [tf.layers.dense({ units: 10, activation: 'softmax' }), tf.layers.activation({ activation: 'linear' })],
    ]) {
      expect(ofOnlyOutput(sequential(...head))).toEqual({ output: expect.any(String), last: 'softmax', problem: null });
    }
  });

  it('names a relu or linear last layer and says what to write', () => {
    expect(ofOnlyOutput(sequential(tf.layers.dense({ units: 10, activation: 'relu', name: 'scores' })))).toEqual({
      output: 'scores',
      last: 'activation relu',
      problem: "the last layer's activation is relu: the outputs are not probabilities; use activation: 'softmax' in scores",
    });
    // The linear default, as a model meant for a from-logits loss has it.
    expect(ofOnlyOutput(sequential(tf.layers.dense({ units: 10, name: 'logits' }))).problem).toBe("the last layer's activation is linear: the outputs are not probabilities; use activation: 'softmax' in logits");
    // A separate Activation('relu') after a linear Dense is the last activation, named as the student named it.
    expect(ofOnlyOutput(sequential(tf.layers.dense({ units: 10 }), tf.layers.activation({ activation: 'relu', name: 'act' }))).problem).toBe(
      "the last layer's activation is relu: the outputs are not probabilities; use activation: 'softmax' in act",
    );
  });

  it('names a last layer that has no activation', () => {
    const summary = sequential(tf.layers.dense({ units: 10, activation: 'softmax' }), tf.layers.dropout({ rate: 0.5, name: 'late_dropout' }));
    expect(ofOnlyOutput(summary)).toEqual({
      output: 'late_dropout',
      last: 'a Dropout layer',
      problem: "the model ends with a Dropout layer (late_dropout), not a softmax: the outputs are not probabilities; end it with activation: 'softmax'",
    });
  });

  it('looks through a Flatten after a softmax only when the softmax covers the whole output', () => {
    const convHead = (size: number) =>
      summaryOf(
        tf.sequential({
          layers: [tf.layers.conv2d({ inputShape: [size, size, 4], filters: 10, kernelSize: 1, activation: 'softmax', name: 'conv' }), tf.layers.flatten({ name: 'flat' })],
        }),
      );
    // 1x1x10: one softmax over the 10 outputs.
    expect(ofOnlyOutput(convHead(1)).problem).toBeNull();
    // 2x2x10: four softmaxes of 10, flattened to 40 outputs that sum to 4.
    expect(ofOnlyOutput(convHead(2)).problem).toBe('the softmax of conv sums to 1 over each group of 10 of the 40 outputs (its shape is [null,2,2,10]): the outputs are not one probability distribution');
  });

  it('finds every output of a model with an auxiliary head', () => {
    const input = tf.input({ shape: [8] });
    const hidden = tf.layers.dense({ units: 6, activation: 'relu', name: 'hidden' }).apply(input) as tf.SymbolicTensor;
    const main = tf.layers.dense({ units: 3, activation: 'softmax', name: 'main' }).apply(hidden) as tf.SymbolicTensor;
    const aux = tf.layers.dense({ units: 3, name: 'aux' }).apply(hidden) as tf.SymbolicTensor;
    const summary = summaryOf(tf.model({ inputs: input, outputs: [main, aux] }));
    expect(outputLayers(summary).map((l) => l.name).sort()).toEqual(['aux', 'main']);
    expect(outputDistribution(summary, 'aux').last).toBe('activation linear');
  });
});
