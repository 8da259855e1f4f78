import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { isQueuedJob, materialize, MAX_SUBMISSION_BYTES, snapshotFolder } from './queue_protocol';

const temp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'cnn-grade-snapshot-'));

describe("a queued job's submission files", () => {
  it('travel without .git and without symbolic links (a link to a secret must not be sent)', () => {
    const dir = temp();
    fs.writeFileSync(path.join(dir, 'models.ts'), 'export const x = 1;\n');
    fs.mkdirSync(path.join(dir, 'lib'));
    fs.writeFileSync(path.join(dir, 'lib', 'util.ts'), 'export const y = 2;\n');
    fs.mkdirSync(path.join(dir, '.git'));
    fs.writeFileSync(path.join(dir, '.git', 'HEAD'), 'ref: refs/heads/main\n');
    const secret = path.join(temp(), 'secret.txt');
    fs.writeFileSync(secret, 'password');
    fs.symlinkSync(secret, path.join(dir, 'notes.txt'));
    // A link inside the submission travels as the file it points to, as the local bundler reads it.
    fs.symlinkSync(path.join('lib', 'util.ts'), path.join(dir, 'util.ts'));
    const files = snapshotFolder(dir);
    expect(Object.keys(files).sort()).toEqual(['lib/util.ts', 'models.ts', 'util.ts']);
    expect(Buffer.from(files['util.ts'], 'base64').toString()).toBe('export const y = 2;\n');
    const copy = temp();
    materialize(files, copy);
    expect(fs.readFileSync(path.join(copy, 'lib', 'util.ts'), 'utf8')).toBe('export const y = 2;\n');
  });

  it('are refused over the size limit, and never written outside the folder they are given', () => {
    const dir = temp();
    fs.writeFileSync(path.join(dir, 'data.bin'), Buffer.alloc(MAX_SUBMISSION_BYTES + 1));
    expect(() => snapshotFolder(dir)).toThrow("the submission's files weigh more than 8 MB (data.bin among them), too much to send to a grader: grade this student without --queue");
    expect(() => materialize({ '../escape.ts': Buffer.from('x').toString('base64') }, temp())).toThrow('job file "../escape.ts" would be written outside the submission folder');
    expect(() => materialize({ '/etc/cron.d/x': '' }, temp())).toThrow('would be written outside');
  });
});

it('tells a job from anything else pushed to the queue', () => {
  const job = { runId: 'r', jobId: 'j', attempt: 1, rubricText: 'title: x', files: {}, job: { submission: { id: 'ada' }, rubricFile: '/lab.yaml' } };
  expect(isQueuedJob(job)).toBe(true);
  for (const other of [null, 'text', { jobId: 'x', runId: 'r' }, { ...job, job: null }, { ...job, files: null }]) expect(isQueuedJob(other)).toBe(false);
});
