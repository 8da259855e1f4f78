// Student mode: what a student's own `check` runs and shows. Only `visible` checks; the
// others (hidden, after_due_date, after_published, as Gradescope has them) are left out
// entirely, so their names never reach a student's screen, report or results.json.

import type { Rubric } from './schema';

export function studentView(rubric: Rubric): Rubric {
  const tasks = rubric.tasks.map((t) => ({ ...t, checks: t.checks.filter((c) => c.visibility === 'visible') })).filter((t) => t.checks.length > 0);
  return { ...rubric, tasks };
}
