// `cnn-grade grade` on a class of local bare repositories made here: on time, late, broken,
// missing. grades.csv is checked row by row.

import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { bareRepo } from '../collect/test_repos';

const ROOT = path.resolve(__dirname, '..', '..');
const CLI = path.join(ROOT, 'bin', 'cnn-grade.js');
const temp = (prefix: string) => fs.mkdtempSync(path.join(os.tmpdir(), prefix));

/** A bare repository whose one commit, dated `date`, holds the given fixture's models.ts. */
function studentRepo(fixture: string, date: string): { url: string; commit: string } {
  const { url, hashes } = bareRepo([{ date, modelsTs: fs.readFileSync(path.join(ROOT, 'fixtures', 'lenet5', fixture, 'models.ts'), 'utf8') }]);
  return { url, commit: hashes[0] };
}

describe('cnn-grade grade', () => {
  it('grades a class: on time, late by the rubric policy, broken and missing, one row each', () => {
    const dir = temp('cnn-grade-grade-');
    // Deadline 1 December 23:59 UTC; 10% per late day.
    const rubric = path.join(dir, 'lab.yaml');
    fs.writeFileSync(rubric, fs.readFileSync(path.join(ROOT, 'rubrics', 'lenet5-mnist.yaml'), 'utf8').replace('title: "Lab 1: LeNet-5 on MNIST"', 'title: "Lab 1: LeNet-5 on MNIST"\ndeadline: 2026-12-01T23:59:00Z\nlate: { percentPerDay: 10 }'));
    const ada = studentRepo('correct', '2026-12-01T20:00:00Z');
    // 25 hours late: 2 late days.
    const alan = studentRepo('wrong-kernel', '2026-12-03T00:59:00Z');
    const eve = studentRepo('syntax-error', '2026-11-30T10:00:00Z');
    const roster = path.join(dir, 'class.csv');
    fs.writeFileSync(roster, `id,name,repo\nada,"Lovelace, Ada",${ada.url}\nalan,Alan Turing,${alan.url}\neve,Eve,${eve.url}\nmia,Mia,${path.join(dir, 'missing.git')}\n`);
    const out = path.join(dir, 'out');
    const r = spawnSync(process.execPath, [CLI, 'grade', '--roster', roster, '--rubric', rubric, '--out', out, '--no-train', '--jobs', '2'], { encoding: 'utf8', env: { ...process.env, CNN_GRADE_CACHE: temp('cnn-grade-cache-') } });
    expect(r.status).toBe(0);
    const rows = fs.readFileSync(path.join(out, 'grades.csv'), 'utf8').trim().split('\n');
    expect(rows[0]).toBe('id,name,score,max_score,late_days,status,commit');
    // Without training: 60 structure points of 100 for a correct model.
    expect(rows[1]).toBe(`ada,"Lovelace, Ada",60,100,0,ok,${ada.commit}`);
    // wrong-kernel earns 26.25 + 0 + 10 = 36.25 structure points; two late days take 20%: 29.
    expect(rows[2]).toBe(`alan,Alan Turing,29,100,2,ok,${alan.commit}`);
    // The reason, quoted as CSV quotes a field holding quotes.
    expect(rows[3]).toBe(`eve,Eve,0,100,0,"models.ts:7:31: Unexpected "";""",${eve.commit}`);
    expect(rows[4]).toMatch(/^mia,Mia,0,100,0,could not clone .*missing\.git.*,$/);
    // Each graded student has a report and results.json in a folder of their own.
    for (const id of ['ada', 'alan', 'eve']) expect(fs.existsSync(path.join(out, id, 'report.html'))).toBe(true);
    const alanResults = JSON.parse(fs.readFileSync(path.join(out, 'alan', 'results.json'), 'utf8'));
    expect(alanResults.extra_data.late).toEqual({ days: 2, penaltyPercent: 20, scoreBeforePenalty: 36.25, percentPerDay: 10, capPercent: 100 });
    // The class page links each report and escapes what it shows.
    const index = fs.readFileSync(path.join(out, 'index.html'), 'utf8');
    expect(index).toContain('<a href="ada/report.html">ada</a>');
    expect(index).toContain('Lovelace, Ada');

    // A second run over the unchanged class grades nobody again, and gives the same grades.
    const again = spawnSync(process.execPath, [CLI, 'grade', '--roster', roster, '--rubric', rubric, '--out', out, '--no-train'], { encoding: 'utf8' });
    expect(again.stderr).toContain('3 student(s) unchanged since the last run');
    expect(again.stderr).not.toMatch(/\[\d+\/\d+\]/);
    expect(fs.readFileSync(path.join(out, 'grades.csv'), 'utf8').trim().split('\n')).toEqual(rows);

    // A run killed before alan's grading finished left no stamp: the next run grades alan only.
    fs.rmSync(path.join(out, 'alan', 'grading.json'));
    const resumed = spawnSync(process.execPath, [CLI, 'grade', '--roster', roster, '--rubric', rubric, '--out', out, '--no-train'], { encoding: 'utf8' });
    expect(resumed.stderr).toContain('2 student(s) unchanged');
    expect(resumed.stderr.match(/\[\d+\/\d+\] \w+/g)).toEqual(['[1/1] alan']);
    expect(fs.readFileSync(path.join(out, 'grades.csv'), 'utf8').trim().split('\n')).toEqual(rows);

    // A TA gives alan the parameter points and an extension, and renders the class again.
    const overrides = path.join(dir, 'overrides.yaml');
    fs.writeFileSync(overrides, ['alan:', '  checks:', '    lenet5/params: { score: 20, comment: "The count is right once the typo in C3 is fixed." }', '  lateDays: { days: 0, comment: "Extension granted." }'].join('\n'));
    const report = spawnSync(process.execPath, [CLI, 'report', '--results', out, '--overrides', overrides], { encoding: 'utf8' });
    expect(report.status).toBe(0);
    expect(report.stdout).toContain('Rendered 3 report(s) (1 student(s) adjusted)');
    const adjusted = fs.readFileSync(path.join(out, 'grades.csv'), 'utf8').trim().split('\n');
    // 26.25 + 20 + 10 = 56.25, no longer late.
    expect(adjusted).toEqual([rows[0], rows[1], `alan,Alan Turing,56.25,100,0,ok,${alan.commit}`, rows[3], rows[4]]);
    const alanAdjusted = JSON.parse(fs.readFileSync(path.join(out, 'alan', 'results.json'), 'utf8'));
    expect(alanAdjusted.score).toBe(56.25);
    expect(alanAdjusted.output).toContain('Late days changed by a TA from 2 to 0: Extension granted.');
    expect(alanAdjusted.tests.find((t: { name: string }) => t.name.endsWith("Parameter count equals LeNet-5's (61,706)")).output).toContain('Adjusted by a TA from 0 to 20: The count is right once the typo in C3 is fixed.');

    // A typo in a student's id is refused, naming the line, and nothing is written.
    fs.writeFileSync(overrides, 'alna:\n  lateDays: { days: 0, comment: "Extension granted." }\n');
    const typo = spawnSync(process.execPath, [CLI, 'report', '--results', out, '--overrides', overrides], { encoding: 'utf8' });
    expect(typo.status).toBe(2);
    expect(typo.stderr).toContain(`${overrides} (alna, line 1): no graded submission for "alna"`);
    expect(fs.readFileSync(path.join(out, 'grades.csv'), 'utf8').trim().split('\n')).toEqual(adjusted);

    // One student's folder of the class is refused: grades.csv would go stale.
    const oneStudent = spawnSync(process.execPath, [CLI, 'report', '--results', path.join(out, 'alan')], { encoding: 'utf8' });
    expect(oneStudent.status).toBe(2);
    expect(oneStudent.stderr).toContain(`is one student's folder of the class in ${out}`);

    // Grading again renders the harness's own scores (from its record, not the TA's page)...
    const regraded = spawnSync(process.execPath, [CLI, 'grade', '--roster', roster, '--rubric', rubric, '--out', out, '--no-train'], { encoding: 'utf8' });
    expect(regraded.status).toBe(0);
    expect(fs.readFileSync(path.join(out, 'grades.csv'), 'utf8').trim().split('\n')).toEqual(rows);
    expect(JSON.parse(fs.readFileSync(path.join(out, 'alan', 'results.json'), 'utf8')).score).toBe(29);
    // ...and so does report without overrides.
    fs.writeFileSync(overrides, 'alan:\n  lateDays: { days: 0, comment: "Extension granted." }\n');
    expect(spawnSync(process.execPath, [CLI, 'report', '--results', out, '--overrides', overrides], { encoding: 'utf8' }).status).toBe(0);
    expect(spawnSync(process.execPath, [CLI, 'report', '--results', out], { encoding: 'utf8' }).status).toBe(0);
    expect(fs.readFileSync(path.join(out, 'grades.csv'), 'utf8').trim().split('\n')).toEqual(rows);
  });
});

describe('cnn-grade grade, killed partway', () => {
  it('grades every student exactly once across the killed run and the restart', async () => {
    const dir = temp('cnn-grade-kill-');
    const repos = ['correct', 'wrong-kernel', 'correct', 'wrong-kernel'].map((f) => studentRepo(f, '2026-11-30T10:00:00Z'));
    const roster = path.join(dir, 'class.csv');
    fs.writeFileSync(roster, ['id,name,repo', ...repos.map((r, i) => `s${i},Student ${i},${r.url}`)].join('\n') + '\n');
    const out = path.join(dir, 'out');
    const argv = [CLI, 'grade', '--roster', roster, '--rubric', path.join(ROOT, 'rubrics', 'lenet5-mnist.yaml'), '--out', out, '--no-train', '--jobs', '1'];
    // Kill the first run as soon as one student is done.
    const first = spawn(process.execPath, argv, { stdio: ['ignore', 'ignore', 'pipe'] });
    const firstGraded = await new Promise<number>((resolve) => {
      let text = '';
      first.stderr!.on('data', (chunk: Buffer) => {
        text += chunk.toString();
        if (/\[1\/4\]/.test(text)) first.kill('SIGKILL');
      });
      first.on('close', () => resolve((text.match(/\[\d\/4\]/g) ?? []).length));
    });
    expect(firstGraded).toBeGreaterThanOrEqual(1);
    expect(fs.existsSync(path.join(out, 'grades.csv'))).toBe(false);
    const second = spawnSync(process.execPath, argv, { encoding: 'utf8' });
    expect(second.status).toBe(0);
    const regraded = second.stderr.match(/\] (s\d):/g) ?? [];
    // Whoever the killed run finished is kept; the restart grades only the others.
    expect(regraded.length).toBe(4 - firstGraded);
    const rows = fs.readFileSync(path.join(out, 'grades.csv'), 'utf8').trim().split('\n').slice(1);
    expect(rows.map((r) => r.split(',').slice(0, 3).join(','))).toEqual(['s0,Student 0,60', 's1,Student 1,36.25', 's2,Student 2,60', 's3,Student 3,36.25']);
  });
});

/** A Redis server of the test's own on a free port, stopped by the caller. */
async function startRedis(): Promise<{ url: string; stop: () => void }> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const port = 20000 + Math.floor(Math.random() * 20000);
    const server = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: ['ignore', 'pipe', 'pipe'] });
    const ready = await new Promise<boolean>((resolve) => {
      let out = '';
      server.stdout!.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        if (out.includes('Ready to accept connections')) resolve(true);
      });
      server.on('error', () => resolve(false));
      server.on('exit', () => resolve(false));
    });
    if (ready) return { url: `redis://127.0.0.1:${port}`, stop: () => server.kill('SIGKILL') };
    server.kill('SIGKILL');
  }
  throw new Error('could not start redis-server (Debian: apt-get install redis-server)');
}

/** A class of one: ada, whose correct LeNet-5 is on time, and where its results go. */
function oneStudentClass(): { ada: { url: string; commit: string }; roster: string; out: string } {
  const dir = temp('cnn-grade-queue-');
  const ada = studentRepo('correct', '2026-11-30T10:00:00Z');
  const roster = path.join(dir, 'class.csv');
  fs.writeFileSync(roster, `id,name,repo\nada,Ada,${ada.url}\n`);
  return { ada, roster, out: path.join(dir, 'out') };
}

describe('cnn-grade grade --queue (Redis) with a worker process', () => {
  it('grades the class on the worker and writes the same rows as a local run', async () => {
    const redis = await startRedis();
    const dir = temp('cnn-grade-queue-');
    const ada = studentRepo('correct', '2026-11-30T10:00:00Z');
    const alan = studentRepo('wrong-kernel', '2026-11-30T11:00:00Z');
    const roster = path.join(dir, 'class.csv');
    fs.writeFileSync(roster, `id,name,repo\nada,Ada,${ada.url}\nalan,Alan,${alan.url}\n`);
    const worker = spawn(process.execPath, [CLI, 'worker', '--queue', redis.url], { stdio: ['ignore', 'ignore', 'pipe'] });
    let workerLog = '';
    worker.stderr!.on('data', (chunk: Buffer) => (workerLog += chunk.toString()));
    try {
      const out = path.join(dir, 'out');
      const graded = spawn(process.execPath, [CLI, 'grade', '--roster', roster, '--rubric', path.join(ROOT, 'rubrics', 'lenet5-mnist.yaml'), '--out', out, '--no-train', '--queue', redis.url], { stdio: ['ignore', 'pipe', 'pipe'] });
      let stderr = '';
      graded.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const code = await new Promise<number | null>((resolve) => graded.on('close', resolve));
      expect(code).toBe(0);
      expect(stderr).toContain('2 submission(s) to grade through redis://127.0.0.1:');
      // As in the local class run above: 60 for a correct model without training, 36.25 for wrong-kernel.
      expect(fs.readFileSync(path.join(out, 'grades.csv'), 'utf8').trim().split('\n').slice(1)).toEqual([`ada,Ada,60,100,0,ok,${ada.commit}`, `alan,Alan,36.25,100,0,ok,${alan.commit}`]);
      for (const id of ['ada', 'alan']) {
        expect(fs.existsSync(path.join(out, id, 'report.html'))).toBe(true);
        expect(fs.existsSync(path.join(out, id, 'grading.json'))).toBe(true);
      }
      expect(workerLog).toMatch(/ada: 60 \/ 100/);
      expect(workerLog).toMatch(/alan: 36.25 \/ 100/);
      // Nothing left behind in the queue.
      for (const key of ['cnn-grade:jobs', 'cnn-grade:processing']) expect(spawnSync('redis-cli', ['-u', redis.url, 'LLEN', key], { encoding: 'utf8' }).stdout.trim()).toBe('0');
    } finally {
      worker.kill('SIGTERM');
      await new Promise((resolve) => worker.on('close', resolve));
      redis.stop();
    }
  });

  it('hands the job of a worker killed mid-job to another worker once its lease lapses', async () => {
    const redis = await startRedis();
    const dir = temp('cnn-grade-queue-');
    // A builder that loops until the sandbox's 4 s limit: long enough to kill its worker mid-job.
    const { url, hashes } = bareRepo([{ date: '2026-11-30T10:00:00Z', modelsTs: fs.readFileSync(path.join(ROOT, 'fixtures', 'hostile', 'loops-forever', 'models.ts'), 'utf8') }]);
    const rubric = path.join(dir, 'lab.yaml');
    fs.writeFileSync(rubric, fs.readFileSync(path.join(ROOT, 'rubrics', 'lenet5-mnist.yaml'), 'utf8').replace(/buildTimeoutSeconds: \d+/, 'buildTimeoutSeconds: 4'));
    const roster = path.join(dir, 'class.csv');
    fs.writeFileSync(roster, `id,name,repo\nlee,Lee,${url}\n`);
    const env = { ...process.env, CNN_GRADE_LEASE_SECONDS: '1' };
    const startWorker = () => spawn(process.execPath, [CLI, 'worker', '--queue', redis.url], { stdio: ['ignore', 'ignore', 'pipe'], env });
    const out = path.join(dir, 'out');
    const graded = spawn(process.execPath, [CLI, 'grade', '--roster', roster, '--rubric', rubric, '--out', out, '--no-train', '--queue', redis.url], { stdio: 'ignore', env });
    const first = startWorker();
    let second: ReturnType<typeof startWorker> | undefined;
    try {
      // Wait until the first worker holds the job, then kill it without warning.
      const llen = (key: string) => spawnSync('redis-cli', ['-u', redis.url, 'LLEN', key], { encoding: 'utf8' }).stdout.trim();
      for (let i = 0; i < 100 && llen('cnn-grade:processing') !== '1'; i++) await new Promise((r) => setTimeout(r, 100));
      expect(llen('cnn-grade:processing')).toBe('1');
      first.kill('SIGKILL');
      second = startWorker();
      let log = '';
      second.stderr!.on('data', (chunk: Buffer) => (log += chunk.toString()));
      const code = await new Promise<number | null>((resolve) => graded.on('close', resolve));
      expect(code).toBe(0);
      // Graded by the second worker: the build's time limit, a real result, not a lost job.
      expect(fs.readFileSync(path.join(out, 'grades.csv'), 'utf8')).toMatch(new RegExp(`^lee,Lee,0,100,0,.*4 s.*,${hashes[0]}$`, 'm'));
      expect(log).toMatch(/lee: 0 \/ 100/);
    } finally {
      first.kill('SIGKILL');
      second?.kill('SIGTERM');
      redis.stop();
    }
  });

  it('fails closed when Redis goes away mid-run: each waiting student gets a row saying so', async () => {
    const redis = await startRedis();
    const { ada, roster, out } = oneStudentClass();
    const graded = spawn(process.execPath, [CLI, 'grade', '--roster', roster, '--rubric', path.join(ROOT, 'rubrics', 'lenet5-mnist.yaml'), '--out', out, '--no-train', '--queue', redis.url], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    await new Promise<void>((resolve) => {
      graded.stderr!.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
        if (stderr.includes('to grade through')) resolve();
      });
    });
    redis.stop();
    const code = await new Promise<number | null>((resolve) => graded.on('close', resolve));
    expect(code).toBe(0);
    // Before or after its job was pushed, depending on timing: either way a row with the reason.
    expect(fs.readFileSync(path.join(out, 'grades.csv'), 'utf8')).toMatch(/^ada,Ada,0,100,0,(lost the connection to Redis|could not queue the job): /m);
  });

  it('gives each student a row saying no grader answered when no worker runs, and refuses a bad URL', async () => {
    const redis = await startRedis();
    const { ada, roster, out } = oneStudentClass();
    try {
      const r = spawnSync(process.execPath, [CLI, 'grade', '--roster', roster, '--rubric', path.join(ROOT, 'rubrics', 'lenet5-mnist.yaml'), '--out', out, '--no-train', '--queue', redis.url, '--queue-timeout', '2'], { encoding: 'utf8' });
      expect(r.status).toBe(0);
      expect(fs.readFileSync(path.join(out, 'grades.csv'), 'utf8')).toContain(`ada,Ada,0,100,0,"no grader answered in 2 s: is ""cnn-grade worker --queue"" running?",${ada.commit}`);
      // The job left the queue with the run: a worker started later does not grade it for nobody.
      expect(spawnSync('redis-cli', ['-u', redis.url, 'LLEN', 'cnn-grade:jobs'], { encoding: 'utf8' }).stdout.trim()).toBe('0');
      const bad = spawnSync(process.execPath, [CLI, 'grade', '--roster', roster, '--rubric', path.join(ROOT, 'rubrics', 'lenet5-mnist.yaml'), '--out', out, '--no-train', '--force', '--queue', 'http://localhost'], { encoding: 'utf8' });
      expect(bad.status).toBe(2);
      expect(bad.stderr).toContain('--queue http://localhost: expected a Redis URL, e.g. redis://localhost:6379');
      // A refused connection (nothing listens on port 1) fails before anything is collected or
      // cleared, and never prints the password.
      const before = fs.readFileSync(path.join(out, 'grades.csv'), 'utf8');
      const refused = spawnSync(process.execPath, [CLI, 'grade', '--roster', roster, '--rubric', path.join(ROOT, 'rubrics', 'lenet5-mnist.yaml'), '--out', out, '--no-train', '--force', '--queue', 'redis://:s3cret@127.0.0.1:1'], { encoding: 'utf8', timeout: 60_000 });
      expect(refused.status).toBe(2);
      expect(refused.stderr).toContain('cannot connect to Redis');
      expect(refused.stderr).not.toContain('s3cret');
      expect(fs.readFileSync(path.join(out, 'grades.csv'), 'utf8')).toBe(before);
    } finally {
      redis.stop();
    }
  });
});
