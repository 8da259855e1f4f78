// The task's data set by its rubric's spec, read from its files (in a training process).

import { loadCifar10 } from './cifar10';
import { loadIdxDataset, type ImageDataset } from './dataset';
import { datasetName, type DatasetSpec } from './dataset_shapes';
import { loadImageFolder } from './image_folder';
import { loadMnist } from './mnist';

export function loadDataset(spec: DatasetSpec, inputShape: number[], numClasses: number): ImageDataset {
  if (spec === 'mnist') return loadMnist();
  if ('cifar10' in spec) return loadCifar10(spec.cifar10);
  if ('imageFolder' in spec) return loadImageFolder(spec.imageFolder.train, spec.imageFolder.test, inputShape as [number, number, number], datasetName(spec));
  return loadIdxDataset(spec.idx, numClasses, datasetName(spec));
}
