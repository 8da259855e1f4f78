// The layers around the sandboxed child, beyond Node's permission model: an unprivileged
// account when the grader runs as root, no descriptor but the ones it is given, a memory
// limit that also covers typed arrays (RLIMIT_DATA, which V8's heap limit does not), and where
// the machine has bubblewrap, new network, PID, IPC and mount namespaces over a file system
// that holds only what node needs to run the child.

import { spawnSync } from 'node:child_process';
import { randomInt } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { UsageError } from '../errors';
import type { IsolationLevel } from '../types';

export interface ChildCommand {
  command: string;
  args: string[];
}

/** The account the child runs as when the grader is root: it can neither signal nor trace the grader. */
export interface SandboxAccount {
  uid: number;
  gid: number;
}

export interface Isolation {
  level: IsolationLevel;
  bwrap: string | null;
  /**
   * The accounts sandboxes run as: null when the grader is not root (the child keeps the
   * grader's account), else a fresh one for each sandbox, or nobody where the system allows
   * no other (then concurrent sandboxes share it).
   */
  accounts: (() => SandboxAccount) | null;
}

/** What `--isolation` asks for: the strongest level here, bubblewrap or nothing, or the permission model alone. */
export const ISOLATION_CHOICES = ['auto', 'bwrap', 'permissions'] as const;
export type IsolationChoice = (typeof ISOLATION_CHOICES)[number];

/** `--isolation`'s help, the same for every command that has it. */
export const ISOLATION_HELP =
  'How student code is sandboxed: auto (the strongest that works here), bwrap (bubblewrap or nothing), permissions (Node\'s permission model alone, accepted on purpose)';

export function permissionFlag(): string {
  // Node 22 made the permission model stable under --permission; Node 20 has the experimental flag.
  return process.allowedNodeEnvironmentFlags.has('--permission') ? '--permission' : '--experimental-permission';
}

function findOnPath(name: string, searchPath: string): string | null {
  for (const dir of searchPath.split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, name);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return null;
}

/** Whether the grader runs as root, when its sandboxes run as an unprivileged account instead. */
const isRoot = () => process.getuid?.() === 0;

/** Sandbox uids and gids: a range no system hands out (from 2^31 - 2^28), one pair per sandbox. */
const OWN_IDS_FROM = 1_879_048_192;
const OWN_IDS_COUNT = 100_000_000;

/**
 * A uid and gid of its own for one sandbox, so that two students' sandboxes running at once
 * cannot signal each other (one could otherwise kill or stop its classmates' builds).
 */
function ownAccount(): SandboxAccount {
  const id = OWN_IDS_FROM + randomInt(OWN_IDS_COUNT);
  return { uid: id, gid: id };
}

/** `nobody` from /etc/passwd (its own group), else the usual 65534. */
function nobodyAccount(): SandboxAccount {
  let passwd = '';
  try {
    passwd = fs.readFileSync('/etc/passwd', 'utf8');
  } catch {
    // no passwd file: the conventional ids
  }
  const fields = passwd.split('\n').find((l) => l.startsWith('nobody:'))?.split(':');
  const uid = Number(fields?.[2]);
  const gid = Number(fields?.[3]);
  return uid > 0 && gid > 0 ? { uid, gid } : { uid: 65534, gid: 65534 };
}

/** The shared libraries `binary` loads and ld.so itself, as ldd names them; none when ldd is missing. */
function sharedLibraries(binary: string): string[] {
  const ldd = findOnPath('ldd', '/usr/bin:/bin');
  if (!ldd) return [];
  const result = spawnSync(ldd, [binary], { encoding: 'utf8', timeout: 10_000 });
  // "libc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x...)" and "/lib64/ld-linux-x86-64.so.2 (0x...)".
  return (result.stdout ?? '').split('\n').flatMap((line) => line.match(/(?:^|\s)(\/\S+)/)?.[1] ?? []);
}

/** The shell that applies the memory limit before it becomes node. */
const SHELL = '/bin/sh';

let runtimeFileList: string[] | undefined;

/** The files node and the shell around it need in an otherwise empty file system (found once). */
function runtimeFiles(): string[] {
  if (runtimeFileList) return runtimeFileList;
  const files = new Set<string>(['/etc/ld.so.cache'].filter((f) => fs.existsSync(f)));
  for (const binary of [process.execPath, SHELL].filter((f) => fs.existsSync(f))) {
    files.add(binary);
    for (const library of sharedLibraries(binary)) files.add(library);
  }
  return (runtimeFileList = [...files]);
}

/**
 * The bubblewrap command line around `inner`: a new, empty root, read-only, into which only
 * the files node needs (binary, libraries, ld.so's cache), the shell, and `visible` (the
 * runtime and the bundle's folder) are bound read-only; a fresh /proc and a minimal /dev.
 * Nothing else of the host (sockets, home folders, temporary files) exists inside.
 */
export function bwrapCommand(bwrap: string, inner: ChildCommand, visible: string[], cwd: string): ChildCommand {
  const args = ['--unshare-all', '--die-with-parent', '--new-session', '--clearenv', '--proc', '/proc', '--dev', '/dev'];
  for (const file of [...runtimeFiles(), ...visible]) args.push('--ro-bind', file, file);
  args.push('--remount-ro', '/', '--chdir', cwd, '--', inner.command, ...inner.args);
  return { command: bwrap, args };
}

/** Runs the child under a data-segment limit: sh's `ulimit -d` sets RLIMIT_DATA, then exec. */
export function withDataLimit(inner: ChildCommand, megabytes: number): ChildCommand {
  return { command: SHELL, args: ['-c', `ulimit -d ${megabytes * 1024} && exec "$0" "$@"`, inner.command, ...inner.args] };
}

/**
 * The descriptors this process has open above the answer descriptor (3). A child inherits
 * those opened without close-on-exec, whatever their number (a secret given to the grader as
 * `5</secret`, a job runner's pipe); the sandbox replaces each with /dev/null in the child.
 */
export function openDescriptorsAbove3(): number[] {
  for (const dir of ['/proc/self/fd', '/dev/fd']) {
    try {
      return fs
        .readdirSync(dir)
        .map(Number)
        .filter((fd) => Number.isInteger(fd) && fd > 3);
    } catch {
      // not this system's way of listing them
    }
  }
  return [];
}

/** The spawn of the sandboxed child: its command and the account it runs as. */
export interface Invocation {
  command: ChildCommand;
  account: SandboxAccount | null;
}

function invocation(isolation: Isolation, inner: ChildCommand, visible: string[], cwd: string, dataLimitMb: number): Invocation {
  const limited = fs.existsSync(SHELL) ? withDataLimit(inner, dataLimitMb) : inner;
  const command = isolation.bwrap ? bwrapCommand(isolation.bwrap, limited, visible, cwd) : limited;
  return { command, account: isolation.accounts?.() ?? null };
}

let chosen: IsolationChoice = 'auto';
let detected: Isolation | undefined;

/**
 * Whether the sandbox starts at `isolation`: node under the permission model, as the account
 * and inside the view that a submission will get, reads `runtime` (the child's program).
 */
function starts(isolation: Isolation, runtime: string): { ok: boolean; why: string } {
  const inner = { command: process.execPath, args: [permissionFlag(), `--allow-fs-read=${runtime}`, '--no-warnings', '-e', 'require("fs").accessSync(process.argv[1], 4)', runtime] };
  const { command, account } = invocation(isolation, inner, [runtime], '/', 256);
  const result = spawnSync(command.command, command.args, { stdio: ['ignore', 'ignore', 'pipe'], timeout: 10_000, env: {}, cwd: '/', ...(account ?? {}) });
  return { ok: result.status === 0, why: (result.stderr?.toString() ?? '').trim().split('\n')[0] || String(result.error ?? `exit code ${result.status}`) };
}

/**
 * Which isolation this process gives, as chosen (`chooseIsolation`; default auto): bubblewrap
 * when it is installed and actually starts a sandbox here (user namespaces may be disabled),
 * else the permission model alone. CNN_GRADE_NO_BWRAP=1 makes auto pick the weaker level
 * (for comparison and tests). Throws a UsageError when the sandbox cannot start at all.
 */
export function detectIsolation(): Isolation {
  if (detected) return detected;
  const runtime = sandboxRuntime();
  const env = process.env;
  // As root: a fresh account per sandbox where the system allows any uid, else nobody for all.
  const accountChoices: ((() => SandboxAccount) | null)[] = isRoot() ? [ownAccount, nobodyAccount] : [null];
  const who = isRoot() ? 'as an unprivileged account' : 'here';
  const bwrap = chosen === 'permissions' || (chosen === 'auto' && env.CNN_GRADE_NO_BWRAP === '1') ? null : findOnPath('bwrap', env.PATH ?? '');
  if (chosen === 'bwrap' && !bwrap) throw new UsageError('--isolation bwrap: bubblewrap (bwrap) is not installed or not on PATH; install it (e.g. apt-get install bubblewrap) or choose --isolation auto');
  let why = '';
  for (const level of bwrap ? (['bwrap+permissions', 'permissions'] as const) : (['permissions'] as const)) {
    for (const accounts of accountChoices) {
      const candidate: Isolation = { level, bwrap: level === 'permissions' ? null : bwrap, accounts };
      const probe = starts(candidate, runtime);
      if (probe.ok) return (detected = candidate);
      why ||= probe.why;
    }
    if (chosen === 'bwrap') throw new UsageError(`--isolation bwrap: bubblewrap does not start a sandbox ${who} (${why}); unprivileged user namespaces may be disabled`);
  }
  throw new UsageError(`the sandbox cannot start ${who} (${why}): the sandbox must be able to run ${process.execPath} and read ${runtime}`);
}

/**
 * Sets this process's isolation from `--isolation` and returns it. A class run (`grade`,
 * `worker`) refuses the permission model alone unless it is chosen on purpose where that would
 * let one student touch others' grades: as a user, the child keeps the grader's own account and
 * could stop or signal it; on a queue worker, the child can open connections, and the queue's
 * Redis holds every waiting job and takes results.
 */
export function chooseIsolation(choice: IsolationChoice, { forClass, queue = false }: { forClass: boolean; queue?: boolean }): Isolation {
  chosen = choice;
  detected = undefined;
  const isolation = detectIsolation();
  if (!forClass || choice === 'permissions' || isolation.level !== 'permissions') return isolation;
  const accept = 'Install bubblewrap (with unprivileged user namespaces), or accept this with --isolation permissions';
  if (queue) {
    throw new UsageError(`bubblewrap cannot start here, and with Node's permission model alone a submission can open network connections: on a queue worker it could reach Redis, read the other jobs and push results. ${accept}`);
  }
  if (!isolation.accounts) {
    throw new UsageError(`bubblewrap cannot start here, and with Node's permission model alone a submission runs as your own user: it could stop or signal the grader and reach the network. ${accept}, or run the grader as root (the sandbox then runs as an account of its own)`);
  }
  return isolation;
}

/** The command that starts the sandboxed child at this process's level, and the account it runs as. */
export function isolatedCommand(inner: ChildCommand, visible: string[], cwd: string, dataLimitMb: number): Invocation & { level: IsolationLevel } {
  const isolation = detectIsolation();
  return { ...invocation(isolation, inner, visible, cwd, dataLimitMb), level: isolation.level };
}

let stagedRuntime: string | undefined;

/**
 * The sandbox runtime as the child reads it. When the grader is root the child runs as nobody,
 * who may not be able to reach the harness's own folder (a clone under /root, a 0700 temp
 * folder): the runtime is then copied once per process into a folder of its own that every
 * user can read and only root can change, removed when this process exits.
 */
export function sandboxRuntime(): string {
  if (stagedRuntime) return stagedRuntime;
  const built = builtRuntimePath();
  if (!isRoot()) return (stagedRuntime = built);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cnn-grade-runtime-'));
  process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  const copy = path.join(dir, path.basename(built));
  fs.copyFileSync(built, copy);
  fs.chmodSync(copy, 0o644);
  fs.chmodSync(dir, 0o755);
  return (stagedRuntime = copy);
}

/** dist/sandbox-child.js, built by scripts/build.js from sandbox_child.ts with tfjs inside. */
function builtRuntimePath(): string {
  const fromSource = path.resolve(__dirname, '..', '..', 'dist', 'sandbox-child.js');
  const fromDist = path.resolve(__dirname, 'sandbox-child.js');
  for (const candidate of [fromDist, fromSource]) if (fs.existsSync(candidate)) return candidate;
  throw new Error(`the sandbox runtime is not built (looked for ${fromSource}); run "npm run build"`);
}
