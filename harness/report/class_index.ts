// The class's index.html: one row per student (score, status, late days, commit, a link to
// the report), sortable by any column, and a histogram of scores. Rendered like the reports,
// from reports/class.hbs; every value is escaped, and a status (a student's error) cut to a few kB.

import * as fs from 'node:fs';
import * as path from 'node:path';
import Handlebars from 'handlebars';
import { truncateText } from '../inert_text';
import { packageRoot } from '../paths';
import type { GradeRow } from './grades_csv';

const BINS = 10;

export function scoreHistogram(rows: GradeRow[], width = 400, height = 120): { bars: { x: number; y: number; height: number; label: string; count: number }[]; width: number; height: number } {
  const counts = new Array<number>(BINS).fill(0);
  for (const r of rows) {
    const fraction = r.maxScore > 0 ? r.score / r.maxScore : 0;
    counts[Math.min(BINS - 1, Math.floor(fraction * BINS))]++;
  }
  const most = Math.max(1, ...counts);
  const w = width / BINS;
  return {
    width,
    height,
    bars: counts.map((count, i) => ({ x: i * w, y: height - (count / most) * height, height: (count / most) * height, count, label: `${i * 10}-${i === BINS - 1 ? 100 : i * 10 + 9}%` })),
  };
}

export function renderClassIndex(title: string, rows: GradeRow[], reported: Set<string>): string {
  const dir = path.join(packageRoot(), 'reports');
  const template = Handlebars.create().compile(fs.readFileSync(path.join(dir, 'class.hbs'), 'utf8'), { strict: true });
  const css = fs.readFileSync(path.join(dir, 'report.css'), 'utf8');
  const ok = rows.filter((r) => r.status === 'ok').length;
  return template({
    css,
    title,
    students: rows.length,
    ok,
    problems: rows.length - ok,
    histogram: scoreHistogram(rows),
    rows: rows.map((r) => ({ ...r, status: truncateText(r.status), commitShort: r.commit.slice(0, 10), report: reported.has(r.id) ? `${encodeURIComponent(r.id)}/report.html` : null, okStatus: r.status === 'ok' })),
  });
}
