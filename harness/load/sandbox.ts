// Runs a bundled submission in a child process that may read only its own two files: no
// writes, no child processes, no workers, no native addons (Node's permission model), an empty
// environment, heap and memory limits, a wall-clock limit, and where the machine allows it a
// bubblewrap sandbox with no network (isolation.ts). Only the answer on fd 3 is used.

import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { MAX_TOPOLOGY_BYTES } from './topology_format';
import { ANSWER_FD, type ChildAnswer, type ChildRequest } from './sandbox_protocol';
import { trimStudentStack } from './student_stack';
import { isolatedCommand } from './isolation';

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

/** dist/sandbox-child.js, built by scripts/build.js from sandbox_child.ts with tfjs inside. */
export function sandboxRuntimePath(): string {
  const fromSource = path.resolve(__dirname, '..', '..', 'dist', 'sandbox-child.js');
  const fromDist = path.resolve(__dirname, 'sandbox-child.js');
  for (const candidate of [fromDist, fromSource]) if (fs.existsSync(candidate)) return candidate;
  throw new Error(`the sandbox runtime is not built (looked for ${fromSource}); run "npm run build"`);
}

function permissionFlag(): string {
  // Node 22 made the permission model stable under --permission; Node 20 has the experimental flag.
  return process.allowedNodeEnvironmentFlags.has('--permission') ? '--permission' : '--experimental-permission';
}

export async function runInSandbox(bundleCode: string, request: ChildRequest, limits: SandboxLimits): Promise<SandboxOutcome> {
  const runtime = sandboxRuntimePath();
  const workDir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'cnn-grade-sandbox-')));
  const bundlePath = path.join(workDir, 'submission.js');
  fs.writeFileSync(bundlePath, bundleCode);
  try {
    return await runChild(runtime, bundlePath, request, limits, workDir);
  } finally {
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}

function runChild(runtime: string, bundlePath: string, request: ChildRequest, limits: SandboxLimits, cwd: string): Promise<SandboxOutcome> {
  const nodeArgs = [
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
  // The data limit covers typed arrays, which live outside V8's heap; the heap is part of it.
  const { command } = isolatedCommand({ command: process.execPath, args: nodeArgs }, [process.execPath, runtime, bundlePath], cwd, limits.heapMb * 2 + 256);
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(command.command, command.args, { cwd, env: {}, stdio: ['ignore', 'pipe', 'pipe', 'pipe'] });
    const answer = new CappedBuffer(MAX_TOPOLOGY_BYTES + 1024);
    const consoleTail = new CappedBuffer(MAX_CONSOLE_BYTES, true);
    child.stdout!.on('data', (chunk: Buffer) => consoleTail.push(chunk));
    child.stderr!.on('data', (chunk: Buffer) => consoleTail.push(chunk));
    (child.stdio[ANSWER_FD] as NodeJS.ReadableStream).on('data', (chunk: Buffer) => {
      if (!answer.push(chunk)) child.kill('SIGKILL');
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, limits.timeoutMs);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const ms = Date.now() - started;
      const text = answer.text();
      if (timedOut) return resolve({ kind: 'timeout', ms });
      if (answer.overflowed) return resolve({ kind: 'crash', ms, detail: `sent more than ${MAX_TOPOLOGY_BYTES} bytes of model` });
      if (text.length > 0) {
        try {
          const parsed = JSON.parse(text) as ChildAnswer;
          if (parsed.kind === 'throw') parsed.stack = trimStudentStack(String(parsed.stack ?? ''), cwd);
          return resolve({ kind: 'answer', answer: parsed, ms });
        } catch {
          return resolve({ kind: 'crash', ms, detail: 'sent an answer that was cut short or garbled' });
        }
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
