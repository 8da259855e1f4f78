// load: from a submission folder to a validated topology, or to the reason there is none.
// Student code is bundled here but runs only in the sandbox; what returns is data.

import * as fs from 'node:fs';
import * as path from 'node:path';
import type { LoadFailure, LoadResult } from '../types';
import { bundleStudentCode } from './bundle';
import { runInSandbox, type SandboxLimits } from './sandbox';
import { canonicalTopology } from '../model/canonical_topology';
import { TopologyError } from '../model/graph';
import { parseTopology } from './topology_format';

export interface LoadTask {
  file: string;
  exportName: string;
  args: unknown;
}

export async function loadSubmission(dir: string, task: LoadTask, limits: SandboxLimits): Promise<LoadResult> {
  const entry = path.join(dir, task.file);
  if (!fs.existsSync(entry) || !fs.statSync(entry).isFile()) {
    return { ok: false, kind: 'missing-file', message: `${task.file} is missing: the lab expects it at the root of the submission` };
  }
  const bundled = await bundleStudentCode(dir, task.file);
  if (!bundled.ok) {
    const where = bundled.location ? `${bundled.location.file}:${bundled.location.line}:${bundled.location.column}: ` : '';
    return { ok: false, kind: 'compile', message: `${where}${bundled.message}`, location: bundled.location };
  }
  const outcome = await runInSandbox(bundled.code, { exportName: task.exportName, args: task.args }, limits);
  const seconds = (limits.timeoutMs / 1000).toFixed(0);
  switch (outcome.kind) {
    case 'timeout':
      return { ok: false, kind: 'timeout', message: `building the model took longer than the limit of ${seconds} s and was stopped` };
    case 'memory':
      return { ok: false, kind: 'memory', message: `building the model used more than the memory limit of ${limits.heapMb} MB and was stopped` };
    case 'crash':
      return { ok: false, kind: 'crash', message: `the model builder ${outcome.detail}` };
  }
  const answer = outcome.answer;
  switch (answer.kind) {
    case 'missing-export':
      return { ok: false, kind: 'missing-export', message: `${task.file} ${answer.message}` };
    case 'invalid-model':
      return { ok: false, kind: 'invalid-model', message: answer.message };
    case 'throw':
      return describeThrow(task.exportName, answer);
  }
  const parsed = parseTopology(answer.topology);
  if (!parsed.ok) return { ok: false, kind: 'invalid-model', message: parsed.message };
  try {
    return { ok: true, topology: canonicalTopology(parsed.topology), buildMs: outcome.ms };
  } catch (error) {
    if (error instanceof TopologyError) return { ok: false, kind: 'invalid-model', message: error.message };
    // A harness bug that a submission reached: still that submission's graded failure, never the end of the run.
    return { ok: false, kind: 'invalid-model', message: `the harness could not read this model (${String((error as Error)?.message ?? error).slice(0, 200)}); this is a bug in the harness, please report it` };
  }
}

/** What the sandbox forbids, in the words of its permission model's error codes. */
const DENIED = 'the grader runs your code in a sandbox that only builds the model: it may not read or write files, start processes or use the network';

function describeThrow(exportName: string, answer: { message: string; stack?: string; code?: string }): LoadFailure {
  const stack = answer.stack;
  if (answer.code === 'ERR_ACCESS_DENIED') {
    return { ok: false, kind: 'throw', message: `${exportName} tried something the sandbox forbids (${answer.message}); ${DENIED}`, stack };
  }
  // Typed arrays live outside V8's heap; running out of them surfaces as a RangeError.
  if (/^RangeError: (Array buffer allocation failed|Invalid typed array length|Invalid array length)/.test(answer.message)) {
    return { ok: false, kind: 'memory', message: `${answer.message}: the model needs more memory than the sandbox allows; is a layer far larger than intended?`, stack };
  }
  return { ok: false, kind: 'throw', message: `${exportName} threw ${answer.message}`, stack };
}
