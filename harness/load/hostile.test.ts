// The hostile and broken submissions of fixtures/hostile: each ends in a graded result with
// a reason a student can read, nothing escapes the sandbox, and the next one grades normally.

import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadSubmission } from './load_submission';
import { typeCheck } from './type_check';

const ROOT = path.resolve(__dirname, '..', '..');
const HOSTILE = path.join(ROOT, 'fixtures', 'hostile');
const CLI = path.join(ROOT, 'bin', 'cnn-grade.js');
const RUBRIC = path.join(ROOT, 'rubrics', 'lenet5-mnist.yaml');
const TASK = { file: 'models.ts', exportName: 'buildLeNet5', args: { inputShape: [28, 28, 1], numClasses: 10 } };
const LIMITS = { timeoutMs: 10_000, heapMb: 256 };

const load = (name: string, limits = LIMITS) => loadSubmission(path.join(HOSTILE, name), TASK, limits);

/** `cnn-grade check --no-train` on a fixture; returns results.json and everything written. */
function check(name: string, env: NodeJS.ProcessEnv = {}) {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'cnn-grade-hostile-'));
  const r = spawnSync(process.execPath, [CLI, 'check', path.join(HOSTILE, name), '--rubric', RUBRIC, '--out', out, '--no-train'], { encoding: 'utf8', env: { ...process.env, ...env } });
  expect(r.status).toBe(0);
  const everything = [r.stdout, r.stderr, ...fs.readdirSync(out).map((f) => fs.readFileSync(path.join(out, f), 'utf8'))].join('\n');
  return { results: JSON.parse(fs.readFileSync(path.join(out, 'results.json'), 'utf8')), everything };
}

describe('hostile submissions', () => {
  it('cannot write files anywhere, and its model is still graded', async () => {
    const targets = ['/tmp/cnn-grade-hostile-write.txt', path.join(HOSTILE, 'writes-file', 'pwned.txt')];
    for (const t of targets) fs.rmSync(t, { force: true });
    const result = await load('writes-file');
    expect(result.ok).toBe(true);
    for (const t of targets) expect(fs.existsSync(t)).toBe(false);
  });

  it('cannot read a secret file, and the secret reaches no output', () => {
    const secret = `s3cret-${process.pid}-${Date.now()}`;
    fs.writeFileSync('/tmp/cnn-grade-test-secret.txt', secret);
    const { results, everything } = check('reads-secret');
    expect(results.score).toBe(0);
    expect(results.output).toMatch(/tried something the sandbox forbids .*it may not read or write files/);
    expect(everything).not.toContain(secret);
  });

  it("sees none of the grader's environment", () => {
    const token = `ghp_${process.pid}secret`;
    const { results, everything } = check('reads-env', { GITHUB_TOKEN: token });
    // The model is named after what it found: no token, no HOME, zero variables.
    expect(results.extra_data.tasks[0].summary.name).toBe('env___0');
    expect(everything).not.toContain(token);
  });

  it('cannot start a process', async () => {
    fs.rmSync('/tmp/cnn-grade-hostile-spawn.txt', { force: true });
    const result = await load('spawns-process');
    expect(result).toMatchObject({ ok: false, kind: 'throw' });
    expect(!result.ok && result.message).toContain('tried something the sandbox forbids');
    expect(fs.existsSync('/tmp/cnn-grade-hostile-spawn.txt')).toBe(false);
  });

  it('reaches no network under bubblewrap, and the results say when the level is weaker', async () => {
    let connections = 0;
    const server = net.createServer((socket) => {
      connections++;
      socket.destroy();
    });
    await new Promise<void>((resolve) => server.listen(47219, '127.0.0.1', resolve));
    // Asynchronously, so that this process's server can accept while the child runs.
    const checkAsync = async (env: NodeJS.ProcessEnv) => {
      const out = fs.mkdtempSync(path.join(os.tmpdir(), 'cnn-grade-hostile-'));
      await promisify(execFile)(process.execPath, [CLI, 'check', path.join(HOSTILE, 'opens-socket'), '--rubric', RUBRIC, '--out', out, '--no-train'], { env: { ...process.env, ...env } });
      return JSON.parse(fs.readFileSync(path.join(out, 'results.json'), 'utf8')).extra_data.isolation as string;
    };
    try {
      const level = await checkAsync({});
      if (level === 'bwrap+permissions') expect(connections).toBe(0);
      else expect(level).toBe('permissions');
      // Node's permission model alone leaves the network open (README, Security model).
      connections = 0;
      expect(await checkAsync({ CNN_GRADE_NO_BWRAP: '1' })).toBe('permissions');
      expect(connections).toBe(1);
    } finally {
      server.close();
    }
  });

  it('is stopped within its time limit plus a second when it loops forever', async () => {
    const started = Date.now();
    expect(await load('loops-forever', { timeoutMs: 2000, heapMb: 256 })).toMatchObject({ ok: false, kind: 'timeout' });
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('runs out of memory without taking the harness down, and the next submission grades normally', async () => {
    const bomb = await load('memory-bomb');
    expect(bomb).toMatchObject({ ok: false, kind: 'memory' });
    expect(await load('billions-of-params')).toMatchObject({ ok: false, kind: 'memory' });
    const next = await loadSubmission(path.join(ROOT, 'fixtures', 'lenet5', 'correct'), TASK, LIMITS);
    expect(next.ok).toBe(true);
  });

  it('prints megabytes without stalling the harness', async () => {
    expect((await load('prints-megabytes')).ok).toBe(true);
  });

  it('says so when it ends its own process', async () => {
    const result = await load('exits-process');
    expect(result).toMatchObject({ ok: false, kind: 'crash' });
    expect(!result.ok && result.message).toBe('the model builder ended its process (exit code 3) before returning a model');
  });

  it('shows a thrown non-Error value', async () => {
    const result = await load('throws-non-error');
    expect(!result.ok && result.message).toBe('buildLeNet5 threw a non-Error value: {"code":42,"reason":"not an Error"}');
  });

  it('names an export that is not a function', async () => {
    const result = await load('wrong-export');
    expect(result).toMatchObject({ ok: false, kind: 'missing-export', message: 'models.ts exports buildLeNet5 as an object (Object), not as a function' });
  });

  it('names a package that is not there, with its line', async () => {
    const result = await load('missing-package');
    expect(result).toMatchObject({ ok: false, kind: 'compile', location: { file: 'models.ts', line: 3 } });
    expect(!result.ok && result.message).toContain('cannot import "lodash/range"');
  });

  it('reports a type error without failing code that runs', () => {
    const { results } = check('type-error');
    expect(results.extra_data.tasks[0].load.ok).toBe(true);
    expect(results.extra_data.tasks[0].typeErrors).toEqual(["models.ts:10:9 Type 'string' is not assignable to type 'number'."]);
    expect(results.output).toContain('TypeScript errors (not graded)');
  });
});

describe('the type check', () => {
  it('reads no file outside the submission, whatever the types ask for', async () => {
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'cnn-grade-solution-'));
    fs.writeFileSync(path.join(outside, 'solution.ts'), "export const API_TOKEN = 'sk-very-secret-123';\n");
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cnn-grade-typeleak-'));
    fs.writeFileSync(
      path.join(dir, 'models.ts'),
      `const leak: 0 = (null as unknown as typeof import('${path.join(outside, 'solution')}'))['API_TOKEN'];\nexport function buildLeNet5() { return leak; }\n`,
    );
    fs.symlinkSync(path.join(outside, 'solution.ts'), path.join(dir, 'linked.ts'));
    fs.appendFileSync(path.join(dir, 'models.ts'), `import type { API_TOKEN as T } from './linked';\nexport const t: 0 = null as unknown as typeof T;\n`);
    const errors = (await typeCheck(dir, 'models.ts')).errors.join('\n');
    expect(errors).not.toContain('sk-very-secret');
    expect(errors).toMatch(/Cannot find module/);
  });
});
