// One submission graded in a process of its own (`cnn-grade worker --job FILE`), so that a
// student's crash or memory spike ends that process only. Class runs start it locally; a
// queue worker starts it for each job it takes.

import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { detectIsolation } from '../load/isolation';
import { packageRoot } from '../paths';
import type { GradeJob } from './job';

/**
 * Runs the worker for one job in its own process; resolves with what went wrong, if anything.
 * The worker isolates the student's code at this process's level (bubblewrap, or the
 * permission model alone only where this process accepted it), never a weaker one.
 * `detached`: in a process group of its own, so that Ctrl-C in the caller's terminal does not
 * reach it (a queue worker finishes the job in hand first).
 */
export function runWorker(jobFile: string, { detached = false } = {}): Promise<string | null> {
  const cli = path.join(packageRoot(), 'bin', 'cnn-grade.js');
  const isolation = detectIsolation().level === 'bwrap+permissions' ? 'bwrap' : 'permissions';
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cli, 'worker', '--job', jobFile, '--isolation', isolation], { stdio: ['ignore', 'ignore', 'pipe'], detached });
    let tail = '';
    child.stderr!.on('data', (chunk: Buffer) => (tail = (tail + chunk.toString()).slice(-2000)));
    child.on('close', (code, signal) => {
      if (code === 0) return resolve(null);
      const why = tail.split('\n').find((l) => l.startsWith('cnn-grade:')) ?? (signal ? `killed by ${signal}` : `exited with code ${code}`);
      resolve(`the grader failed: ${why.replace(/^cnn-grade: /, '').slice(0, 200)}`);
    });
  });
}

/** Writes the job where runWorker reads it. */
export function writeJob(file: string, job: GradeJob): void {
  fs.writeFileSync(file, JSON.stringify(job));
}
