// The summary a student reads in five seconds: the score, then one line per check with the
// first thing to fix. Colour only on a terminal that wants it.

import { inertLine } from '../inert_text';
import type { LoadFailure, SubmissionResult } from '../types';
import { loadFailureHeading } from './load_failure_text';

export interface TerminalStyle {
  color: boolean;
}

/** The most characters of student text on one line of the summary: the report has the rest. */
const LINE_CHARS = 300;

/**
 * Student-derived text (layer names, messages, type errors, stack lines) as one inert line:
 * terminal control codes (colours, cursor moves, OSC 52 to the clipboard) are shown as
 * escapes, not obeyed, and a newline cannot start a fake "Score: 100 / 100" line.
 */
const inert = (text: string) => inertLine(text, LINE_CHARS);

/**
 * A load failure as the summary shows it: the heading and message on one line, the line of
 * code, and only the stack's frames: the lines before them are the error's message, whose
 * newlines a student chooses, so they are already on the first line.
 */
function failureLines(failure: LoadFailure): string[] {
  const lines = [inert(`${loadFailureHeading(failure)}: ${failure.message}`)];
  if (failure.location?.lineText) lines.push(`  ${failure.location.line} | ${inert(failure.location.lineText.trim())}`);
  for (const frame of (failure.stack ?? '').split('\n').filter((l) => /^\s+at /.test(l))) lines.push(`  ${inert(frame.trim())}`);
  return lines;
}

export function terminalSummary(result: SubmissionResult, reportPath: string | null, style: TerminalStyle): string {
  const paint = (code: number, text: string) => (style.color ? `\x1b[${code}m${text}\x1b[0m` : text);
  const green = (t: string) => paint(32, t);
  const red = (t: string) => paint(31, t);
  const bold = (t: string) => paint(1, t);
  const dim = (t: string) => paint(2, t);

  const lines: string[] = [];
  const full = result.score === result.maxScore;
  lines.push(`${bold(inert(result.rubric.title))} ${dim(`· ${inert(result.submission.id)}`)}`);
  lines.push(`Score: ${bold((full ? green : red)(`${result.score} / ${result.maxScore}`))}`);
  for (const task of result.tasks) {
    if (result.tasks.length > 1) lines.push(bold(inert(task.title)));
    if (!task.load.ok) {
      lines.push(red(failureLines(task.load).map((l) => `  ${l}`).join('\n')));
    }
    if (task.typeErrors.length) {
      const more = task.typeErrors.length > 1 ? dim(` (+${task.typeErrors.length - 1} more in the report)`) : '';
      lines.push(`  ${paint(33, '!')} TypeScript (not graded): ${inert(task.typeErrors[0])}${more}`);
    }
    if (task.typeCheckSkipped) lines.push(`  ${paint(33, '!')} Type check skipped (not graded): ${inert(task.typeCheckSkipped)}`);
    for (const finding of task.train?.findings ?? []) lines.push(`  ${paint(33, '!')} ${inert(finding)}`);
    const names = task.checks.map((c) => inert(c.name));
    const width = Math.max(...names.map((n) => n.length));
    for (const [i, check] of task.checks.entries()) {
      const ok = check.status === 'passed';
      const points = `${check.score}/${check.maxScore}`.padStart(9);
      const first = inert(check.messages[0] ?? (ok && check.found ? check.found : ''));
      const more = check.messages.length > 1 ? dim(` (+${check.messages.length - 1} more in the report)`) : '';
      lines.push(`  ${ok ? green('✓') : red('✗')} ${names[i].padEnd(width)} ${points}  ${ok ? dim(first) : first}${more}`);
    }
  }
  const trained = result.tasks.flatMap((t) => (t.train ? [t.train.student.seconds + (t.train.referenceCached ? 0 : t.train.reference.seconds)] : []));
  if (result.backend) lines.push(dim(`Trained on the ${result.backend} backend: ${trained.reduce((a, b) => a + b, 0).toFixed(1)} s of ${result.executionSeconds.toFixed(1)} s.`));
  if (reportPath) lines.push(`Report: ${reportPath}`);
  return lines.join('\n');
}
