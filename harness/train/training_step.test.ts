import { tf } from '../tfjs';
import { crossEntropy, logitsCrossEntropy } from './training_step';

describe('the training losses', () => {
  // One image of class 0 in 3 classes, scored [2, 0, 0] by a relu head.
  const label = () => tf.tensor2d([[1, 0, 0]]);
  const scores = () => tf.tensor2d([[2, 0, 0]]);

  it('cross-entropy of probabilities is no loss for outputs that are not probabilities', () => {
    // 2 clips to 1 - 1e-7: -ln(1 - 1e-7) = 1e-7, "0.000", however the other classes score.
    expect(crossEntropy(label(), scores()).dataSync()[0]).toBeCloseTo(0, 6);
  });

  it('cross-entropy of logits is the softmax\'s: ln(1 + 2 e^-2) for [2, 0, 0] on class 0', () => {
    // softmax([2, 0, 0])[0] = e^2 / (e^2 + 2); -ln of it = ln(1 + 2 e^-2) = 0.2395.
    expect(logitsCrossEntropy(label(), scores()).dataSync()[0]).toBeCloseTo(Math.log(1 + 2 * Math.exp(-2)), 6);
    // The same for probabilities written as a softmax: both losses agree on what they share.
    expect(crossEntropy(label(), tf.softmax(scores())).dataSync()[0]).toBeCloseTo(Math.log(1 + 2 * Math.exp(-2)), 6);
  });
});
