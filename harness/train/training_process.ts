// A brief training in a process of its own that the grader kills at the time limit: the loop
// checks its budget between steps, so one step of a student's model built to be slow would
// otherwise run as long as it likes in the trusted process. The reference trains the same way,
// beside the student's run, so that one check uses two cores.

import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { packageRoot } from '../paths';
import { killGroup, trackGroup } from '../process_groups';
import type { CanonicalTopology } from '../model/canonical_topology';
import type { TrainSettings } from '../rubric/schema';
import type { ModelTrainResult } from '../types';
import type { BackendName } from './backends';
import { failedRun, modelTrainResultSchema } from './train_result';

/** What the grader sends the training process on its standard input. */
export interface TrainingRequest {
  topology: CanonicalTopology;
  settings: TrainSettings;
  args: { inputShape: number[]; numClasses: number };
  backend: BackendName;
}

/** The descriptor the training process writes its result to; stdout and stderr are for people. */
export const RESULT_FD = 3;

/** Time for the process to start, load its backend and data set and build the model. */
const STARTUP_SECONDS = 60;
/** Evaluation may run past the training limit (train_model.ts's EVAL_GRACE_MS) and then some. */
const EVALUATION_SECONDS = 15;

/**
 * Trains the student's model in `cnn-grade train-job`, killed (with its process group) when it
 * runs `graceSeconds` past its time limit (by default time to start up and to evaluate).
 */
export function trainInOwnProcess(request: TrainingRequest, graceSeconds = STARTUP_SECONDS + EVALUATION_SECONDS): Promise<ModelTrainResult> {
  const cli = path.join(packageRoot(), 'bin', 'cnn-grade.js');
  const limitSeconds = request.settings.timeLimitSeconds + graceSeconds;
  const started = Date.now();
  return new Promise((resolve) => {
    // In a group of its own that is killed however the grader ends (process_groups.ts).
    const child = spawn(process.execPath, [cli, 'train-job'], { stdio: ['pipe', 'ignore', 'pipe', 'pipe'], detached: true });
    const pid = child.pid;
    const untrack = pid !== undefined ? trackGroup(pid) : () => {};
    const kill = () => pid !== undefined && killGroup(pid);
    let stderr = '';
    let answer = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-2000)));
    (child.stdio[RESULT_FD] as NodeJS.ReadableStream).on('data', (chunk: Buffer) => (answer += chunk.toString()));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      kill();
    }, limitSeconds * 1000);
    child.stdin!.on('error', () => {}); // a child that died early closes its end; the exit says why
    child.stdin!.end(JSON.stringify(request));
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      untrack();
      kill(); // anything the run left in its group
      const seconds = (Date.now() - started) / 1000;
      if (timedOut) return resolve(failedRun(seconds, `training was stopped after ${Math.round(seconds)} s: the time limit is ${request.settings.timeLimitSeconds} s and one step or the evaluation ran past it`));
      if (code === 0) {
        try {
          return resolve(modelTrainResultSchema.parse(JSON.parse(answer)));
        } catch {
          // fall through: a result that does not parse is a failed run
        }
      }
      const last = stderr.split('\n').filter((l) => l.trim()).pop() ?? '';
      const how = signal ? `was killed by ${signal}` : `ended with exit code ${code}`;
      resolve(failedRun(seconds, `the training process ${how}${last ? ` (${last.slice(0, 200)})` : ''}`));
    });
  });
}
