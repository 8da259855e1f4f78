// `cnn-grade grade`: a whole class from a roster of Git repositories. Each repository is
// collected at the deadline, each submission graded in its own process (N at a time), and the
// class's grades.csv written at the end; one student's failure is that student's row.

import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { ArgumentsCamelCase, Argv } from 'yargs';
import { collectRepo, redactUrl } from '../collect/git_collect';
import { loadRoster, type RosterEntry } from '../collect/roster';
import { UsageError } from '../errors';
import { chooseIsolation, ISOLATION_CHOICES, ISOLATION_HELP, type IsolationChoice } from '../load/isolation';
import { clearEarlierRun, completedResults, gradingStamp, markComplete } from '../grade/grading_stamp';
import type { GradeJob } from '../grade/job';
import type { Rubric } from '../rubric/schema';
import { QueueGraders } from '../grade/queue_coordinator';
import { runWorker, writeJob } from '../grade/worker_process';
import { lateDays } from '../grade/late_policy';
import { writeClassOutputs } from '../report/class_outputs';
import { WORK_DIR } from '../report/class_files';
import { inertLine, truncateText } from '../inert_text';
import type { GradeRow } from '../report/grades_csv';
import { SUBMISSION_FILE, writeRendered } from '../report/write_outputs';
import type { SubmissionResult } from '../types';
import { loadRubric } from '../rubric/load_rubric';
import { BACKEND_NAMES, parseBackendChoice, type BackendChoice } from '../train/backends';
import { HARNESS_VERSION } from '../version';

interface GradeArgs {
  roster: string;
  rubric: string;
  out: string;
  jobs: number;
  deadline?: string;
  backend: string;
  train: boolean;
  cloneTimeout: number;
  force: boolean;
  queue?: string;
  queueTimeout: number;
  isolation: IsolationChoice;
}

export const command = 'grade';
export const describe = 'Grade a class from a roster of Git repositories';

export function builder(yargs: Argv): Argv<GradeArgs> {
  return yargs
    .option('roster', { type: 'string', demandOption: true, describe: 'CSV with the header id,name,repo (optional: branch, commit)' })
    .option('rubric', { type: 'string', demandOption: true, describe: 'The lab rubric' })
    .option('out', { type: 'string', demandOption: true, describe: 'Where each student\'s folder and grades.csv go' })
    .option('jobs', { type: 'number', default: os.availableParallelism(), describe: 'Submissions graded at once, each in its own process' })
    .option('deadline', { type: 'string', describe: "Overrides the rubric's deadline, e.g. 2026-12-01T23:59:00-05:00" })
    .option('backend', { type: 'string', default: 'auto', choices: ['auto', ...BACKEND_NAMES], describe: 'Where training runs' })
    .option('train', { type: 'boolean', default: true, describe: 'Train briefly next to the reference (--no-train: structure checks only)' })
    .option('clone-timeout', { type: 'number', default: 120, describe: 'Seconds allowed per repository' })
    .option('force', { type: 'boolean', default: false, describe: 'Grade again students whose commit, rubric and harness have not changed' })
    .option('queue', { type: 'string', describe: 'Grade on other machines: a Redis URL (redis://host:6379) where "cnn-grade worker --queue" processes take the jobs' })
    .option('isolation', { type: 'string', default: 'auto', choices: ISOLATION_CHOICES, describe: `${ISOLATION_HELP}; with --queue, each worker's own option applies` })
    .option('queue-timeout', { type: 'number', default: 600, describe: 'With --queue: seconds without any result after which the students still waiting get a row saying no grader answered' })
    .example('$0 grade --roster class.csv --rubric lab1.yaml --out grades', 'the whole class')
    .example('$0 grade --roster class.csv --rubric lab1.yaml --out grades --queue redis://grader:6379', 'the whole class, graded by workers on other machines') as unknown as Argv<GradeArgs>;
}

function parseDeadline(text: string | undefined): Date | null {
  if (text === undefined) return null;
  const date = new Date(text);
  if (Number.isNaN(date.getTime()) || !/[zZ]|[+-]\d\d:\d\d$/.test(text)) throw new UsageError(`deadline "${text}": expected an ISO date with its time zone, e.g. 2026-12-01T23:59:00-05:00`);
  return date;
}

/** Runs `tasks` at most `limit` at a time. */
async function pool<T>(items: T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, async () => {
    while (next < items.length) await task(items[next++]);
  });
  await Promise.all(lanes);
}

/** The row of a student who could not be graded, with the reason. */
function problemRow(entry: RosterEntry, maxScore: number, status: string, commit = '', lateDays = 0): GradeRow {
  return { id: entry.id, name: entry.name, score: 0, maxScore, lateDays, status, commit };
}

/** A graded student's row, from the harness's record of their result (never a TA's rendering). */
function rowFromRecord(entry: RosterEntry, result: SubmissionResult, commit: string, late: number): GradeRow {
  const failed = result.tasks.find((t) => !t.load.ok);
  return {
    id: entry.id,
    name: entry.name,
    score: result.score,
    maxScore: result.maxScore,
    lateDays: late,
    status: failed && !failed.load.ok ? failed.load.message : 'ok',
    commit,
  };
}

export async function handler(argv: ArgumentsCamelCase<GradeArgs>): Promise<void> {
  // First: a class is not graded under a sandbox too weak for it (the workers use this level).
  if (!argv.queue) chooseIsolation(argv.isolation, { forClass: true });
  const rubricFile = path.resolve(argv.rubric);
  const rubric = loadRubric(rubricFile, { checkData: argv.train });
  const roster = loadRoster(argv.roster);
  const backend = parseBackendChoice(argv.backend);
  if (!Number.isInteger(argv.jobs) || argv.jobs < 1) throw new UsageError(`--jobs ${argv.jobs}: expected a whole number of 1 or more`);
  const deadline = parseDeadline(argv.deadline ?? rubric.deadline);
  const out = path.resolve(argv.out);
  const work = path.join(out, WORK_DIR);
  fs.mkdirSync(work, { recursive: true });
  const maxScore = rubric.tasks.flatMap((t) => t.checks).reduce((s, c) => s + c.points, 0);
  // What a student's grade depends on besides their commit (see grade/grading_stamp.ts).
  const setting = createHash('sha256').update(fs.readFileSync(rubricFile)).update(JSON.stringify({ train: argv.train, backend, deadline, harness: HARNESS_VERSION })).digest('hex');
  // Locally, a process per submission; with --queue, a job for whichever worker takes it.
  // Connected first: a wrong URL must fail before anything is collected or cleared.
  const queue = argv.queue ? await QueueGraders.connect(argv.queue, argv.queueTimeout * 1000) : undefined;
  try {
    await gradeRoster(argv, { rubric, rubricFile, roster, backend, deadline, out, work, maxScore, setting }, queue);
  } finally {
    // Closed however the run ends: an open connection would keep the process alive.
    await queue?.close();
  }
}

interface RunSettings {
  rubric: Rubric;
  rubricFile: string;
  roster: RosterEntry[];
  backend: BackendChoice;
  deadline: Date | null;
  out: string;
  work: string;
  maxScore: number;
  setting: string;
}

async function gradeRoster(argv: ArgumentsCamelCase<GradeArgs>, { rubric, rubricFile, roster, backend, deadline, out, work, maxScore, setting }: RunSettings, queue: QueueGraders | undefined): Promise<void> {
  let unchanged = 0;
  const rows = new Map<string, GradeRow>();
  const jobs: { entry: RosterEntry; file: string; job: GradeJob; stamp: string }[] = [];
  // Progress lines carry student text (a load failure's message, git's errors): one inert line each.
  const say = (line: string) => process.stderr.write(`${inertLine(line)}\n`);

  for (const entry of roster) {
    const collected = await collectRepo(entry, path.join(work, 'repos'), deadline, argv.cloneTimeout * 1000);
    if (!collected.ok) {
      rows.set(entry.id, problemRow(entry, maxScore, collected.reason));
      say(`✗ ${entry.id}: ${collected.reason}`);
      continue;
    }
    const late = collected.late && deadline ? lateDays(new Date(collected.commitDate), deadline, rubric.late?.graceMinutes ?? 0) : 0;
    const job: GradeJob = {
      submission: { id: entry.id, name: entry.name, dir: collected.dir, commit: { hash: collected.commit, date: collected.commitDate, lateDays: late } },
      rubricFile,
      outDir: path.join(out, entry.id),
      backend,
      train: argv.train,
    };
    const stamp = gradingStamp(collected.commit, setting);
    const earlier = argv.force ? undefined : completedResults(job.outDir, stamp);
    if (earlier) {
      // Rendered again from the record: a TA's overrides are the report command's to apply.
      writeRendered(earlier, job.outDir);
      rows.set(entry.id, rowFromRecord(entry, earlier, collected.commit, late));
      unchanged++;
      continue;
    }
    clearEarlierRun(job.outDir);
    const file = path.join(work, `${entry.id}.job.json`);
    writeJob(file, job);
    jobs.push({ entry, file, job, stamp });
  }
  if (unchanged) say(`${unchanged} student(s) unchanged since the last run: their results are kept (--force grades them again)`);

  let done = 0;
  let failed = 0;
  const gradingStarted = Date.now();
  if (queue) say(`${jobs.length} submission(s) to grade through ${redactUrl(argv.queue!)}, by "cnn-grade worker --queue" processes`);
  const grade = async ({ entry, file, job, stamp }: (typeof jobs)[number]) => {
    const failure = queue ? await queue.grade(job) : await runWorker(file);
    const recordFile = path.join(job.outDir, SUBMISSION_FILE);
    const commit = job.submission.commit!;
    if (failure || !fs.existsSync(recordFile)) {
      rows.set(entry.id, problemRow(entry, maxScore, failure ?? 'the grader wrote no results', commit.hash, commit.lateDays));
    } else {
      rows.set(entry.id, rowFromRecord(entry, JSON.parse(fs.readFileSync(recordFile, 'utf8')) as SubmissionResult, commit.hash, commit.lateDays));
      markComplete(job.outDir, stamp);
    }
    const row = rows.get(entry.id)!;
    done++;
    if (row.status !== 'ok') failed++;
    // The estimate: the average so far, spread over the parallel graders.
    const left = ((Date.now() - gradingStarted) / done) * (jobs.length - done);
    const eta = done < jobs.length ? `, about ${Math.ceil(left / 1000)} s left` : '';
    say(`[${done}/${jobs.length}] ${entry.id}: ${row.score} / ${row.maxScore}${row.status === 'ok' ? '' : ` (${truncateText(row.status, 300)})`} · ${failed} with problems${eta}`);
  };
  // The first submission alone: it trains the reference and caches it for all the others.
  if (jobs.length) await grade(jobs[0]);
  // Queued jobs all go at once: the workers set the pace.
  await pool(jobs.slice(1), queue ? jobs.length : argv.jobs, grade);

  const ordered = roster.map((e) => rows.get(e.id)!);
  const { csv, index } = writeClassOutputs(out, { title: rubric.title, rows: ordered });
  const ok = ordered.filter((r) => r.status === 'ok').length;
  process.stdout.write(`Graded ${ordered.length} students: ${ok} ok, ${ordered.length - ok} with problems. Grades: ${csv}; class page: ${index}\n`);
}
