// The coordinator's side of grading through Redis (see queue_protocol.ts): pushes a job per
// submission and hands each result back to whoever waits for it. A job whose worker stopped
// renewing its lease (it died) is handed out again, MAX_ATTEMPTS times at most. Fails closed:
// when no result at all arrives for `idleTimeoutMs` while jobs wait, or Redis goes away, those
// students get a row saying so.

import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import { writeOutputs } from '../report/write_outputs';
import { HARNESS_VERSION } from '../version';
import type { GradeJob } from './job';
import { connectRedis, type RedisClient } from './redis_connection';
import { JOBS_KEY, leaseKey, leaseSeconds, MAX_ATTEMPTS, PROCESSING_KEY, resultsKey, runKey, snapshotFolder, type QueuedJob, type QueuedResult } from './queue_protocol';

export class QueueGraders {
  private readonly runId = randomUUID();
  private readonly waiting = new Map<string, (failure: string | null) => void>();
  /** Each job as sent: the payload is how it is found in the processing list. */
  private readonly jobs = new Map<string, { job: GradeJob; payload: string; attempt: number }>();
  /** Jobs seen in the processing list without a lease, and since when. */
  private readonly unleasedSince = new Map<string, number>();
  private lastScan = Date.now();
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
    const graders = new QueueGraders(client, await connectRedis(url), idleTimeoutMs);
    await graders.markAlive();
    return graders;
  }

  /** Workers grade this run's jobs only while this key lives (renewed with every lease scan). */
  private async markAlive(): Promise<void> {
    await this.client.set(runKey(this.runId), '1', { EX: leaseSeconds() * 3 });
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
    const queued: QueuedJob = { runId: this.runId, jobId, attempt: 1, job: portable, rubricText: fs.readFileSync(job.rubricFile, 'utf8'), files };
    const payload = JSON.stringify(queued);
    const done = new Promise<string | null>((resolve) => this.waiting.set(jobId, resolve));
    this.jobs.set(jobId, { job, payload, attempt: 1 });
    if (this.waiting.size === 1) this.lastResult = Date.now();
    try {
      await this.client.lPush(JOBS_KEY, payload);
    } catch (error) {
      this.finish(jobId, `could not queue the job: ${(error as Error).message}`);
      return done;
    }
    this.reading ??= this.readResults();
    return done;
  }

  /**
   * The end of a job: its student's wait ends with `failure` (null: outputs written), and the
   * job is forgotten, payload and all (a payload may weigh megabytes; a class, hundreds).
   */
  private finish(jobId: string, failure: string | null): void {
    this.waiting.get(jobId)?.(failure);
    this.waiting.delete(jobId);
    this.jobs.delete(jobId);
    this.unleasedSince.delete(jobId);
  }

  /** Every student still waiting gets `why` as their row's reason. */
  private giveUp(why: string): void {
    for (const jobId of [...this.waiting.keys()]) this.finish(jobId, why);
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
        this.settle(reply.element);
      }
      if (Date.now() - this.lastScan > (leaseSeconds() * 1000) / 3) {
        this.lastScan = Date.now();
        // A lost connection shows in brPop.
        await this.markAlive().catch(() => undefined);
        await this.reclaimAbandoned().catch(() => undefined);
      }
      if (!reply && this.waiting.size > 0 && Date.now() - this.lastResult > this.idleTimeoutMs) {
        const why = `no grader answered in ${Math.round(this.idleTimeoutMs / 1000)} s: is "cnn-grade worker --queue" running?`;
        // Jobs nobody took yet leave the queue, so that a worker started later does not grade them for nobody.
        for (const jobId of this.waiting.keys()) await this.client.lRem(JOBS_KEY, 1, this.jobs.get(jobId)!.payload).catch(() => undefined);
        this.giveUp(why);
      }
    }
  }

  /**
   * Jobs of this run in the processing list whose lease has been missing for a whole lease
   * period (a worker sets it just after taking the job, so a moment without one is normal):
   * their worker died. Each goes back to the queue, or is given up after MAX_ATTEMPTS.
   */
  private async reclaimAbandoned(): Promise<void> {
    const inProcess = new Set(await this.client.lRange(PROCESSING_KEY, 0, -1));
    for (const [jobId, sent] of this.jobs) {
      if (!this.waiting.has(jobId) || !inProcess.has(sent.payload)) {
        this.unleasedSince.delete(jobId);
        continue;
      }
      if (await this.client.exists(leaseKey(jobId))) {
        // A worker is alive on it: a long job is not "no grader answered".
        this.lastResult = Date.now();
        this.unleasedSince.delete(jobId);
        continue;
      }
      const since = this.unleasedSince.get(jobId) ?? Date.now();
      this.unleasedSince.set(jobId, since);
      if (Date.now() - since < leaseSeconds() * 1000) continue;
      this.unleasedSince.delete(jobId);
      if ((await this.client.lRem(PROCESSING_KEY, 1, sent.payload)) === 0) continue; // finished meanwhile
      if (sent.attempt >= MAX_ATTEMPTS) {
        this.finish(jobId, `its grader stopped ${sent.attempt} times while grading it (machine or worker lost)`);
        continue;
      }
      const again = { ...(JSON.parse(sent.payload) as QueuedJob), attempt: sent.attempt + 1 };
      const payload = JSON.stringify(again);
      this.jobs.set(jobId, { ...sent, payload, attempt: again.attempt });
      await this.client.rPush(JOBS_KEY, payload); // the next worker takes it first
    }
  }

  /** A result from the queue. Anyone who reaches Redis can push one: what does not fit its job is refused. */
  private settle(message: string): void {
    let result: QueuedResult;
    try {
      result = JSON.parse(message) as QueuedResult;
    } catch {
      return; // not a result: nothing to hand to anyone
    }
    const sent = this.jobs.get(result?.jobId);
    if (!sent || !this.waiting.has(result.jobId)) return; // a result for a job given up on, or for none
    this.finish(result.jobId, this.accept(result, sent.job));
  }

  /** Writes a result's outputs if it fits its job; else says why not. */
  private accept(result: QueuedResult, job: GradeJob): string | null {
    if ('failure' in result) return `the grader failed: ${String(result.failure).slice(0, 300)}`;
    const record = result.record;
    if (record?.submission?.id !== job.submission.id) return 'the grader sent back a result for another submission';
    if (record.harnessVersion !== HARNESS_VERSION) return `the grader runs cnn-grade ${String(record.harnessVersion)}, this run ${HARNESS_VERSION}: install the same version on every grading machine`;
    try {
      writeOutputs(record, job.outDir);
    } catch (error) {
      return `the grader's result could not be written: ${(error as Error).message}`;
    }
    return null;
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.reading;
    if (this.client.isOpen) await this.client.del(runKey(this.runId)).catch(() => undefined);
    await Promise.all([this.client, this.listener].map((c) => (c.isOpen ? c.quit() : undefined)));
  }
}
