// grades.csv for an LMS: one row per student, header id,name,score,max_score,late_days,status,commit.
// Names and statuses come from rosters and students: every text cell is made inert (no formula,
// no control characters), the numbers the harness computed are written as they are.

import { inertCsvCell } from '../inert_text';

export interface GradeRow {
  id: string;
  name: string;
  score: number;
  maxScore: number;
  lateDays: number;
  /** "ok", or why the student could not be graded. */
  status: string;
  commit: string;
}

function csvField(value: string | number): string {
  const text = typeof value === 'number' ? String(value) : inertCsvCell(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function gradesCsv(rows: GradeRow[]): string {
  const lines = rows.map((r) => [r.id, r.name, r.score, r.maxScore, r.lateDays, r.status, r.commit].map(csvField).join(','));
  return ['id,name,score,max_score,late_days,status,commit', ...lines].join('\n') + '\n';
}
