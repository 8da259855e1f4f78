// Builds dist/: the CLI (harness code, dependencies left as requires), the sandbox runtime
// (the child program with tfjs inside, so the sandboxed child reads one file) and the
// type-check child (TypeScript left as a require). esbuild, ~1 s.
const esbuild = require('esbuild');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const dist = path.join(root, 'dist');

async function main() {
  fs.mkdirSync(dist, { recursive: true });
  const common = { bundle: true, platform: 'node', target: 'node20', format: 'cjs', sourcemap: true, logLevel: 'warning', absWorkingDir: root };
  await Promise.all([
    esbuild.build({ ...common, entryPoints: ['harness/cli.ts'], outfile: 'dist/cli.js', packages: 'external' }),
    esbuild.build({ ...common, entryPoints: ['harness/load/type_check_child.ts'], outfile: 'dist/type-check-child.js', packages: 'external', sourcemap: false }),
    esbuild.build({ ...common, entryPoints: ['harness/load/sandbox_child.ts'], outfile: 'dist/sandbox-child.js', sourcemap: false, minify: true, ignoreAnnotations: true }),
  ]);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
