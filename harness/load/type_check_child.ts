// The type-check child (dist/type-check-child.js): TypeScript's opinion of one submission file,
// printed as one JSON answer on stdout. type_check.ts starts it with a heap and time limit,
// because the checker on hostile types can crash, run for minutes or fill any heap.
//
// Its messages reach reports, so the compiler may read only the submission, tfjs' and the
// harness layers' declarations and TypeScript's own lib files: `typeof import('/secret/solution')`
// must not quote a file's contents back.

// Before anything else: SIGUSR1 would open Node's inspector, which a sandbox running as the
// same account could reach (the permission model refuses it too; this is the second lock).
process.on('SIGUSR1', () => {});

import * as fs from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type * as TypeScript from 'typescript';
import { MAX_SOURCE_BYTES, sourceTooLarge } from './source_size';
import { SANDBOX_GLOBALS_FILE, sandboxGlobals } from './type_check_globals';
import { withoutHarnessPaths } from './type_check_paths';
// Types only: the schema's zod stays out of the child, which starts once per submission.
import type { TypeCheckAnswer, TypeCheckRequest } from './type_check_protocol';

/** The most type errors reported per submission. */
const MAX_ERRORS = 20;

/** Thrown by the compiler host when the submission's files exceed MAX_SOURCE_BYTES. */
class TooLarge extends Error {}

function compilerOptions(ts: typeof TypeScript, request: TypeCheckRequest): TypeScript.CompilerOptions {
  return {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.CommonJS,
    moduleResolution: ts.ModuleResolutionKind.Node10,
    lib: ['lib.es2022.d.ts'],
    // No @types from anywhere: the sandbox offers tfjs and nothing else (and require: type_check_globals.ts).
    types: [],
    // `import tf from '@tensorflow/tfjs'` runs in the sandbox (esbuild gives a module without a
    // default export itself as the default, as this flag tells the checker), so it checks too.
    esModuleInterop: true,
    baseUrl: request.root,
    // The modules the sandbox provides, each by the name a student imports it by.
    paths: Object.fromEntries(Object.entries(request.modules).map(([name, file]) => [name, [file]])),
  };
}

/**
 * A compiler host that sees only the submission, the declarations it may use and TypeScript's
 * libs, and that measures each submission file before reading it.
 */
function confinedHost(ts: typeof TypeScript, options: TypeScript.CompilerOptions, request: TypeCheckRequest): TypeScript.CompilerHost {
  const host = ts.createCompilerHost(options);
  const rootPrefix = request.root + path.sep;
  const allowed = [request.root, ...request.declarationDirs, path.dirname(ts.getDefaultLibFilePath(options))].map((p) => fs.realpathSync(p) + path.sep);
  const realOf = (file: string): string => {
    try {
      return fs.realpathSync(file);
    } catch {
      return path.resolve(file); // a file that does not exist: judged by where it would be
    }
  };
  const visible = (file: string): boolean => {
    const real = realOf(file);
    return allowed.some((prefix) => real.startsWith(prefix) || `${real}${path.sep}` === prefix);
  };
  const measured = new Set<string>();
  let total = 0;
  const measure = (file: string): void => {
    const real = realOf(file);
    if (!real.startsWith(rootPrefix) || measured.has(real)) return;
    measured.add(real);
    const size = fs.statSync(real, { throwIfNoEntry: false })?.size ?? 0;
    total += size;
    if (total > MAX_SOURCE_BYTES) throw new TooLarge(sourceTooLarge(path.relative(request.root, real), size, total));
  };
  const globalsFile = globalsFileName(ts, options);
  const globalsText = sandboxGlobals(Object.keys(request.modules));
  return {
    ...host,
    fileExists: (f) => f === globalsFile || (visible(f) && host.fileExists(f)),
    readFile: (f) => {
      if (f === globalsFile) return globalsText;
      if (!visible(f)) return undefined;
      measure(f);
      return host.readFile(f);
    },
    // Module resolution walks up through the allowed folders' parents; those may be seen to exist.
    directoryExists: (d) => (visible(d) || allowed.some((prefix) => prefix.startsWith(path.resolve(d) + path.sep))) && (host.directoryExists?.(d) ?? true),
    getSourceFile: (f, language, onError, create) => {
      if (f === globalsFile) return ts.createSourceFile(f, globalsText, language);
      if (!visible(f)) return undefined;
      measure(f);
      return host.getSourceFile(f, language, onError, create);
    },
  };
}

/** The declarations of type_check_globals.ts, as a file beside TypeScript's libs. */
function globalsFileName(ts: typeof TypeScript, options: TypeScript.CompilerOptions): string {
  return path.join(path.dirname(ts.getDefaultLibFilePath(options)), SANDBOX_GLOBALS_FILE).replace(/\\/g, '/');
}

/** "models.ts:10:9 Type 'string' is not assignable to type 'number'." for each error in the student's files. */
function typeErrors(request: TypeCheckRequest): string[] {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const ts = require('typescript') as typeof TypeScript;
  const root = request.root;
  const options = compilerOptions(ts, request);
  const program = ts.createProgram([path.join(root, request.file), globalsFileName(ts, options)], options, confinedHost(ts, options, request));
  const own = ts.getPreEmitDiagnostics(program).filter((d) => d.category === ts.DiagnosticCategory.Error && d.file?.fileName.startsWith(root + path.sep));
  return own.slice(0, MAX_ERRORS).map((d) => {
    const { line, character } = d.file!.getLineAndCharacterOfPosition(d.start ?? 0);
    // Messages name files by absolute path; the grader's folders are none of the student's
    // business. Rewritten before the message is cut short, which would leave half a path.
    const message = withoutHarnessPaths(ts.flattenDiagnosticMessageText(d.messageText, ' '), request.pathNames);
    return `${path.relative(root, d.file!.fileName)}:${line + 1}:${character + 1} ${message.slice(0, 300)}`;
  });
}

/**
 * The checker holds this thread for as long as it likes, so a worker thread keeps the child's
 * own deadline: it ends the process then, or as soon as its grader is gone (the child is in a
 * process group of its own, and a grader killed outright cannot kill it).
 */
function startWatchdog(deadlineMs: number): void {
  const watchdog = new Worker(
    `const { workerData } = require('node:worker_threads');
     const end = () => process.kill(process.pid, 'SIGKILL');
     setTimeout(end, workerData.deadlineMs);
     setInterval(() => { if (process.ppid !== workerData.grader) end(); }, 200);`,
    { eval: true, workerData: { deadlineMs, grader: process.ppid } },
  );
  watchdog.unref();
}

function main(): void {
  const request = JSON.parse(process.argv[2]) as TypeCheckRequest;
  startWatchdog(request.deadlineMs);
  let answer: TypeCheckAnswer;
  try {
    answer = { kind: 'errors', errors: typeErrors(request) };
  } catch (error) {
    // A stack overflow on deeply nested types is the usual crash; the checker's own bugs are the rest.
    const why = error instanceof TooLarge ? error.message : `TypeScript failed (${String((error as Error)?.message ?? error).slice(0, 200)})`;
    answer = { kind: 'skipped', reason: withoutHarnessPaths(why, request.pathNames) };
  }
  process.stdout.write(JSON.stringify(answer));
}

main();
