// Collection from local bare repositories made here, with commits dated around a deadline.

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { collectRepo, redactUrl } from './git_collect';
import { bareRepo } from './test_repos';

const deadline = new Date('2026-12-01T23:59:00Z');

/** A bare repository with one commit per date, each writing models.ts with that date in it. */
const datedRepo = (dates: string[]) => bareRepo(dates.map((date) => ({ date, modelsTs: `// committed ${date}\n` })));

const work = () => fs.mkdtempSync(path.join(os.tmpdir(), 'cnn-grade-collect-'));

describe('collectRepo', () => {
  it('checks out the last commit at or before the deadline', async () => {
    const { url, hashes } = datedRepo(['2026-11-30T10:00:00Z', '2026-12-01T23:00:00Z', '2026-12-02T09:00:00Z']);
    const result = await collectRepo({ id: 'ada', name: 'Ada', repo: url }, work(), deadline, 30_000);
    expect(result).toMatchObject({ ok: true, commit: hashes[1], late: false, commitDate: '2026-12-01T23:00:00.000Z' });
    expect(result.ok && fs.readFileSync(path.join(result.dir, 'models.ts'), 'utf8')).toBe('// committed 2026-12-01T23:00:00Z\n');
  });

  it('takes the first commit after the deadline, marked late, when there is none before', async () => {
    const { url, hashes } = datedRepo(['2026-12-02T12:00:00Z', '2026-12-03T12:00:00Z']);
    expect(await collectRepo({ id: 'alan', name: 'Alan', repo: url }, work(), deadline, 30_000)).toMatchObject({ ok: true, commit: hashes[0], late: true });
  });

  it('takes the newest commit without a deadline, and a pinned commit when the roster names one', async () => {
    const { url, hashes } = datedRepo(['2026-11-30T10:00:00Z', '2026-12-05T10:00:00Z']);
    expect(await collectRepo({ id: 'a', name: 'A', repo: url }, work(), null, 30_000)).toMatchObject({ ok: true, commit: hashes[1] });
    expect(await collectRepo({ id: 'b', name: 'B', repo: url, commit: hashes[0].slice(0, 10) }, work(), deadline, 30_000)).toMatchObject({ ok: true, commit: hashes[0], late: false });
  });

  it('is a failure with a reason for a missing repository, never an exception', async () => {
    const result = await collectRepo({ id: 'eve', name: 'Eve', repo: path.join(os.tmpdir(), 'no-such-repo.git') }, work(), deadline, 30_000);
    expect(result).toMatchObject({ ok: false });
    expect(!result.ok && result.reason).toMatch(/^could not clone .*no-such-repo\.git/);
  });

  it('keeps credentials out of every message', async () => {
    expect(redactUrl('fatal: could not read https://ada:ghp_s3cret@git.example/ada.git')).toBe('fatal: could not read https://git.example/ada.git');
    const result = await collectRepo({ id: 'tok', name: 'T', repo: 'https://ada:ghp_s3cret@127.0.0.1:9/ada.git' }, work(), deadline, 10_000);
    expect(result.ok).toBe(false);
    expect(JSON.stringify(result)).not.toContain('ghp_s3cret');
  });

  it('refuses transports that run commands (ext::)', async () => {
    const marker = path.join(os.tmpdir(), `cnn-grade-ext-${process.pid}`);
    const result = await collectRepo({ id: 'ext', name: 'X', repo: `ext::sh -c touch% ${marker}` }, work(), deadline, 10_000);
    expect(result.ok).toBe(false);
    expect(fs.existsSync(marker)).toBe(false);
  });
});
