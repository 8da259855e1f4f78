// Bundles a student's TypeScript entry file into one CommonJS file for the sandbox.
// tfjs imports resolve to the harness's own copy (provided inside the sandbox); the student's
// node_modules and every other package are refused, and no file outside the submission is read:
// not through an import, and not through a source map that a file's sourceMappingURL names.

import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { builtinModules } from 'node:module';
import { TFJS_GLOBAL } from './bundle_globals';
import { MAX_SOURCE_BYTES, sourceTooLarge } from './source_size';

/**
 * What a submission may import besides its own files, in any form (`import * as`, a default or
 * named import, `import x = require()`, `require()`): each is an object that the sandbox provides.
 * type_check.ts gives each its declarations, keyed by this type.
 */
export const ALLOWED_PACKAGES = ['@tensorflow/tfjs', '@tensorflow/tfjs-core', '@tensorflow/tfjs-layers', 'cnn-grade/layers'] as const;
export type AllowedPackage = (typeof ALLOWED_PACKAGES)[number];
const allowed: ReadonlySet<string> = new Set(ALLOWED_PACKAGES);

export type BundleResult =
  | { ok: true; code: string }
  | { ok: false; message: string; location?: { file: string; line: number; column: number; lineText?: string } };

export async function bundleStudentCode(rootDir: string, entryFile: string): Promise<BundleResult> {
  const root = fs.realpathSync(rootDir);
  try {
    const result = await esbuild.build({
      entryPoints: [path.join(root, entryFile)],
      absWorkingDir: root,
      bundle: true,
      write: false,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      outfile: path.join(root, '__bundle__.js'),
      sourcemap: 'inline',
      sourcesContent: false,
      logLevel: 'silent',
      plugins: [sandboxImports(root)],
      // Everything the student wrote is theirs to read; tsconfig paths and the like are not honoured.
      tsconfigRaw: '{}',
    });
    return { ok: true, code: result.outputFiles[0].text };
  } catch (error) {
    const failure = error as esbuild.BuildFailure;
    const first = failure.errors?.[0];
    if (!first) throw error;
    const loc = first.location;
    return {
      ok: false,
      message: first.text,
      location: loc ? { file: loc.file, line: loc.line, column: loc.column + 1, lineText: loc.lineText.slice(0, 200) } : undefined,
    };
  }
}

function sandboxImports(root: string): esbuild.Plugin {
  const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
  return {
    name: 'cnn-grade-sandbox-imports',
    setup(build) {
      build.onResolve({ filter: /^[^./]/ }, (args) => {
        if (allowed.has(args.path)) return { path: args.path, namespace: 'harness-tfjs' };
        // Built-in modules stay requires; the sandbox's permission model decides what they may do.
        if (builtins.has(args.path)) return { path: args.path, external: true };
        return {
          errors: [{ text: `cannot import "${args.path}": a submission may import only ${ALLOWED_PACKAGES.join(', ')} and its own files` }],
        };
      });
      build.onLoad({ filter: /.*/, namespace: 'harness-tfjs' }, (args) => ({
        contents: `module.exports = globalThis[${JSON.stringify(TFJS_GLOBAL)}][${JSON.stringify(args.path)}];`,
        loader: 'js',
      }));
      // Per build: the bytes of source read so far, against MAX_SOURCE_BYTES.
      let total = 0;
      build.onLoad({ filter: /.*/, namespace: 'file' }, (args) => {
        let real: string;
        try {
          real = fs.realpathSync(args.path);
        } catch {
          return undefined; // esbuild reports the missing file itself
        }
        if (real !== root && !real.startsWith(root + path.sep)) {
          return { errors: [{ text: `cannot import "${path.basename(args.path)}": it is outside the submission folder` }] };
        }
        const shown = path.relative(root, real);
        // Measured before a byte is read, so that a huge file costs the grader nothing.
        const stat = fs.statSync(real);
        if (!stat.isFile()) return { errors: [{ text: `cannot import "${shown}": it is not a regular file` }] };
        total += stat.size;
        if (total > MAX_SOURCE_BYTES) return { errors: [{ text: sourceTooLarge(shown, stat.size, total) }] };
        return { contents: withoutSourceMapUrls(fs.readFileSync(real)), loader: 'default' };
      });
    },
  };
}

/**
 * The source with every "sourceMappingURL" made inert. esbuild would otherwise read the map that
 * such a comment names, wherever it is (`//# sourceMappingURL=/etc/passwd`), and quote it in its
 * errors or the bundle's own map. Same length, so lines and columns, and with them the student's
 * stack traces, are unchanged; a string that happens to spell the word changes too, harmlessly.
 */
function withoutSourceMapUrls(source: Buffer): Buffer {
  // latin1 maps bytes to characters one to one, so any encoding survives the round trip.
  return Buffer.from(source.toString('latin1').replace(/sourceMappingURL/gi, 'sourceMappingOFF'), 'latin1');
}
