// A grading machine's side of a Redis queue (see queue_protocol.ts): takes one job at a time,
// grades it in a process of its own, as a local class run does, and sends back the record.
// Stops between jobs on SIGINT or SIGTERM (the grading process has its own process group, so
// Ctrl-C does not reach it). Messages that are not jobs, and jobs of a run whose coordinator
// has stopped, are dropped.

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { redactUrl } from '../collect/git_collect';
import { UsageError } from '../errors';
import type { SubmissionResult } from '../types';
import type { GradeJob } from './job';
import { connectRedis } from './redis_connection';
import { isQueuedJob, JOBS_KEY, leaseKey, leaseSeconds, materialize, PROCESSING_KEY, resultsKey, runKey, type QueuedJob, type QueuedResult } from './queue_protocol';
import { runWorker, writeJob } from './worker_process';

/** Grades one queued job in a scratch folder, removed afterwards. */
async function gradeQueued(queued: QueuedJob): Promise<QueuedResult> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'cnn-grade-job-'));
  try {
    const dir = path.join(work, 'submission');
    fs.mkdirSync(dir);
    materialize(queued.files, dir);
    const outDir = path.join(work, 'out');
    const job: GradeJob = { ...queued.job, submission: { ...queued.job.submission, dir }, rubricText: queued.rubricText, outDir };
    const jobFile = path.join(work, 'job.json');
    writeJob(jobFile, job);
    const failure = await runWorker(jobFile, { detached: true });
    if (failure) return { jobId: queued.jobId, failure: failure.replace(/^the grader failed: /, '') };
    const record = JSON.parse(fs.readFileSync(path.join(outDir, 'submission.json'), 'utf8')) as SubmissionResult;
    // The coordinator's view of the submission, not this machine's scratch folder.
    return { jobId: queued.jobId, record: { ...record, submission: { ...record.submission, dir: queued.job.submission.dir } } };
  } catch (error) {
    return { jobId: queued.jobId, failure: (error as Error).message };
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

export async function serveQueue(url: string, say: (line: string) => void): Promise<void> {
  const client = await connectRedis(url);
  let stopping = false;
  const stop = () => {
    stopping = true;
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  say('waiting for jobs (Ctrl-C stops between jobs)');
  try {
    while (!stopping) {
      // Taken atomically into the processing list: no other worker can take it too.
      const raw = await client.blMove(JOBS_KEY, PROCESSING_KEY, 'RIGHT', 'LEFT', 1);
      if (!raw) continue;
      let queued: unknown;
      try {
        queued = JSON.parse(raw);
      } catch {
        queued = undefined;
      }
      if (!isQueuedJob(queued)) {
        say('dropped a message that is not a cnn-grade job');
        await client.lRem(PROCESSING_KEY, 1, raw);
        continue;
      }
      if (!(await client.exists(runKey(queued.runId)))) {
        say(`dropped ${queued.job.submission.id}'s job: the class run that queued it has stopped`);
        await client.lRem(PROCESSING_KEY, 1, raw);
        continue;
      }
      const started = Date.now();
      // The lease says this worker is alive and on the job; the coordinator hands the job out
      // again if it lapses.
      const lease = leaseKey(queued.jobId);
      const seconds = leaseSeconds();
      await client.set(lease, '1', { EX: seconds });
      const renew = setInterval(() => void client.expire(lease, seconds).catch(() => undefined), (seconds * 1000) / 3);
      let result: QueuedResult;
      try {
        result = await gradeQueued(queued);
      } finally {
        clearInterval(renew);
      }
      // A run's results list lasts a day at most: a coordinator that gave up never reads it.
      await client.multi().lPush(resultsKey(queued.runId), JSON.stringify(result)).expire(resultsKey(queued.runId), 86_400).lRem(PROCESSING_KEY, 1, raw).del(lease).exec();
      const outcome = 'record' in result ? `${result.record.score} / ${result.record.maxScore}` : `failed: ${result.failure}`;
      say(`${queued.job.submission.id}: ${outcome} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
    }
  } catch (error) {
    throw new UsageError(`lost the connection to Redis (${redactUrl((error as Error).message)}); start the worker again when Redis is back`);
  } finally {
    if (client.isOpen) await client.quit().catch(() => undefined);
  }
}
