// The coordinator's side of grading through Redis (see queue_protocol.ts): pushes a job per
// submission and hands each result back to whoever waits for it. Fails closed: when no result
// at all arrives for `idleTimeoutMs` while jobs wait, those students get a row saying so.

import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import { writeOutputs } from '../report/write_outputs';
import type { GradeJob } from './job';
import { connectRedis, type RedisClient } from './redis_connection';
import { JOBS_KEY, resultsKey, snapshotFolder, type QueuedJob, type QueuedResult } from './queue_protocol';

export class QueueGraders {
  private readonly runId = randomUUID();
  private readonly waiting = new Map<string, (failure: string | null) => void>();
  private readonly jobs = new Map<string, { job: GradeJob; payload: string }>();
  private lastResult = Date.now();
  private reading: Promise<void> | undefined;
  private closed = false;

  private constructor(
    private readonly client: RedisClient,
    private readonly listener: RedisClient,
    private readonly idleTimeoutMs: number,
  ) {}

  static async connect(url: string, idleTimeoutMs: number): Promise<QueueGraders> {
    const client = await connectRedis(url);
    return new QueueGraders(client, await connectRedis(url), idleTimeoutMs);
  }

  /** Grades one job on some worker; resolves with null when its outputs are written, else why not. */
  async grade(job: GradeJob): Promise<string | null> {
    let files: Record<string, string>;
    try {
      files = snapshotFolder(job.submission.dir);
    } catch (error) {
      return (error as Error).message;
    }
    const jobId = randomUUID();
    const { outDir: _local, ...portable } = job;
    const queued: QueuedJob = { runId: this.runId, jobId, job: portable, rubricText: fs.readFileSync(job.rubricFile, 'utf8'), files };
    const payload = JSON.stringify(queued);
    const done = new Promise<string | null>((resolve) => this.waiting.set(jobId, resolve));
    this.jobs.set(jobId, { job, payload });
    if (this.waiting.size === 1) this.lastResult = Date.now();
    try {
      await this.client.lPush(JOBS_KEY, payload);
    } catch (error) {
      this.waiting.delete(jobId);
      return `could not queue the job: ${(error as Error).message}`;
    }
    this.reading ??= this.readResults();
    return done;
  }

  /** Every student still waiting gets `why` as their row's reason. */
  private giveUp(why: string): void {
    for (const resolve of this.waiting.values()) resolve(why);
    this.waiting.clear();
  }

  private async readResults(): Promise<void> {
    while (!this.closed) {
      let reply: { key: string; element: string } | null;
      try {
        reply = await this.listener.brPop(resultsKey(this.runId), 1);
      } catch (error) {
        // The connection is gone: fail closed for everyone waiting, and take no more jobs.
        this.closed = true;
        this.giveUp(`lost the connection to Redis: ${(error as Error).message}`);
        return;
      }
      if (reply) {
        this.lastResult = Date.now();
        this.settle(JSON.parse(reply.element) as QueuedResult);
      } else if (this.waiting.size > 0 && Date.now() - this.lastResult > this.idleTimeoutMs) {
        const why = `no grader answered in ${Math.round(this.idleTimeoutMs / 1000)} s: is "cnn-grade worker --queue" running?`;
        // Jobs nobody took yet leave the queue, so that a worker started later does not grade them for nobody.
        for (const jobId of this.waiting.keys()) await this.client.lRem(JOBS_KEY, 1, this.jobs.get(jobId)!.payload).catch(() => undefined);
        this.giveUp(why);
      }
    }
  }

  private settle(result: QueuedResult): void {
    const resolve = this.waiting.get(result.jobId);
    const sent = this.jobs.get(result.jobId);
    if (!resolve || !sent) return; // a result for a job given up on
    this.waiting.delete(result.jobId);
    if ('failure' in result) return resolve(`the grader failed: ${result.failure}`);
    writeOutputs(result.record, sent.job.outDir);
    resolve(null);
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.reading;
    await Promise.all([this.client, this.listener].map((c) => (c.isOpen ? c.quit() : undefined)));
  }
}
