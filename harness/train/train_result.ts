// One model's training result as it crosses a boundary (the training process's answer, a
// reference-cache entry), declared once. JSON has no NaN or Infinity: a run that went
// non-finite writes null, which reads back as NaN; anything else is not a result.

import { z } from 'zod';
import type { ModelTrainResult } from '../types';

const number = z.number().nullable().transform((v) => v ?? Number.NaN);
const count = z.number().int().min(0);

export const modelTrainResultSchema: z.ZodType<ModelTrainResult, unknown> = z.object({
  finalLoss: z.number().nullable(),
  accuracy: z.number().min(0).max(1),
  curve: z.array(z.object({ step: count, loss: number })),
  steps: count,
  seconds: z.number().min(0),
  evalImages: count,
  stoppedEarly: z.string().optional(),
  gradients: z.object({ layers: z.array(z.string()), params: z.array(count), early: z.array(number), final: z.array(number) }).optional(),
});

/** A run that produced nothing to measure, with the reason. */
export function failedRun(seconds: number, why: string): ModelTrainResult {
  return { finalLoss: null, accuracy: 0, curve: [], steps: 0, seconds, evalImages: 0, stoppedEarly: why };
}
