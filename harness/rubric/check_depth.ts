// Check kind `depth`: the number of weight layers (convolutions and dense layers, as LeNet-5
// has 5, VGG-16 16 and ResNet-50 50 without its projections), at least `min`, at most `max`.

import { layerSequence } from '../model/layer_sequence';
import { LAYER_DESCRIPTORS } from '../model/layers';
import type { RubricCheck } from './schema';
import type { CheckContext, CheckOutcome } from './check_context';


export function checkDepth(ctx: CheckContext, check: Extract<RubricCheck, { kind: 'depth' }>): CheckOutcome {
  const depth = layerSequence(ctx.student).filter((e) => LAYER_DESCRIPTORS.get(e.signature.className)?.weightLayer).length;
  const messages: string[] = [];
  if (check.min !== undefined && depth < check.min) messages.push(`${depth} weight layers, fewer than the ${check.min} the lab asks for`);
  if (check.max !== undefined && depth > check.max) messages.push(`${depth} weight layers, more than the ${check.max} the lab allows`);
  const expected = [check.min !== undefined ? `at least ${check.min}` : '', check.max !== undefined ? `at most ${check.max}` : ''].filter(Boolean).join(', ');
  return { score: messages.length === 0 ? check.points : 0, status: messages.length === 0 ? 'passed' : 'failed', expected: `${expected} weight layers`, found: `${depth} weight layers`, messages };
}
