// Compute backends: which are installed, which works, which `auto` picks. The native ones
// (tfjs-node-gpu, tfjs-node) are optional peer dependencies the user installs; wasm and cpu
// come with the harness.

import { tf } from '../tfjs';
import { UsageError } from '../errors';
import { registerWasmKernels } from './kernels/wasm_kernels';

export const BACKEND_NAMES = ['tfjs-node-gpu', 'tfjs-node', 'wasm', 'cpu'] as const;
export type BackendName = (typeof BACKEND_NAMES)[number];
export type BackendChoice = BackendName | 'auto';

interface BackendInfo {
  /** The package that provides it. */
  packageName: string;
  /** The name tfjs registers it under. */
  tfjsName: string;
  install: string;
}

const INFO: Record<BackendName, BackendInfo> = {
  'tfjs-node-gpu': { packageName: '@tensorflow/tfjs-node-gpu', tfjsName: 'tensorflow', install: 'npm install @tensorflow/tfjs-node-gpu@4.22.0 (needs CUDA 11.8 and cuDNN 8.6, and internet at install time)' },
  'tfjs-node': { packageName: '@tensorflow/tfjs-node', tfjsName: 'tensorflow', install: 'npm install @tensorflow/tfjs-node@4.22.0 (downloads libtensorflow at install time)' },
  wasm: { packageName: '@tensorflow/tfjs-backend-wasm', tfjsName: 'wasm', install: 'npm install (it is a dependency of cnn-grade)' },
  cpu: { packageName: '@tensorflow/tfjs-backend-cpu', tfjsName: 'cpu', install: 'npm install (it is a dependency of cnn-grade)' },
};

export function isInstalled(name: BackendName): boolean {
  try {
    require.resolve(INFO[name].packageName);
    return true;
  } catch {
    return false;
  }
}

/** Loads the backend's package and makes it tfjs' current backend. */
async function activate(name: BackendName): Promise<void> {
  if (name !== 'cpu') require(INFO[name].packageName);
  if (!(await tf.setBackend(INFO[name].tfjsName))) throw new Error(`tfjs could not start the ${name} backend`);
  await tf.ready();
  // After start-up: the stock kernels the harness wraps must have run their set-up first.
  if (name === 'wasm') registerWasmKernels();
}

/** A start-up probe: one convolution gradient step must give finite numbers. */
function probe(): void {
  const finite = tf.tidy(() => {
    const x = tf.randomNormal([2, 6, 6, 2], 0, 1, 'float32', 7) as tf.Tensor4D;
    const w = tf.variable(tf.randomNormal([3, 3, 2, 3], 0, 1, 'float32', 8));
    const grads = tf.variableGrads(() => tf.mean(tf.square(tf.conv2d(x, w as tf.Tensor4D, 1, "same"))) as tf.Scalar, [w]);
    const ok = tf.all(tf.isFinite(grads.grads[w.name])).dataSync()[0] === 1;
    w.dispose(); // variables outlive tidy
    return ok;
  });
  if (!finite) throw new Error('the probe gradient was not finite');
}

export interface ActiveBackend {
  name: BackendName;
  /** Backends auto skipped, with why. */
  skipped: string[];
}

export async function useBackend(choice: BackendChoice): Promise<ActiveBackend> {
  if (choice !== 'auto') {
    if (!isInstalled(choice)) throw new UsageError(`the ${choice} backend is not installed; to add it: ${INFO[choice].install}`);
    await activate(choice);
    probe();
    return { name: choice, skipped: [] };
  }
  const skipped: string[] = [];
  for (const name of BACKEND_NAMES) {
    if (!isInstalled(name)) {
      skipped.push(`${name}: not installed`);
      continue;
    }
    try {
      await activate(name);
      probe();
      return { name, skipped };
    } catch (error) {
      skipped.push(`${name}: ${(error as Error).message.split('\n')[0]}`);
    }
  }
  throw new Error(`no compute backend works: ${skipped.join('; ')}`);
}

export function parseBackendChoice(value: string): BackendChoice {
  if (value === 'auto' || (BACKEND_NAMES as readonly string[]).includes(value)) return value as BackendChoice;
  throw new UsageError(`unknown backend "${value}"; choose one of auto, ${BACKEND_NAMES.join(', ')}`);
}
