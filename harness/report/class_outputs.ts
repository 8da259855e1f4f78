// A class run's own files in its output folder: class.json (the rows as the harness graded
// them, which `cnn-grade report` starts from and never changes), grades.csv for the LMS and
// the sortable index.html.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { writeFileAtomically } from '../atomic_file';
import { CLASS_FILE, GRADES_FILE, INDEX_FILE } from './class_files';
import { renderClassIndex } from './class_index';
import { gradesCsv, type GradeRow } from './grades_csv';

export { CLASS_FILE };

export interface ClassRecord {
  title: string;
  rows: GradeRow[];
}

/** After grading: the record, then what is rendered from it. */
export function writeClassOutputs(out: string, record: ClassRecord): { csv: string; index: string } {
  writeFileAtomically(path.join(out, CLASS_FILE), JSON.stringify(record, null, 2) + '\n');
  return writeClassRendered(out, record);
}

/** grades.csv and index.html for rows (the harness's, or as a TA's overrides changed them). */
export function writeClassRendered(out: string, { title, rows }: ClassRecord): { csv: string; index: string } {
  const reported = new Set(rows.map((r) => r.id).filter((id) => fs.existsSync(path.join(out, id, 'report.html'))));
  const csv = path.join(out, GRADES_FILE);
  writeFileAtomically(csv, gradesCsv(rows));
  const index = path.join(out, INDEX_FILE);
  writeFileAtomically(index, renderClassIndex(title, rows, reported));
  return { csv, index };
}
