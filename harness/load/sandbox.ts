// Runs a bundled submission in a child process that may read only its own two files: no
// writes, no child processes, no workers, no native addons, no inspector (Node's permission
// model), an empty environment, no descriptor but its stdio and answer pipes, heap and memory
// limits, a wall-clock limit, an unprivileged account when the grader is root, and where the
// machine allows it a bubblewrap sandbox with no network (isolation.ts). The child is in a
// process group of its own that is killed however the grader ends. Only the answer on fd 3 is used.

import { spawn, type StdioOptions } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { MAX_TOPOLOGY_BYTES } from './topology_format';
import { parseChildAnswer, type ChildAnswer } from './sandbox_answer';
import { ANSWER_FD, type ChildRequest } from './sandbox_protocol';
import { killGroup, trackGroup } from '../process_groups';
import { trimStudentStack } from './student_stack';
import { isolatedCommand, openDescriptorsAbove3, permissionFlag, sandboxRuntime, type SandboxAccount } from './isolation';

export interface SandboxLimits {
  timeoutMs: number;
  heapMb: number;
}

/** The most bytes of the student's own stdout/stderr kept, for crash messages. */
const MAX_CONSOLE_BYTES = 64 * 1024;

export type SandboxOutcome =
  | { kind: 'answer'; answer: ChildAnswer; ms: number }
  | { kind: 'timeout'; ms: number }
  | { kind: 'memory'; ms: number }
  | { kind: 'crash'; ms: number; detail: string };

export async function runInSandbox(bundleCode: string, request: ChildRequest, limits: SandboxLimits): Promise<SandboxOutcome> {
  const runtime = sandboxRuntime();
  const workDir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'cnn-grade-sandbox-')));
  const bundlePath = path.join(workDir, 'submission.js');
  fs.writeFileSync(bundlePath, bundleCode);
  try {
    const { command, account } = isolatedCommand({ command: process.execPath, args: nodeArgs(runtime, bundlePath, request, limits) }, [runtime, workDir], workDir, limits.heapMb * 2 + 256);
    if (account) shareWith(account, workDir, bundlePath);
    return await runChild(command, account, limits, workDir);
  } finally {
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}

/** The bundle's folder and file, readable by the sandbox's account and no one else but their owner. */
function shareWith(account: SandboxAccount, dir: string, file: string): void {
  for (const [target, mode] of [[dir, 0o710], [file, 0o640]] as const) {
    fs.chownSync(target, process.getuid!(), account.gid);
    fs.chmodSync(target, mode);
  }
}

function nodeArgs(runtime: string, bundlePath: string, request: ChildRequest, limits: SandboxLimits): string[] {
  return [
    permissionFlag(),
    `--allow-fs-read=${runtime}`,
    `--allow-fs-read=${bundlePath}`,
    `--max-old-space-size=${limits.heapMb}`,
    '--enable-source-maps',
    '--no-warnings',
    runtime,
    bundlePath,
    JSON.stringify(request),
  ];
}

/** stdin empty, stdout, stderr and the answer as pipes, and /dev/null over every other descriptor a child would inherit. */
function childStdio(devNull: number): StdioOptions {
  const blanked = openDescriptorsAbove3();
  // No holes: Node compacts a sparse stdio array, which would put the blanks at the wrong numbers.
  const stdio: StdioOptions = Array.from({ length: Math.max(3, ...blanked) + 1 }, () => 'ignore' as const);
  stdio.splice(1, 3, 'pipe', 'pipe', 'pipe');
  for (const fd of blanked) stdio[fd] = devNull;
  return stdio;
}

function runChild(command: { command: string; args: string[] }, account: SandboxAccount | null, limits: SandboxLimits, cwd: string): Promise<SandboxOutcome> {
  const started = Date.now();
  return new Promise((resolve) => {
    const devNull = fs.openSync('/dev/null', 'r');
    // detached: a process group (and session) of its own, which the grader kills as a whole.
    const child = spawn(command.command, command.args, { cwd, env: {}, stdio: childStdio(devNull), detached: true, ...(account ?? {}) });
    fs.closeSync(devNull);
    const pid = child.pid;
    const untrack = pid !== undefined ? trackGroup(pid) : () => {};
    const kill = () => pid !== undefined && killGroup(pid);
    const answer = new CappedBuffer(MAX_TOPOLOGY_BYTES + 1024);
    const consoleTail = new CappedBuffer(MAX_CONSOLE_BYTES, true);
    child.stdout!.on('data', (chunk: Buffer) => consoleTail.push(chunk));
    child.stderr!.on('data', (chunk: Buffer) => consoleTail.push(chunk));
    (child.stdio[ANSWER_FD] as NodeJS.ReadableStream).on('data', (chunk: Buffer) => {
      if (!answer.push(chunk)) kill();
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      kill();
    }, limits.timeoutMs);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      untrack();
      const ms = Date.now() - started;
      const text = answer.text();
      if (timedOut) return resolve({ kind: 'timeout', ms });
      if (answer.overflowed) return resolve({ kind: 'crash', ms, detail: `sent more than ${MAX_TOPOLOGY_BYTES} bytes of model` });
      if (text.length > 0) {
        const parsed = parseChildAnswer(text);
        if (!parsed.ok) return resolve({ kind: 'crash', ms, detail: parsed.detail });
        const given = parsed.answer;
        return resolve({ kind: 'answer', answer: given.kind === 'throw' ? { ...given, stack: trimStudentStack(given.stack, cwd) } : given, ms });
      }
      const tail = consoleTail.text();
      if (/heap out of memory|Reached heap limit|Allocation failed/i.test(tail)) return resolve({ kind: 'memory', ms });
      const how = signal ? `was killed by ${signal}` : `ended its process (exit code ${code})`;
      resolve({ kind: 'crash', ms, detail: `${how} before returning a model` });
    });
  });
}

/** Collects a stream up to a byte cap; keeps the head, or the tail when asked. */
class CappedBuffer {
  private chunks: Buffer[] = [];
  private size = 0;
  overflowed = false;

  constructor(
    private readonly cap: number,
    private readonly keepTail = false,
  ) {}

  push(chunk: Buffer): boolean {
    this.chunks.push(chunk);
    this.size += chunk.length;
    if (this.size <= this.cap) return true;
    this.overflowed = true;
    const all = Buffer.concat(this.chunks);
    this.chunks = [this.keepTail ? all.subarray(all.length - this.cap) : all.subarray(0, this.cap)];
    this.size = this.cap;
    return this.keepTail;
  }

  text(): string {
    return Buffer.concat(this.chunks).toString('utf8');
  }
}
