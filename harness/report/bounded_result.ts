// A graded result with every student-derived text cut to a few kB (a thrown message of 1.9 MB,
// thousands of type errors) and made inert (control and text-direction characters shown as
// \uXXXX, line breaks kept), for what people read: report.html, results.json (Gradescope shows
// its output), the record they are rendered again from. HTML escaping stays Handlebars' job.

import { inertLines, MAX_MESSAGE_CHARS } from '../inert_text';
import type { CheckResult, SubmissionResult, TaskResult } from '../types';

/** The most entries of one list of messages kept; the last one says how many were left out. */
export const MAX_MESSAGES = 50;

/** Each text cut to a few kB; a list longer than MAX_MESSAGES keeps its first entries and a count of the rest. */
function boundedList(texts: string[], what: string): string[] {
  const kept = texts.slice(0, texts.length > MAX_MESSAGES ? MAX_MESSAGES - 1 : MAX_MESSAGES).map((t) => inertLines(t));
  return texts.length > MAX_MESSAGES ? [...kept, `… and ${(texts.length - kept.length).toLocaleString('en-US')} more ${what} not shown`] : kept;
}

const cut = (text: string | undefined) => (text === undefined ? undefined : inertLines(text, MAX_MESSAGE_CHARS));

function boundedCheck(check: CheckResult): CheckResult {
  return {
    ...check,
    messages: boundedList(check.messages, 'messages'),
    ...(check.expected !== undefined ? { expected: cut(check.expected) } : {}),
    ...(check.found !== undefined ? { found: cut(check.found) } : {}),
  };
}

function boundedTask(task: TaskResult): TaskResult {
  const load = task.load.ok
    ? task.load
    : {
        ...task.load,
        message: inertLines(task.load.message),
        ...(task.load.stack !== undefined ? { stack: cut(task.load.stack) } : {}),
        ...(task.load.location ? { location: { ...task.load.location, ...(task.load.location.lineText !== undefined ? { lineText: cut(task.load.location.lineText) } : {}) } } : {}),
      };
  const train = task.train && {
    ...task.train,
    findings: boundedList(task.train.findings, 'findings'),
    student: { ...task.train.student, ...(task.train.student.stoppedEarly !== undefined ? { stoppedEarly: cut(task.train.student.stoppedEarly) } : {}) },
  };
  return {
    ...task,
    load,
    typeErrors: boundedList(task.typeErrors, 'type errors'),
    ...(task.typeCheckSkipped !== undefined ? { typeCheckSkipped: cut(task.typeCheckSkipped) } : {}),
    checks: task.checks.map(boundedCheck),
    ...(train ? { train } : {}),
    ...(task.trainSkipped !== undefined ? { trainSkipped: cut(task.trainSkipped) } : {}),
  };
}

/** The result with its texts bounded; bounding it again changes nothing. */
export function boundedResult(result: SubmissionResult): SubmissionResult {
  const { submission } = result;
  return { ...result, submission: { ...submission, ...(submission.name !== undefined ? { name: inertLines(submission.name, 200) } : {}) }, tasks: result.tasks.map(boundedTask) };
}
