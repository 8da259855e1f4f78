// Gradient health of a training run, as findings a person can act on: vanishing gradients
// (the first layers learn orders of magnitude slower than the last) and exploding ones.
// Compared per weight (root mean square), so a layer's size does not decide.

import type { GradientNorms } from '../types';

/** First layers' RMS gradient this many times below the last layer's: vanishing. */
export const VANISHING_RATIO = 1e-3;
/** An RMS gradient above this, or grown this many times since the start: exploding. */
export const EXPLODING_RMS = 100;
export const EXPLODING_GROWTH = 1e3;

const rms = (norm: number, params: number) => norm / Math.sqrt(Math.max(1, params));

export function gradientFindings(g: GradientNorms): string[] {
  const findings: string[] = [];
  const n = g.layers.length;
  if (n === 0) return findings;
  const early = g.early.map((norm, i) => rms(norm, g.params[i]));
  const final = g.final.map((norm, i) => rms(norm, g.params[i]));
  const nonFinite = g.layers.filter((_, i) => !Number.isFinite(early[i]) || !Number.isFinite(final[i]));
  if (nonFinite.length) findings.push(`non-finite gradients in ${nonFinite.join(', ')}`);
  if (n >= 2 && Number.isFinite(early[0]) && Number.isFinite(early[n - 1]) && early[0] < VANISHING_RATIO * early[n - 1]) {
    findings.push(`vanishing gradients: at the start, ${g.layers[0]}'s gradients are ${(early[n - 1] / Math.max(early[0], 1e-30)).toExponential(1)} times smaller than ${g.layers[n - 1]}'s`);
  }
  g.layers.forEach((layer, i) => {
    if (final[i] > EXPLODING_RMS || (early[i] > 0 && final[i] / early[i] > EXPLODING_GROWTH)) {
      findings.push(`exploding gradients in ${layer}: ${final[i].toExponential(1)} per weight at the end, ${early[i].toExponential(1)} at the start`);
    }
  });
  return findings;
}
