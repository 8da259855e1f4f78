// The program that runs inside the sandbox: it loads the student's bundle, calls the builder
// and writes the model's topology JSON to the answer descriptor. Built with tfjs into one file
// (dist/sandbox-child.js) so that the child needs to read nothing but that file and the bundle.

import * as fs from 'node:fs';
import * as tfc from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
// Tensor methods such as x.square(), as the @tensorflow/tfjs package registers them (esbuild
// bundles this ES module; Node's require could not load it).
import '@tensorflow/tfjs-core/dist/public/chained_ops/register_all_chained_ops';
import * as tfl from '@tensorflow/tfjs-layers';
import * as cnnGradeLayers from '../layers';
import { TFJS_GLOBAL } from './bundle_globals';
import type { ChildAnswer } from './sandbox_answer';
import { ANSWER_FD, type ChildRequest } from './sandbox_protocol';

tfc.env().set('PROD', true);

let answered = false;
function answer(message: ChildAnswer): void {
  if (answered) return;
  answered = true;
  fs.writeSync(ANSWER_FD, JSON.stringify(message));
}

function describeThrown(value: unknown): { message: string; stack?: string; code?: string } {
  if (value instanceof Error) {
    const code = (value as { code?: unknown }).code;
    return { message: `${value.name}: ${value.message}`, stack: value.stack, ...(typeof code === 'string' ? { code } : {}) };
  }
  let text: string;
  try {
    text = typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);
  } catch {
    text = Object.prototype.toString.call(value);
  }
  return { message: `a non-Error value: ${text.slice(0, 500)}` };
}

async function main(): Promise<void> {
  const [bundlePath, requestJson] = process.argv.slice(2);
  // The parent starts the child with an empty environment; the shell that applies the memory
  // limit adds PWD. Student code sees nothing.
  for (const key of Object.keys(process.env)) delete process.env[key];
  const request = JSON.parse(requestJson) as ChildRequest;
  const tfjs = { ...tfc, ...tfl };
  (globalThis as Record<string, unknown>)[TFJS_GLOBAL] = {
    '@tensorflow/tfjs': tfjs,
    '@tensorflow/tfjs-core': tfc,
    '@tensorflow/tfjs-layers': tfl,
    'cnn-grade/layers': cnnGradeLayers,
  };
  process.on('uncaughtException', (error) => {
    answer({ kind: 'throw', ...describeThrown(error) });
    process.exit(0);
  });
  process.on('unhandledRejection', (error) => {
    answer({ kind: 'throw', ...describeThrown(error) });
    process.exit(0);
  });

  let exported: Record<string, unknown>;
  try {
    exported = require(bundlePath) as Record<string, unknown>;
  } catch (error) {
    return answer({ kind: 'throw', ...describeThrown(error) });
  }
  const builder = exported[request.exportName];
  if (typeof builder !== 'function') {
    const names = Object.keys(exported).filter((k) => k !== '__esModule');
    if (request.exportName in exported) {
      return answer({ kind: 'missing-export', message: `exports ${request.exportName} as ${describeValue(builder)}, not as a function` });
    }
    const found = names.length ? `it exports ${names.slice(0, 10).join(', ')}` : 'it exports nothing';
    return answer({ kind: 'missing-export', message: `does not export a function named ${request.exportName} (${found})` });
  }
  let model: unknown;
  try {
    model = await builder(request.args);
  } catch (error) {
    return answer({ kind: 'throw', ...describeThrown(error) });
  }
  if (!(model instanceof tfl.LayersModel)) {
    return answer({ kind: 'invalid-model', message: `${request.exportName} returned ${describeValue(model)}, not a tf.LayersModel` });
  }
  answer({ kind: 'model', topology: JSON.stringify(model.toJSON(null, false)) });
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (typeof value !== 'object') return `a ${typeof value}`;
  return `an object (${value.constructor?.name ?? 'Object'})`;
}

main()
  .catch((error) => answer({ kind: 'throw', ...describeThrown(error) }))
  // The answer is written synchronously; whatever the student's code left running ends here.
  .finally(() => process.exit(0));
