// The loss curves of a training run as SVG path data, computed here so that templates only
// place numbers the harness made (nothing a student controls reaches the SVG).

import type { TrainCurvePoint } from '../types';

export interface LossChart {
  width: number;
  height: number;
  /** The SVG's size with room for the axis labels around the plot. */
  viewWidth: number;
  viewHeight: number;
  studentPath: string;
  referencePath: string;
  maxLoss: string;
  lastStep: number;
}

export function lossChart(student: TrainCurvePoint[], reference: TrainCurvePoint[], width = 480, height = 180): LossChart | null {
  const finite = [...student, ...reference].filter((p) => Number.isFinite(p.loss));
  if (finite.length === 0) return null;
  const maxLoss = Math.max(...finite.map((p) => p.loss), 1e-6);
  const lastStep = Math.max(...finite.map((p) => p.step), 1);
  const toPath = (points: TrainCurvePoint[]) =>
    points
      .filter((p) => Number.isFinite(p.loss))
      .map((p, i) => `${i === 0 ? 'M' : 'L'}${((p.step / lastStep) * width).toFixed(1)},${(height - (p.loss / maxLoss) * height).toFixed(1)}`)
      .join(' ');
  return { width, height, viewWidth: width + 50, viewHeight: height + 30, studentPath: toPath(student), referencePath: toPath(reference), maxLoss: maxLoss.toFixed(2), lastStep };
}
