// Grading across machines through Redis: what the coordinator (`cnn-grade grade --queue`) and
// the workers (`cnn-grade worker --queue`) exchange. A job carries everything a worker needs
// (the submission's files, the rubric's text), so workers need no access to the repositories;
// a result carries the harness's record of the grading, which the coordinator writes and renders.
//
// Keys: jobs wait in a list; a worker moves one atomically to the processing list while it
// grades (so a job is never taken twice), holds a lease on it that it renews while it works,
// then pushes the result to the run's own results list. A job whose lease lapses (its worker
// died) goes back to the queue, a few times at most.

import * as fs from 'node:fs';
import * as path from 'node:path';
import type { GradeJob } from './job';
import type { SubmissionResult } from '../types';

export const JOBS_KEY = 'cnn-grade:jobs';
export const PROCESSING_KEY = 'cnn-grade:processing';
export const resultsKey = (runId: string) => `cnn-grade:results:${runId}`;
export const leaseKey = (jobId: string) => `cnn-grade:lease:${jobId}`;
/** Exists while the run's coordinator is alive: jobs of a run without it are graded for nobody. */
export const runKey = (runId: string) => `cnn-grade:run:${runId}`;

/** How long a worker's claim on a job lasts unless renewed (it renews every third of it). */
export function leaseSeconds(): number {
  const fromEnv = Number(process.env.CNN_GRADE_LEASE_SECONDS); // tests shorten it
  return Number.isFinite(fromEnv) && fromEnv > 0 ? fromEnv : 60;
}

/** A submission whose graders keep dying is given up after this many attempts. */
export const MAX_ATTEMPTS = 3;

/** The most a submission's files may weigh in a job: lab code, not data sets. */
export const MAX_SUBMISSION_BYTES = 8 * 1024 * 1024;

export interface QueuedJob {
  runId: string;
  jobId: string;
  /** 1 for the first hand-out, more when a worker died with it. */
  attempt: number;
  /** The job as a local grader would get it, without the coordinator's folders. */
  job: Omit<GradeJob, 'outDir'>;
  /** The rubric's text; its data paths resolve against job.rubricFile's folder, on the worker. */
  rubricText: string;
  /** The submission's files by relative path, base64. */
  files: Record<string, string>;
}

export type QueuedResult = { jobId: string; record: SubmissionResult } | { jobId: string; failure: string };

/**
 * The files of a submission folder, without .git, for a job. A symbolic link travels as the
 * file it points to when that is inside the folder (as the local bundler allows); one that
 * points outside (a student's link to /etc/passwd) is left out. Refuses folders over
 * MAX_SUBMISSION_BYTES, by their sizes, before reading them.
 */
export function snapshotFolder(dir: string): Record<string, string> {
  const root = fs.realpathSync(dir);
  const files: Record<string, string> = {};
  let bytes = 0;
  const walk = (rel: string) => {
    for (const entry of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const relPath = rel ? `${rel}/${entry.name}` : entry.name;
      const full = path.join(dir, relPath);
      if (entry.isDirectory()) {
        if (entry.name !== '.git') walk(relPath);
        continue;
      }
      let source = full;
      if (entry.isSymbolicLink()) {
        let target: string;
        try {
          target = fs.realpathSync(full);
        } catch {
          continue; // a dangling link
        }
        if (!target.startsWith(root + path.sep) || !fs.statSync(target).isFile()) continue;
        source = target;
      } else if (!entry.isFile()) {
        continue;
      }
      bytes += fs.statSync(source).size;
      if (bytes > MAX_SUBMISSION_BYTES) {
        throw new Error(`the submission's files weigh more than ${MAX_SUBMISSION_BYTES / 1024 / 1024} MB (${relPath} among them), too much to send to a grader: grade this student without --queue`);
      }
      files[relPath] = fs.readFileSync(source).toString('base64');
    }
  };
  walk('');
  return files;
}

/** Whether a message taken from the queue has a job's shape (anyone who reaches Redis can push one). */
export function isQueuedJob(value: unknown): value is QueuedJob {
  const v = value as QueuedJob | null;
  return (
    typeof v === 'object' && v !== null && typeof v.runId === 'string' && typeof v.jobId === 'string' && typeof v.attempt === 'number' &&
    typeof v.rubricText === 'string' && typeof v.files === 'object' && v.files !== null &&
    typeof v.job === 'object' && v.job !== null && typeof v.job.submission?.id === 'string' && typeof v.job.rubricFile === 'string'
  );
}

/** Writes a job's files under `dir`; a path that would land outside it is refused. */
export function materialize(files: Record<string, string>, dir: string): void {
  const root = path.resolve(dir);
  for (const [relPath, content] of Object.entries(files)) {
    const target = path.resolve(root, relPath);
    if (!target.startsWith(root + path.sep)) throw new Error(`job file "${relPath}" would be written outside the submission folder`);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, Buffer.from(content, 'base64'));
  }
}
