// collect: a student's repository, cloned with simple-git into the run's work folder and
// checked out at the commit the deadline picks. Hooks off, submodules off, no credential
// prompts, a protocol allowlist and a timeout; credentials come only from the environment
// (e.g. a token in a credential helper) and are removed from every message.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { simpleGit } from 'simple-git';
import type { RosterEntry } from './roster';
import { commitForDeadline, type DatedCommit } from './deadline';

export interface Collected {
  ok: true;
  dir: string;
  commit: string;
  commitDate: string;
  late: boolean;
}

export interface CollectFailure {
  ok: false;
  reason: string;
}

/** https://user:token@host/x.git -> https://host/x.git, anywhere in a text: what may appear in a report or log. */
export function redactUrl(text: string): string {
  return text.replace(/([a-z][a-z0-9+.-]*:\/\/)[^/@\s]*@/gi, '$1');
}

/**
 * Git's environment: only what finding git and the instructor's credentials needs (PATH, HOME
 * for credential helpers, an ssh agent), no prompts, and no ext:: or other transports that
 * run commands.
 */
function gitEnv(): Record<string, string> {
  const keep = ['PATH', 'HOME', 'SSH_AUTH_SOCK'].filter((k) => process.env[k] !== undefined);
  return { ...Object.fromEntries(keep.map((k) => [k, process.env[k]!])), LANG: 'C', GIT_TERMINAL_PROMPT: '0', GIT_ALLOW_PROTOCOL: 'https:ssh:git:file' };
}

export async function collectRepo(entry: RosterEntry, workDir: string, deadline: Date | null, timeoutMs: number): Promise<Collected | CollectFailure> {
  const dir = path.join(workDir, entry.id);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(workDir, { recursive: true });
  const env = gitEnv();
  // simple-git guards core.hooksPath because pointing it somewhere runs code; pointing it at
  // /dev/null is the opposite: no hook of the student's repository ever runs.
  const options = {
    timeout: { block: timeoutMs },
    config: ['core.hooksPath=/dev/null'],
    unsafe: { allowUnsafeHooksPath: true },
    // simple-git strips GIT_* variables unless named: these two are the harness's own.
    allowEnvironment: ['GIT_TERMINAL_PROMPT', 'GIT_ALLOW_PROTOCOL'],
  };
  const git = simpleGit({ baseDir: workDir, ...options }).env(env);
  const source = redactUrl(entry.repo);
  try {
    const args = ['--no-recurse-submodules', '--no-tags', '--single-branch'];
    if (entry.branch) args.push('--branch', entry.branch);
    // Shallow where possible: with no deadline and no pinned commit only the newest commit
    // matters; otherwise the history is needed, but a remote need not send old files' contents.
    const local = !/^[a-z][a-z0-9+.-]*:\/\//i.test(entry.repo) || entry.repo.startsWith('file://');
    if (!deadline && !entry.commit) args.push('--depth', '1');
    else if (!local) args.push('--filter=blob:none');
    await git.clone(entry.repo, dir, args);
  } catch (error) {
    return { ok: false, reason: `could not clone ${source}: ${firstLine(error)}` };
  }
  const repo = simpleGit({ baseDir: dir, ...options }).env(env);
  try {
    let chosen: { commit: DatedCommit; late: boolean } | null;
    if (entry.commit) {
      const line = (await repo.raw(['log', '-1', '--format=%H %cI', entry.commit])).trim();
      const [hash, date] = line.split(' ');
      chosen = { commit: { hash, date: new Date(date) }, late: deadline !== null && new Date(date) > deadline };
    } else {
      const log = (await repo.raw(['log', '--format=%H %cI'])).trim();
      const commits = log ? log.split('\n').map((l) => ({ hash: l.split(' ')[0], date: new Date(l.split(' ')[1]) })) : [];
      chosen = commitForDeadline(commits, deadline);
    }
    if (!chosen) return { ok: false, reason: `${source} has no commits` };
    await repo.raw(['checkout', '--quiet', '--detach', chosen.commit.hash]);
    return { ok: true, dir, commit: chosen.commit.hash, commitDate: chosen.commit.date.toISOString(), late: chosen.late };
  } catch (error) {
    return { ok: false, reason: `could not check out ${source}: ${firstLine(error)}` };
  }
}

function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return redactUrl(text.split('\n').find((l) => l.trim()) ?? text).slice(0, 300);
}
