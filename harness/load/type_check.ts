// TypeScript's opinion of the student's code, reported but never graded: code that runs is
// graded on what it builds, and a type error is often the explanation of a wrong model.
// tfjs' types come from the harness's own copy, as the bundle's tfjs does.
//
// The checker runs in a child (type_check_child.ts) with a heap and a time limit: hostile types
// can crash it, keep it busy for minutes or fill any heap. Whatever happens there, the grader
// gets errors or a reason the check was skipped, never an exception.

import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { packageRoot } from '../paths';
import { killGroup, trackGroup } from '../process_groups';
import type { AllowedPackage } from './bundle';
import { permissionFlag } from './isolation';
import { harnessPathNames, withoutHarnessPaths } from './type_check_paths';
import { typeCheckAnswer, type TypeCheckAnswer, type TypeCheckRequest } from './type_check_protocol';

export interface TypeCheckLimits {
  timeoutMs: number;
  heapMb: number;
}

/**
 * A lab file checks in about a second using some 70 MB of heap (fixtures/lenet5/correct):
 * these leave a slow or busy machine 30 times the time and 7 times the heap, and stop a
 * hostile file long before it costs the grader anything that matters.
 */
export const TYPE_CHECK_LIMITS: TypeCheckLimits = { timeoutMs: 30_000, heapMb: 512 };

/** Type errors, or why there are none to show: "type check skipped: <skipped>". */
export interface TypeCheckResult {
  errors: string[];
  skipped?: string;
}

/** The most bytes of the child's stdout (one answer) and stderr (for its crash) kept. */
const MAX_ANSWER_BYTES = 64 * 1024;
const MAX_STDERR_BYTES = 4 * 1024;

/** dist/type-check-child.js, built by scripts/build.js from type_check_child.ts. */
function typeCheckRuntimePath(): string {
  const fromSource = path.resolve(__dirname, '..', '..', 'dist', 'type-check-child.js');
  const fromDist = path.resolve(__dirname, 'type-check-child.js');
  for (const candidate of [fromDist, fromSource]) if (fs.existsSync(candidate)) return candidate;
  throw new Error(`the type-check runtime is not built (looked for ${fromSource}); run "npm run build"`);
}

export async function typeCheck(dir: string, file: string, limits: TypeCheckLimits = TYPE_CHECK_LIMITS): Promise<TypeCheckResult> {
  const nodeModules = path.join(packageRoot(), 'node_modules');
  const tensorflow = path.join(nodeModules, '@tensorflow');
  const layers = path.join(packageRoot(), 'harness', 'layers');
  const typescriptModules = path.dirname(path.dirname(require.resolve('typescript/package.json')));
  const root = fs.realpathSync(path.resolve(dir));
  // Keyed by bundle.ts' list: a module the sandbox provides and the checker cannot find does not compile.
  const modules: Record<AllowedPackage, string> = {
    '@tensorflow/tfjs': path.join(tensorflow, 'tfjs', 'dist', 'index.d.ts'),
    '@tensorflow/tfjs-core': path.join(tensorflow, 'tfjs-core', 'dist', 'index.d.ts'),
    '@tensorflow/tfjs-layers': path.join(tensorflow, 'tfjs-layers', 'dist', 'index.d.ts'),
    'cnn-grade/layers': path.join(layers, 'index.ts'),
  };
  const pathNames = harnessPathNames(
    {
      root,
      modules,
      // A type inside a package is shown as the student would import it: "@tensorflow/tfjs-layers/dist/...".
      folders: [...new Set([nodeModules, typescriptModules])].map((dir) => ({ dir, name: '' })).concat({ dir: layers, name: 'cnn-grade/layers' }),
      packageRoot: packageRoot(),
    },
    fs.realpathSync,
  );
  const request: TypeCheckRequest = {
    root,
    file,
    modules,
    declarationDirs: [tensorflow, layers],
    pathNames,
    // After the grader's own limit, which then reports the timeout.
    deadlineMs: limits.timeoutMs + 2000,
  };
  // It reads student files with the grader's account: Node's permission model confines it to
  // the files it needs (and, as in the sandbox, keeps SIGUSR1 from opening an inspector that a
  // sandbox of the same account could signal), with a thread for its watchdog.
  // Whole node_modules folders: module resolution must see them to find packages inside
  // (the compiler host still reads only the declarations above).
  const runtime = typeCheckRuntimePath();
  const reads = [...new Set([request.root, typescriptModules, path.dirname(tensorflow), layers, runtime])];
  const permissions = [permissionFlag(), ...reads.map((p) => `--allow-fs-read=${p}`), '--allow-worker'];
  const result = await runChild(runtime, permissions, request, limits);
  // The child has rewritten its messages already; this also covers the grader's own reasons.
  const clean = (text: string) => withoutHarnessPaths(text, pathNames);
  return { errors: result.errors.map(clean), ...(result.skipped === undefined ? {} : { skipped: clean(result.skipped) }) };
}

const skipped = (why: string): TypeCheckResult => ({ errors: [], skipped: why });

function runChild(runtime: string, permissions: string[], request: TypeCheckRequest, limits: TypeCheckLimits): Promise<TypeCheckResult> {
  // No inspector or other flags of the grader's, no environment: the child gets its limits only.
  const args = [...permissions, '--no-warnings', `--max-old-space-size=${limits.heapMb}`, runtime, JSON.stringify(request)];
  return new Promise((resolve) => {
    // A process group of its own, which the grader kills whole however it ends.
    const child = spawn(process.execPath, args, { cwd: path.dirname(runtime), env: {}, stdio: ['ignore', 'pipe', 'pipe'], detached: true, windowsHide: true });
    const untrack = child.pid === undefined ? () => {} : trackGroup(child.pid);
    const kill = () => {
      if (child.pid !== undefined) killGroup(child.pid);
      child.kill('SIGKILL'); // where there are no process groups (Windows)
    };
    const stdout: Buffer[] = [];
    let stdoutBytes = 0;
    let stderr = '';
    let overflowed = false;
    child.stdout!.on('data', (chunk: Buffer) => {
      stdoutBytes += chunk.length;
      if (stdoutBytes <= MAX_ANSWER_BYTES) return void stdout.push(chunk);
      overflowed = true;
      kill();
    });
    child.stderr!.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString('latin1')).slice(-MAX_STDERR_BYTES)));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      kill();
    }, limits.timeoutMs);
    const done = (result: TypeCheckResult) => {
      clearTimeout(timer);
      untrack();
      resolve(result);
    };
    // The code only: the message names the grader's Node binary.
    child.on('error', (error: NodeJS.ErrnoException) => done(skipped(`the checker could not start (${error.code ?? 'unknown error'})`)));
    child.on('close', (code, signal) => {
      if (timedOut) return done(skipped(`it took longer than ${limits.timeoutMs / 1000} s`));
      if (overflowed) return done(skipped(`the checker sent more than ${MAX_ANSWER_BYTES} bytes`));
      if (/heap out of memory|Reached heap limit|Allocation failed/i.test(stderr)) return done(skipped(`it needed more than ${limits.heapMb} MB of memory`));
      const answer = parseAnswer(Buffer.concat(stdout).toString('utf8'));
      if (answer?.kind === 'errors') return done({ errors: answer.errors });
      if (answer?.kind === 'skipped') return done(skipped(answer.reason));
      done(skipped(`the checker ${signal ? `was killed by ${signal}` : `ended with exit code ${code}`} without an answer`));
    });
  });
}

function parseAnswer(text: string): TypeCheckAnswer | undefined {
  try {
    const parsed = typeCheckAnswer.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined; // not JSON: cut short by a crash
  }
}
