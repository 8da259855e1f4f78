// Each weighted layer's gradient size early and late in training, as SVG bars on a log scale
// (root mean square per weight), computed here so templates only place the harness's numbers.

import type { GradientNorms } from '../types';

export interface GradientChart {
  width: number;
  height: number;
  bars: { x: number; y: number; height: number; kind: 'early' | 'final'; title: string }[];
  labels: { x: number; text: string }[];
  top: string;
  bottom: string;
}

export function gradientChart(g: GradientNorms, height = 140, barWidth = 10): GradientChart | null {
  const rms = (norm: number, i: number) => norm / Math.sqrt(Math.max(1, g.params[i]));
  const values = g.layers.flatMap((_, i) => [rms(g.early[i], i), rms(g.final[i], i)]).filter((v) => Number.isFinite(v) && v > 0);
  if (values.length === 0) return null;
  const hi = Math.ceil(Math.log10(Math.max(...values)));
  const lo = Math.min(hi - 1, Math.floor(Math.log10(Math.min(...values))));
  const scale = (v: number) => (Number.isFinite(v) && v > 0 ? ((Math.log10(v) - lo) / (hi - lo)) * height : 0);
  const group = barWidth * 3;
  const bars: GradientChart['bars'] = [];
  g.layers.forEach((layer, i) => {
    (['early', 'final'] as const).forEach((kind, k) => {
      const v = rms(kind === 'early' ? g.early[i] : g.final[i], i);
      const h = scale(v);
      bars.push({ x: i * group + k * barWidth, y: height - h, height: h, kind, title: `${layer}, ${kind === 'early' ? 'first steps' : 'last step'}: ${v.toExponential(2)} per weight` });
    });
  });
  return { width: g.layers.length * group, height, bars, labels: g.layers.map((text, i) => ({ x: i * group + barWidth, text })), top: `1e${hi}`, bottom: `1e${lo}` };
}
