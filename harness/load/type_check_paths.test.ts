// The grader's paths in TypeScript's messages, rewritten to what a student would write.

import { harnessPathNames, withoutHarnessPaths } from './type_check_paths';

const NAMES = harnessPathNames({
  root: '/srv/class/alice',
  modules: {
    '@tensorflow/tfjs': '/opt/cnn-grade/node_modules/@tensorflow/tfjs/dist/index.d.ts',
    '@tensorflow/tfjs-layers': '/opt/cnn-grade/node_modules/@tensorflow/tfjs-layers/dist/index.d.ts',
    'cnn-grade/layers': '/opt/cnn-grade/harness/layers/index.ts',
  },
  folders: [
    { dir: '/opt/cnn-grade/node_modules', name: '' },
    { dir: '/opt/cnn-grade/harness/layers', name: 'cnn-grade/layers' },
  ],
  packageRoot: '/opt/cnn-grade',
});

describe('withoutHarnessPaths', () => {
  it("names a module by the name the student imports it by (the issue's default import, before esModuleInterop)", () => {
    expect(withoutHarnessPaths(`Module '"/opt/cnn-grade/node_modules/@tensorflow/tfjs/dist/index"' has no default export.`, NAMES)).toBe(
      `Module '"@tensorflow/tfjs"' has no default export.`,
    );
    expect(withoutHarnessPaths(`Module '"/opt/cnn-grade/harness/layers/index"' has no default export.`, NAMES)).toBe(`Module '"cnn-grade/layers"' has no default export.`);
  });

  it('shows a file inside a package as a path inside that package', () => {
    expect(withoutHarnessPaths(`Property 'conv2D' does not exist on type 'typeof import("/opt/cnn-grade/node_modules/@tensorflow/tfjs-layers/dist/exports_layers")'.`, NAMES)).toBe(
      `Property 'conv2D' does not exist on type 'typeof import("@tensorflow/tfjs-layers/dist/exports_layers")'.`,
    );
    // The entry's own file, with its extension, is a file in the package, not the module.
    expect(withoutHarnessPaths(`File '/opt/cnn-grade/node_modules/@tensorflow/tfjs/dist/index.d.ts' is not a module.`, NAMES)).toBe(`File '@tensorflow/tfjs/dist/index.d.ts' is not a module.`);
    expect(withoutHarnessPaths(`'/opt/cnn-grade/harness/layers/lrn.ts'`, NAMES)).toBe(`'cnn-grade/layers/lrn.ts'`);
  });

  it("shows the submission's files relative to it, and the harness's other files under its name", () => {
    expect(withoutHarnessPaths(`import("/srv/class/alice/util").Net and /srv/class/alice`, NAMES)).toBe(`import("util").Net and .`);
    expect(withoutHarnessPaths(`ENOENT: no such file or directory, open '/opt/cnn-grade/dist/x.js' in /opt/cnn-grade`, NAMES)).toBe(`ENOENT: no such file or directory, open 'cnn-grade/dist/x.js' in cnn-grade`);
  });

  it('replaces a path once, and leaves a longer name that only starts like one alone', () => {
    expect(withoutHarnessPaths('/srv/class/alice2/models.ts and /opt/cnn-grade-old', NAMES)).toBe('/srv/class/alice2/models.ts and /opt/cnn-grade-old');
    expect(withoutHarnessPaths('no paths here', NAMES)).toBe('no paths here');
  });

  it('knows the real and the forward-slash form of each path', () => {
    const names = harnessPathNames(
      { root: 'C:\\work\\alice', modules: {}, folders: [{ dir: 'C:\\cnn-grade\\node_modules', name: '' }], packageRoot: 'C:\\cnn-grade' },
      (p) => p.replace('C:\\cnn-grade', 'D:\\real\\cnn-grade'),
    );
    expect(withoutHarnessPaths('C:/cnn-grade/node_modules/@tensorflow/tfjs-core/dist/tensor and D:/real/cnn-grade/node_modules/typescript/lib/lib.es5.d.ts', names)).toBe(
      '@tensorflow/tfjs-core/dist/tensor and typescript/lib/lib.es5.d.ts',
    );
    expect(withoutHarnessPaths('C:/work/alice/models.ts', names)).toBe('models.ts');
  });
});
