// TypeScript's opinion of the student's code, reported but never graded: code that runs is
// graded on what it builds, and a type error is often the explanation of a wrong model.
// tfjs' types come from the harness's own copy, as the bundle's tfjs does.
//
// The compiler runs in the trusted process and its messages reach reports, so it may read
// only the submission, tfjs' and the harness layers' declarations and TypeScript's own lib
// files: `typeof import('/secret/solution')` must not quote a file's contents back.

import * as fs from 'node:fs';
import * as path from 'node:path';
import type * as TypeScript from 'typescript';
import { packageRoot } from '../paths';

/** The most type errors reported per submission. */
const MAX_ERRORS = 20;

function compilerOptions(ts: typeof TypeScript, root: string): TypeScript.CompilerOptions {
  const tfjsTypes = path.join(packageRoot(), 'node_modules', '@tensorflow', 'tfjs', 'dist', 'index.d.ts');
  return {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.CommonJS,
    moduleResolution: ts.ModuleResolutionKind.Node10,
    lib: ['lib.es2022.d.ts'],
    // No @types from anywhere: the sandbox offers tfjs and nothing else.
    types: [],
    baseUrl: root,
    paths: { '@tensorflow/tfjs': [tfjsTypes], 'cnn-grade/layers': [path.join(packageRoot(), 'harness', 'layers', 'index.ts')] },
  };
}

/** A compiler host that sees only the submission, the declarations it may use and TypeScript's libs. */
function confinedHost(ts: typeof TypeScript, options: TypeScript.CompilerOptions, root: string): TypeScript.CompilerHost {
  const host = ts.createCompilerHost(options);
  const allowed = [root, path.join(packageRoot(), 'node_modules', '@tensorflow'), path.join(packageRoot(), 'harness', 'layers'), path.dirname(ts.getDefaultLibFilePath(options))].map((p) => fs.realpathSync(p) + path.sep);
  const visible = (file: string): boolean => {
    let real: string;
    try {
      real = fs.realpathSync(file);
    } catch {
      real = path.resolve(file); // a file that does not exist: judged by where it would be
    }
    return allowed.some((prefix) => real.startsWith(prefix) || `${real}${path.sep}` === prefix);
  };
  return {
    ...host,
    fileExists: (f) => visible(f) && host.fileExists(f),
    readFile: (f) => (visible(f) ? host.readFile(f) : undefined),
    // Module resolution walks up through the allowed folders' parents; those may be seen to exist.
    directoryExists: (d) => (visible(d) || allowed.some((prefix) => prefix.startsWith(path.resolve(d) + path.sep))) && (host.directoryExists?.(d) ?? true),
    getSourceFile: (f, language, onError, create) => (visible(f) ? host.getSourceFile(f, language, onError, create) : undefined),
  };
}

/** "models.ts:10:9 Type 'string' is not assignable to type 'number'." for each error in the student's files. */
export function typeCheck(dir: string, file: string): string[] {
  // Loaded on first use: the compiler is large, and most commands never need it.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const ts = require('typescript') as typeof TypeScript;
  const root = fs.realpathSync(path.resolve(dir));
  const options = compilerOptions(ts, root);
  const program = ts.createProgram([path.join(root, file)], options, confinedHost(ts, options, root));
  const own = ts.getPreEmitDiagnostics(program).filter((d) => d.category === ts.DiagnosticCategory.Error && d.file?.fileName.startsWith(root + path.sep));
  return own.slice(0, MAX_ERRORS).map((d) => {
    const { line, character } = d.file!.getLineAndCharacterOfPosition(d.start ?? 0);
    return `${path.relative(root, d.file!.fileName)}:${line + 1}:${character + 1} ${ts.flattenDiagnosticMessageText(d.messageText, ' ').slice(0, 300)}`;
  });
}
