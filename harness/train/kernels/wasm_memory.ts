// Where a tensor of tfjs' wasm backend lives in its memory: the byte offset the harness's
// kernels (which share that memory) take as a pointer.

import type { TensorInfo } from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

export function offset(b: BackendWasm, t: TensorInfo): number {
  return b.dataIdMap.get(t.dataId)!.memoryOffset;
}
