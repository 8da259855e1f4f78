// The layers around the sandboxed child, beyond Node's permission model: a memory limit
// that also covers typed arrays (RLIMIT_DATA, which V8's heap limit does not), and where the
// machine has bubblewrap, new network, PID, IPC and mount namespaces with a read-only view
// of the file system in which home folders and temporary files are hidden.

import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { IsolationLevel } from '../types';


export interface ChildCommand {
  command: string;
  args: string[];
}

/** Folders that hold users' files and secrets; hidden inside bubblewrap. */
const HIDDEN = ['/home', '/root', '/tmp', '/var', '/run', '/mnt', '/media', '/srv', '/opt'];

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

/**
 * The bubblewrap command line around `inner`: everything read-only, the folders above
 * replaced by empty ones, then the few files the child needs bound back in (read-only).
 */
export function bwrapCommand(bwrap: string, inner: ChildCommand, visible: string[], cwd: string): ChildCommand {
  const args = ['--unshare-all', '--die-with-parent', '--new-session', '--clearenv', '--ro-bind', '/', '/', '--proc', '/proc', '--dev', '/dev'];
  for (const dir of HIDDEN) if (fs.existsSync(dir)) args.push('--tmpfs', dir);
  for (const file of visible) args.push('--ro-bind', file, file);
  args.push('--chdir', cwd, '--', inner.command, ...inner.args);
  return { command: bwrap, args };
}

/** Runs the child under a data-segment limit: sh's `ulimit -d` sets RLIMIT_DATA, then exec. */
export function withDataLimit(inner: ChildCommand, megabytes: number): ChildCommand {
  return { command: '/bin/sh', args: ['-c', `ulimit -d ${megabytes * 1024} && exec "$0" "$@"`, inner.command, ...inner.args] };
}

let detected: { level: IsolationLevel; bwrap: string | null } | undefined;

/**
 * Which isolation this machine gives: bubblewrap when it is installed and actually starts a
 * sandbox here (user namespaces may be disabled), else the permission model alone.
 * CNN_GRADE_NO_BWRAP=1 forces the weaker level (for comparison and tests).
 */
export function detectIsolation(env: NodeJS.ProcessEnv = process.env): { level: IsolationLevel; bwrap: string | null } {
  if (detected) return detected;
  const bwrap = env.CNN_GRADE_NO_BWRAP === '1' ? null : findOnPath('bwrap', env.PATH ?? '');
  if (bwrap) {
    const probe = bwrapCommand(bwrap, { command: process.execPath, args: ['-e', ''] }, [process.execPath], '/');
    const result = spawnSync(probe.command, probe.args, { stdio: 'ignore', timeout: 10_000 });
    if (result.status === 0) return (detected = { level: 'bwrap+permissions', bwrap });
  }
  return (detected = { level: 'permissions', bwrap: null });
}

/** The command that starts the sandboxed child at the strongest level available. */
export function isolatedCommand(inner: ChildCommand, visible: string[], cwd: string, dataLimitMb: number): { command: ChildCommand; level: IsolationLevel } {
  const { level, bwrap } = detectIsolation();
  const limited = fs.existsSync('/bin/sh') ? withDataLimit(inner, dataLimitMb) : inner;
  if (!bwrap) return { command: limited, level };
  // Inside bubblewrap /bin/sh is visible (read-only root), so the limit applies there too.
  return { command: bwrapCommand(bwrap, limited, [inner.command, ...visible], cwd), level };
}
