// The names a submission may use without importing them, declared for the type check as the
// sandbox provides them: CommonJS' require, module and exports. esbuild bundles a
// `require('@tensorflow/tfjs')` like an import and the sandbox runs `module.exports = {...}`,
// so code copied from a CommonJS example builds its model; without these declarations the check
// would answer "Cannot find name 'require'. Do you need to install type definitions for node?",
// advice a student cannot follow (the checker reads no @types) and that would change nothing.
//
// require() of a module the sandbox provides has that module's types; of anything else (the
// submission's own files) it is `any`, as in Node's own declarations.

/** The declarations' text, for the modules a submission may import. */
export function sandboxGlobals(modules: string[]): string {
  const known = modules.map((name) => `declare function require(id: ${JSON.stringify(name)}): typeof import(${JSON.stringify(name)});`);
  return [
    // No import or export: a script, so that these are global.
    ...known,
    'declare function require(id: string): any;',
    'declare var module: { exports: any };',
    'declare var exports: any;',
    '',
  ].join('\n');
}

/** Its file's name, in TypeScript's lib folder beside the libs it joins (never a file on disk). */
export const SANDBOX_GLOBALS_FILE = 'lib.cnn-grade-sandbox.d.ts';
