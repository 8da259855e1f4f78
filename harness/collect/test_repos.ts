// For tests: student repositories as bare Git repositories in a temporary folder, one
// commit per entry with its own committer date, as a hosting service would serve them.

import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

function git(cwd: string, args: string[], date?: string): string {
  const env = { ...process.env, ...(date ? { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date } : {}) };
  return execFileSync('git', ['-c', 'user.name=Student', '-c', 'user.email=s@example.org', '-c', 'init.defaultBranch=main', ...args], { cwd, env, encoding: 'utf8' }).trim();
}

/** A bare repository with one commit per entry (oldest first): `models.ts` with the given text, committed at `date`. */
export function bareRepo(commits: { date: string; modelsTs: string }[]): { url: string; hashes: string[] } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'cnn-grade-git-'));
  const work = path.join(root, 'work');
  fs.mkdirSync(work);
  git(work, ['init', '--quiet']);
  const hashes = commits.map(({ date, modelsTs }) => {
    fs.writeFileSync(path.join(work, 'models.ts'), modelsTs);
    git(work, ['add', 'models.ts']);
    git(work, ['commit', '--quiet', '-m', date], date);
    return git(work, ['rev-parse', 'HEAD']);
  });
  const bare = path.join(root, 'student.git');
  git(root, ['clone', '--quiet', '--bare', work, bare]);
  return { url: bare, hashes };
}
