// What a rubric's schema cannot say: each task's reference must accept the task's arguments,
// and the data it trains on must fit them. Problems come back with the path they concern.

import { taskReferenceTopology } from '../../reference';
import { inlineArgumentProblems } from '../../reference/inline';
import { summarize } from '../model/summarize';
import { datasetName, datasetShape } from '../train/dataset_shapes';
import type { Rubric } from './schema';

export interface RubricProblem {
  path: (string | number)[];
  message: string;
}

export function rubricProblems(rubric: Rubric): RubricProblem[] {
  const problems: RubricProblem[] = [];
  const ids = new Set<string>();
  rubric.tasks.forEach((task, i) => {
    if (ids.has(task.id)) problems.push({ path: ['tasks', i, 'id'], message: `another task is already called "${task.id}"` });
    ids.add(task.id);
    if (task.expected) {
      const argProblems = inlineArgumentProblems(task.expected);
      for (const p of argProblems) problems.push({ path: ['tasks', i, 'expected', p.index], message: p.message });
      if (argProblems.length) return;
    }
    try {
      const out = summarize(taskReferenceTopology(task)).outputShape;
      if (out.length !== 2 || out[1] !== task.args.numClasses) {
        problems.push({ path: ['tasks', i, task.expected ? 'expected' : 'args'], message: `the ${task.expected ? 'expected layers end' : `reference ${task.reference} ends`} in ${JSON.stringify(out)}, not one score for each of args.numClasses = ${task.args.numClasses} classes` });
      }
    } catch (error) {
      const message = (error as Error).message;
      problems.push(
        task.expected
          ? { path: ['tasks', i, 'expected'], message: `the expected layers do not make a model: ${message}` }
          : { path: ['tasks', i, 'args'], message: `the reference ${task.reference} cannot take these arguments: ${message}` },
      );
    }
  });
  return problems;
}

/**
 * Whether each task's data set is there and fits its arguments; separate from the rest,
 * because a student's --no-train check must not need the instructor's data files.
 */
export function dataProblems(rubric: Rubric): RubricProblem[] {
  const problems: RubricProblem[] = [];
  rubric.tasks.forEach((task, i) => {
    if (task.train) {
      const where = ['tasks', i, 'train', 'dataset'];
      let data: ReturnType<typeof datasetShape>;
      try {
        data = datasetShape(task.train.dataset, task.args.inputShape);
      } catch (error) {
        problems.push({ path: where, message: (error as Error).message });
        return;
      }
      const shape = task.args.inputShape.join('x');
      const classes = data.numClasses ?? task.args.numClasses;
      const name = datasetName(task.train.dataset);
      if (typeof task.train.dataset === 'object' && 'imageFolder' in task.train.dataset) {
        // An image folder is resized to the task's input: only its classes can disagree.
        if (classes !== task.args.numClasses) problems.push({ path: where, message: `${name} has ${classes} class folders; args.numClasses is ${task.args.numClasses}` });
      } else if (shape !== data.imageShape.join('x') || task.args.numClasses !== classes) {
        problems.push({ path: where, message: `${name} has ${data.imageShape.join('x')} images in ${classes} classes; the task's args ask for ${shape} and ${task.args.numClasses}` });
      }
    }
  });
  return problems;
}
