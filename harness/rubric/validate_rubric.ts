// What a rubric's schema cannot say: each task's reference must accept the task's arguments,
// and the data it trains on must fit them. Problems come back with the path they concern.

import { taskReferenceTopology } from '../../reference';
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
    try {
      summarize(taskReferenceTopology(task));
    } catch (error) {
      const message = (error as Error).message;
      problems.push(
        task.expected
          ? { path: ['tasks', i, 'expected'], message: `the expected layers do not make a model: ${message}` }
          : { path: ['tasks', i, 'args'], message: `the reference ${task.reference} cannot take these arguments: ${message}` },
      );
    }
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
      if (shape !== data.imageShape.join('x') || task.args.numClasses !== classes) {
        problems.push({ path: where, message: `${datasetName(task.train.dataset)} has ${data.imageShape.join('x')} images in ${classes} classes; the task's args ask for ${shape} and ${task.args.numClasses}` });
      }
    }
  });
  return problems;
}
