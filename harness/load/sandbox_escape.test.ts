// Ways out of the sandbox towards its grader (fixtures/hostile): signals, the inspector,
// inherited descriptors, Unix sockets, forged answers, outliving Ctrl-C. Each runs through
// the CLI at every isolation level this machine has (detection is cached per process).

import { spawn, spawnSync, type StdioOptions } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { detectIsolation } from './isolation';

const ROOT = path.resolve(__dirname, '..', '..');
const HOSTILE = path.join(ROOT, 'fixtures', 'hostile');
const CLI = path.join(ROOT, 'bin', 'cnn-grade.js');
const RUBRIC = path.join(ROOT, 'rubrics', 'lenet5-mnist.yaml');
const AS_ROOT = process.getuid?.() === 0;

const LEVELS = [
  ...(detectIsolation().level === 'bwrap+permissions' ? [{ level: 'bwrap+permissions', env: {} }] : []),
  { level: 'permissions', env: { CNN_GRADE_NO_BWRAP: '1' } },
];

jest.setTimeout(60_000);

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** stdout, stderr and every file written to the out folder. */
  everything: string;
  results?: { score: number; extra_data: { isolation: string; tasks: { load: { ok: boolean; message?: string } }[] } };
}

/** `cnn-grade check --no-train` on a fixture, asynchronously; `whileRunning` gets the grader's pid. */
function check(fixture: string, env: NodeJS.ProcessEnv, { stdio, whileRunning }: { stdio?: StdioOptions; whileRunning?: (pid: number) => void } = {}): Promise<Run> {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'cnn-grade-escape-'));
  const child = spawn(process.execPath, [CLI, 'check', path.join(HOSTILE, fixture), '--rubric', RUBRIC, '--out', out, '--no-train'], { env: { ...process.env, ...env }, stdio: stdio ?? ['ignore', 'pipe', 'pipe'] });
  let printed = '';
  child.stdout!.on('data', (chunk: Buffer) => (printed += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (printed += chunk.toString()));
  whileRunning?.(child.pid!);
  return new Promise((resolve) => {
    child.on('close', (code, signal) => {
      const files = fs.readdirSync(out).filter((f) => fs.statSync(path.join(out, f)).isFile());
      const everything = [printed, ...files.map((f) => fs.readFileSync(path.join(out, f), 'utf8'))].join('\n');
      const resultsFile = path.join(out, 'results.json');
      resolve({ code, signal, everything, results: fs.existsSync(resultsFile) ? JSON.parse(fs.readFileSync(resultsFile, 'utf8')) : undefined });
    });
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1', () => {
      socket.destroy();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
  });
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Polls `port` until `done` settles; true if it was ever open. */
async function watchPort(port: number, done: Promise<unknown>): Promise<boolean> {
  let finished = false;
  void done.then(() => (finished = true));
  let seen = false;
  while (!finished) {
    if (await portOpen(port)) seen = true;
    await sleep(100);
  }
  return seen;
}

/** Pids of processes whose command line holds `marker`. */
function pidsWith(marker: string): number[] {
  const r = spawnSync('pgrep', ['-f', marker], { encoding: 'utf8' });
  return r.stdout.split('\n').filter(Boolean).map(Number).filter((pid) => pid !== process.pid);
}

async function waitFor(condition: () => boolean, ms: number): Promise<boolean> {
  for (const end = Date.now() + ms; Date.now() < end; await sleep(100)) if (condition()) return true;
  return condition();
}

describe("the grader's inspector", () => {
  it('opens on SIGUSR1 in a plain node (so the way these tests look for it works)', async () => {
    const port = await freePort();
    const node = spawn(process.execPath, [`--inspect-port=127.0.0.1:${port}`, '-e', 'setTimeout(() => {}, 5000)'], { stdio: 'ignore' });
    await sleep(300);
    node.kill('SIGUSR1');
    await sleep(500);
    const opened = await portOpen(port);
    node.kill('SIGKILL');
    expect(opened).toBe(true);
  });

  it('stays closed when the grader itself gets SIGUSR1', async () => {
    const port = await freePort();
    const marker = 'cnn-grade-escape-ignores-sigterm';
    let opened = false;
    const run = check('ignores-sigterm', { NODE_OPTIONS: `--inspect-port=127.0.0.1:${port}` }, {
      whileRunning: (pid) => {
        void (async () => {
          await waitFor(() => pidsWith(marker).length > 0, 20_000);
          process.kill(pid, 'SIGUSR1');
          await sleep(500);
          opened = await portOpen(port);
          process.kill(pid, 'SIGTERM');
        })();
      },
    });
    await run;
    expect(opened).toBe(false);
    expect(await waitFor(() => pidsWith(marker).length === 0, 3000)).toBe(true);
  });
});

describe.each(LEVELS)('at the $level level', ({ level, env }) => {
  const signalsReachGrader = level === 'permissions' && !AS_ROOT;

  (signalsReachGrader ? it.skip : it)('cannot open an inspector by SIGUSR1, in its grader or in itself', async () => {
    const port = await freePort();
    const defaultPortWasOpen = await portOpen(9229);
    const run = check('signals-parent-usr1', { ...env, NODE_OPTIONS: `--inspect-port=127.0.0.1:${port}` });
    const [opened, openedDefault] = await Promise.all([watchPort(port, run), defaultPortWasOpen ? false : watchPort(9229, run)]);
    const { code, results } = await run;
    expect(opened).toBe(false);
    expect(openedDefault).toBe(false);
    expect(code).toBe(0);
    expect(results!.extra_data.isolation).toBe(level);
    expect(results!.extra_data.tasks[0].load.ok).toBe(true);
  });

  (signalsReachGrader ? it.skip : it)('cannot stop its grader', async () => {
    const { code, results } = await check('stops-parent', env);
    expect(code).toBe(0);
    expect(results!.extra_data.tasks[0].load.ok).toBe(true);
  });

  it.each(['SIGINT', 'SIGTERM'] as const)('does not outlive its grader stopped by %s, though it ignores it', async (signal) => {
    const marker = 'cnn-grade-escape-ignores-sigterm';
    let seen = false;
    const { signal: ended } = await check('ignores-sigterm', env, {
      whileRunning: (pid) => {
        void waitFor(() => pidsWith(marker).length > 0, 20_000).then((found) => {
          seen = found;
          process.kill(pid, signal);
        });
      },
    });
    const left = (await waitFor(() => pidsWith(marker).length === 0, 3000)) ? [] : pidsWith(marker);
    for (const pid of left) process.kill(pid, 'SIGKILL');
    expect(seen).toBe(true);
    expect(ended).toBe(signal);
    expect(left).toEqual([]);
  });

  it('can neither read nor write a descriptor its grader inherited (fd 5, 12, 100)', async () => {
    const secret = `fdsecret${process.pid}x${Date.now()}`;
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cnn-grade-escape-fd-')), 'secret.txt');
    fs.writeFileSync(file, secret, { mode: 0o600 });
    const stdio: StdioOptions = Array.from({ length: 101 }, () => 'ignore' as const);
    stdio.splice(1, 2, 'pipe', 'pipe');
    const opened = [5, 12, 100].map((fd) => [fd, fs.openSync(file, fd === 5 ? 'r' : 'r+')] as const);
    for (const [fd, handle] of opened) stdio[fd] = handle;
    try {
      const { code, results, everything } = await check('reads-inherited-fd', env, { stdio });
      expect(code).toBe(0);
      expect(results!.extra_data.tasks[0].load.ok).toBe(true);
      expect(everything).not.toContain(secret);
      expect(fs.readFileSync(file, 'utf8')).toBe(secret);
    } finally {
      for (const [, handle] of opened) fs.closeSync(handle);
    }
  });

  it('reaches Unix sockets outside its folders only without bubblewrap', async () => {
    let connections = 0;
    const servers = ['/dev/shm/cnn-grade-escape.sock', path.join(ROOT, 'dist', 'cnn-grade-escape.sock')].filter((p) => fs.existsSync(path.dirname(p)));
    const listening = await Promise.all(
      servers.map(async (socketPath) => {
        fs.rmSync(socketPath, { force: true });
        const server = net.createServer((socket) => {
          connections++;
          socket.destroy();
        });
        await new Promise<void>((resolve) => server.listen(socketPath, resolve));
        // Anyone may connect: only the sandbox's view of the file system stands in the way.
        fs.chmodSync(socketPath, 0o777);
        return server;
      }),
    );
    try {
      const { code, results } = await check('connects-unix-socket', env);
      expect(code).toBe(0);
      expect(results!.extra_data.tasks[0].load.ok).toBe(true);
      // Node's permission model alone does not govern sockets (README, Security model).
      if (level === 'bwrap+permissions') expect(connections).toBe(0);
      else expect(connections).toBeGreaterThan(0);
    } finally {
      for (const server of listening) server.close();
    }
  });

  it.each(['unknown-answer-kind', 'malformed-answer'])('scores %s as a crash, not a harness error', async (fixture) => {
    const { code, results } = await check(fixture, env);
    expect(code).toBe(0);
    expect(results!.score).toBe(0);
    expect(results!.extra_data.tasks[0].load).toMatchObject({ ok: false, message: 'the model builder sent an answer the harness does not understand' });
  });
});

describe('--isolation', () => {
  /** The CLI as a user who is not root (nobody, when these tests run as root). */
  function asUser(args: string[], env: NodeJS.ProcessEnv = {}) {
    return spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, ...env }, cwd: os.tmpdir(), ...(AS_ROOT ? { uid: 65534, gid: 65534 } : {}) });
  }
  const grade = ['grade', '--roster', path.join(os.tmpdir(), 'cnn-grade-escape-no-roster.csv'), '--rubric', RUBRIC, '--out', path.join(os.tmpdir(), 'cnn-grade-escape-no-out')];

  it('refuses a class run with the permission model alone as a user, unless asked for on purpose', () => {
    for (const args of [grade, ['worker', '--job', path.join(os.tmpdir(), 'cnn-grade-escape-no-job.json')]]) {
      const refused = asUser(args, { CNN_GRADE_NO_BWRAP: '1' });
      expect(refused.status).toBe(2);
      expect(refused.stderr).toMatch(/runs as your own user: it could stop or signal the grader.*--isolation permissions/);
    }
    const accepted = asUser([...grade, '--isolation', 'permissions']);
    expect(accepted.stderr).not.toContain('--isolation');
  });

  it('refuses a queue worker with the permission model alone, even as root: a submission could reach Redis', () => {
    const worker = (extra: string[]) => spawnSync(process.execPath, [CLI, 'worker', '--queue', 'redis://127.0.0.1:1', ...extra], { encoding: 'utf8', env: { ...process.env, CNN_GRADE_NO_BWRAP: '1' }, timeout: 20_000 });
    const refused = worker([]);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/can open network connections: on a queue worker it could reach Redis, read the other jobs and push results.*--isolation permissions/);
    // Accepted on purpose, it goes on to connect (and fails there: nothing listens on port 1).
    expect(worker(['--isolation', 'permissions']).stderr).not.toMatch(/could reach Redis/);
  });

  it('refuses --isolation bwrap where bubblewrap is not there', () => {
    const r = spawnSync(process.execPath, [CLI, ...grade, '--isolation', 'bwrap'], { encoding: 'utf8', env: { ...process.env, PATH: '/nonexistent' } });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--isolation bwrap: bubblewrap (bwrap) is not installed');
  });
});
