// The summary a student reads in five seconds: the score, then one line per check with the
// first thing to fix. Colour only on a terminal that wants it.

import type { SubmissionResult } from '../types';
import { loadFailureText } from './load_failure_text';

export interface TerminalStyle {
  color: boolean;
}

/**
 * Student-controlled text (layer names, messages) as inert characters: terminal control codes
 * (colours, cursor moves, a fake "100 / 100") are shown as escapes, not obeyed.
 */
export function inert(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

export function terminalSummary(result: SubmissionResult, reportPath: string | null, style: TerminalStyle): string {
  const paint = (code: number, text: string) => (style.color ? `\x1b[${code}m${text}\x1b[0m` : text);
  const green = (t: string) => paint(32, t);
  const red = (t: string) => paint(31, t);
  const bold = (t: string) => paint(1, t);
  const dim = (t: string) => paint(2, t);

  const lines: string[] = [];
  const full = result.score === result.maxScore;
  lines.push(`${bold(result.rubric.title)} ${dim(`· ${inert(result.submission.id)}`)}`);
  lines.push(`Score: ${bold((full ? green : red)(`${result.score} / ${result.maxScore}`))}`);
  for (const task of result.tasks) {
    if (result.tasks.length > 1) lines.push(bold(task.title));
    if (!task.load.ok) {
      lines.push(red(inert(loadFailureText(task.load)).split('\n').map((l) => `  ${l}`).join('\n')));
    }
    if (task.typeErrors.length) {
      const more = task.typeErrors.length > 1 ? dim(` (+${task.typeErrors.length - 1} more in the report)`) : '';
      lines.push(`  ${paint(33, '!')} TypeScript (not graded): ${inert(task.typeErrors[0])}${more}`);
    }
    for (const finding of task.train?.findings ?? []) lines.push(`  ${paint(33, '!')} ${finding}`);
    const width = Math.max(...task.checks.map((c) => c.name.length));
    for (const check of task.checks) {
      const ok = check.status === 'passed';
      const points = `${check.score}/${check.maxScore}`.padStart(9);
      const first = inert(check.messages[0] ?? (ok && check.found ? check.found : ''));
      const more = check.messages.length > 1 ? dim(` (+${check.messages.length - 1} more in the report)`) : '';
      lines.push(`  ${ok ? green('✓') : red('✗')} ${check.name.padEnd(width)} ${points}  ${ok ? dim(first) : first}${more}`);
    }
  }
  const trained = result.tasks.flatMap((t) => (t.train ? [t.train.student.seconds + (t.train.referenceCached ? 0 : t.train.reference.seconds)] : []));
  if (result.backend) lines.push(dim(`Trained on the ${result.backend} backend: ${trained.reduce((a, b) => a + b, 0).toFixed(1)} s of ${result.executionSeconds.toFixed(1)} s.`));
  if (reportPath) lines.push(`Report: ${reportPath}`);
  return lines.join('\n');
}
