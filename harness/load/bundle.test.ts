// Bundling reads nothing outside the submission, not even a source map that a comment names,
// and refuses more source than MAX_SOURCE_BYTES before reading it.

import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { bundleStudentCode } from './bundle';

const ROOT = path.resolve(__dirname, '..', '..');
const CLI = path.join(ROOT, 'bin', 'cnn-grade.js');
const RUBRIC = path.join(ROOT, 'rubrics', 'lenet5-mnist.yaml');
const SOURCE_MAPS = path.join(ROOT, 'fixtures', 'hostile', 'source-map-outside');
/** The map that fixture's models.ts names; its activation.js names /etc/passwd. */
const SECRET_MAP = '/tmp/cnn-grade-sourcemap-secret.map';
const PASSWD_LINE = 'root:x:0:0:';

function tempSubmission(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cnn-grade-bundle-'));
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  return dir;
}

/** ASCII source of exactly `bytes` bytes: the code, then a comment to fill. */
function padded(code: string, bytes: number): string {
  return `${code}//${'x'.repeat(bytes - code.length - 3)}\n`;
}

/** `cnn-grade check --no-train` on a folder, with the grader's heap capped; returns results.json and everything written. */
function check(dir: string, heapMb: number) {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'cnn-grade-bundle-out-'));
  const r = spawnSync(process.execPath, [`--max-old-space-size=${heapMb}`, CLI, 'check', dir, '--rubric', RUBRIC, '--out', out, '--no-train'], { encoding: 'utf8' });
  expect(r.status).toBe(0);
  const everything = [r.stdout, r.stderr, ...fs.readdirSync(out).map((f) => fs.readFileSync(path.join(out, f), 'utf8'))].join('\n');
  return { results: JSON.parse(fs.readFileSync(path.join(out, 'results.json'), 'utf8')), everything };
}

describe('source map comments', () => {
  const secret = `map-secret-${process.pid}-${Date.now()}`;
  beforeAll(() => fs.writeFileSync(SECRET_MAP, JSON.stringify({ version: 3, sources: [`${secret}.ts`], names: [secret], sourcesContent: [secret], mappings: 'AAAA' })));
  afterAll(() => fs.rmSync(SECRET_MAP, { force: true }));

  it('are not followed outside the submission: the bundle and its map name only its own files', async () => {
    const result = await bundleStudentCode(SOURCE_MAPS, 'models.ts');
    if (!result.ok) throw new Error(result.message);
    const inline = /sourceMappingURL=data:application\/json;base64,(\S+)/.exec(result.code)![1];
    const map = JSON.parse(Buffer.from(inline, 'base64').toString('utf8')) as { sources: string[] };
    expect(map.sources.filter((s) => !s.startsWith('harness-tfjs:')).sort()).toEqual(['activation.js', 'models.ts']);
    expect(result.code).not.toContain(secret);
    expect(result.code).not.toContain(PASSWD_LINE);
  });

  it('leave the model graded with its real structure, and the files they name in no output', () => {
    const { results, everything } = check(SOURCE_MAPS, 512);
    expect(results.extra_data.tasks[0].load.ok).toBe(true);
    expect(results.extra_data.tasks[0].summary.totalParams).toBe(61_706);
    expect(everything).not.toContain(secret);
    expect(everything).not.toContain(PASSWD_LINE);
  });
});

describe('the source size cap', () => {
  it('takes a submission of exactly 1 MiB', async () => {
    const dir = tempSubmission({ 'models.ts': padded('export const x = 1;\n', 1_048_576) });
    expect((await bundleStudentCode(dir, 'models.ts')).ok).toBe(true);
  });

  it('refuses one byte more, naming the file and its size', async () => {
    const dir = tempSubmission({ 'models.ts': padded('export const x = 1;\n', 1_048_577) });
    expect(await bundleStudentCode(dir, 'models.ts')).toMatchObject({
      ok: false,
      message: "models.ts is 1,048,577 bytes; a submission's source files may total at most 1,048,576 bytes (1 MB)",
    });
  });

  it('counts every file: the one that goes over is named, with the total', async () => {
    // 500,000 + 600,000 = 1,100,000 bytes; the entry is read first.
    const dir = tempSubmission({ 'models.ts': padded("export { x } from './big';\n", 500_000), 'big.ts': padded('export const x = 1;\n', 600_000) });
    expect(await bundleStudentCode(dir, 'models.ts')).toMatchObject({
      ok: false,
      message: "big.ts (600,000 bytes) brings the submission's source files to 1,100,000 bytes; a submission's source files may total at most 1,048,576 bytes (1 MB)",
    });
  });

  it('refuses a 200 MiB file without the grader reading it: a grader with a 128 MB heap grades it', () => {
    const dir = tempSubmission({});
    // Sparse: 200 MiB to stat, nothing on disk. Read into the grader's heap, it would not fit.
    fs.writeFileSync(path.join(dir, 'models.ts'), '');
    fs.truncateSync(path.join(dir, 'models.ts'), 200 * 1024 * 1024);
    const { results } = check(dir, 128);
    expect(results.extra_data.tasks[0].load).toMatchObject({ ok: false, kind: 'compile', message: "models.ts is 209,715,200 bytes; a submission's source files may total at most 1,048,576 bytes (1 MB)" });
    expect(results.score).toBe(0);
  });
});
