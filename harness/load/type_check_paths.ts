// The paths of the grader's machine that TypeScript's messages quote, and what a report shows
// instead. The checker names modules and types by their files: a default import of tfjs'
// `index.d.ts` without esModuleInterop said "Module '"/srv/grader/node_modules/@tensorflow/tfjs/dist/index"'
// has no default export", and a typo in `tf.layers.conv2D` says "... on type 'typeof
// import("<that path>/tfjs-layers/dist/exports_layers")'". Where the grader keeps its files is
// none of a student's business (and no help to them either): each such path becomes the name a
// student would write, the module's name or a path inside a package.
//
// Pure text in, text out, applied in the child before a message is cut to length (a cut path
// would no longer match) and again in the grader to whatever else reaches a report.

/** One path, and what to show for it. */
export interface PathName {
  from: string;
  to: string;
  /** Only where the path ends: a module's entry file, named by its module, but not `index.d.ts` beside it. */
  whole?: boolean;
}

export interface HarnessPaths {
  /** The submission folder: its files are shown relative to it. */
  root: string;
  /** Each module a submission may import, with the declarations file it resolves to. */
  modules: Record<string, string>;
  /** Folders of declarations, each with the package path it stands for (e.g. node_modules -> ''). */
  folders: Array<{ dir: string; name: string }>;
  /** The harness's own folder, for whatever the rules above miss. */
  packageRoot: string;
}

/** The declarations' extensions that TypeScript leaves off a module's quoted name. */
const MODULE_EXTENSIONS = /\.(d\.ts|ts|d\.mts|mts|d\.cts|cts)$/;

/**
 * The rules for one grader's paths, with each path also in its real and its forward-slash form
 * (TypeScript resolves symlinks and writes "/" on every OS), longest first so that the most
 * specific rule wins: a submission inside the harness's folder is still shown relative to itself.
 */
export function harnessPathNames(paths: HarnessPaths, realpath: (p: string) => string = (p) => p): PathName[] {
  const rules: PathName[] = [];
  const add = (from: string, to: string, whole = false) => {
    for (const form of new Set([from, safeReal(realpath, from)].flatMap((p) => [p, p.replace(/\\/g, '/')]))) rules.push({ from: form, to, ...(whole ? { whole } : {}) });
  };
  const withSlash = (dir: string) => (dir.endsWith('/') || dir.endsWith('\\') ? dir : `${dir}/`);
  add(withSlash(paths.root), '');
  add(paths.root, '.', true);
  for (const [name, file] of Object.entries(paths.modules)) add(file.replace(MODULE_EXTENSIONS, ''), name, true);
  for (const { dir, name } of paths.folders) add(withSlash(dir), name === '' ? '' : `${name}/`);
  add(withSlash(paths.packageRoot), 'cnn-grade/');
  add(paths.packageRoot, 'cnn-grade', true);
  // Unique by path (the real form is often the same), longest first.
  const byPath = new Map<string, PathName>();
  for (const rule of rules) if (!byPath.has(`${rule.from}\0${rule.whole ?? false}`)) byPath.set(`${rule.from}\0${rule.whole ?? false}`, rule);
  return [...byPath.values()].sort((a, b) => b.from.length - a.from.length);
}

function safeReal(realpath: (p: string) => string, p: string): string {
  try {
    return realpath(p);
  } catch {
    return p; // a path that does not exist is quoted as written, if at all
  }
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** `text` with every path of `names` replaced, in one pass (a replacement is never replaced again). */
export function withoutHarnessPaths(text: string, names: PathName[]): string {
  const usable = names.filter((n) => n.from.length > 0);
  if (usable.length === 0) return text;
  // A whole path must not run on into more of a file name ("index" in "index.d.ts"); "/" is fine
  // for the folders, which end with one.
  const pattern = new RegExp(usable.map((n) => `${escapeRegExp(n.from)}${n.whole ? '(?![\\w.@-])' : ''}`).join('|'), 'g');
  return text.replace(pattern, (match, offset: number) => {
    const after = text.slice(offset + match.length);
    const rule = usable.find((n) => n.from === match && (!n.whole || !/^[\w.@-]/.test(after)))!;
    return rule.to;
  });
}
