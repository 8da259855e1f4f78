// Runs a task's checks. A check that cannot run (no model, a crash inside a check) scores 0
// with its reason: fail closed.

import type { CheckResult } from '../types';
import { checkId, type CheckContext, type CheckOutcome } from './check_context';
import { checkLayers } from './check_layers';
import { checkDepth } from './check_depth';
import { checkLayerClasses } from './check_layer_classes';
import { checkShape } from './check_shape';
import { checkParams } from './check_params';
import { checkTraining } from './check_training';
import type { RubricCheck, RubricTask } from './schema';

const DEFAULT_NAMES: Record<RubricCheck['kind'], string> = {
  layers: 'Layer structure',
  params: 'Parameter count',
  output_shape: 'Output shape',
  input_shape: 'Input shape',
  layer_classes: 'Layer classes',
  depth: 'Depth',
  training: 'Brief training',
};

function runOne(ctx: CheckContext, check: RubricCheck): CheckOutcome {
  switch (check.kind) {
    case 'layers':
      return checkLayers(ctx, check);
    case 'params':
      return checkParams(ctx, check);
    case 'output_shape':
      return checkShape(ctx, check, 'output');
    case 'input_shape':
      return checkShape(ctx, check, 'input');
    case 'layer_classes':
      return checkLayerClasses(ctx, check);
    case 'depth':
      return checkDepth(ctx, check);
    case 'training':
      return checkTraining(ctx, check);
  }
}

/** `context` is a CheckContext, or the reason there is no model to check. */
export function runChecks(task: RubricTask, context: CheckContext | { noModel: string }): CheckResult[] {
  return task.checks.map((check, index) => {
    const base = { id: checkId(task, check, index), name: check.name ?? DEFAULT_NAMES[check.kind], kind: check.kind, maxScore: check.points, visibility: check.visibility };
    if ('noModel' in context) return { ...base, score: 0, status: 'error', messages: [`not checked: ${context.noModel}`] };
    try {
      return { ...base, ...runOne(context, check) };
    } catch (error) {
      return { ...base, score: 0, status: 'error', messages: [`the check could not run: ${(error as Error).message}`] };
    }
  });
}
