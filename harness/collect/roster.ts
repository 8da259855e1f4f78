// The class roster: a CSV file with the header id,name,repo and optional branch and commit
// columns, one student per row. Quoted fields may hold commas; every problem names its line,
// and shows what it quotes from the file as inert text (a roster may be built from student input).

import * as fs from 'node:fs';
import { UsageError } from '../errors';
import { inertLine } from '../inert_text';
import { CLASS_OWN_NAMES } from '../report/class_files';

export interface RosterEntry {
  id: string;
  name: string;
  repo: string;
  branch?: string;
  commit?: string;
}

/** One CSV line's fields (RFC 4180 quoting: "a, b" and "say ""hi"""). */
export function csvFields(line: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      fields.push(field);
      field = '';
    } else field += ch;
  }
  fields.push(field);
  return fields.map((f) => f.trim());
}

const ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

/**
 * Why an id cannot name a student's folder beside the class's own files, if it cannot. Compared
 * in lower case: macOS and Windows file systems ignore case, so "Grades.CSV" is grades.csv
 * there. A name that extends one with a dot (grades.csv.3f9a.tmp) is refused too: the harness
 * writes its files through such temporary names.
 */
function clashWithClassFiles(id: string): string | undefined {
  const lower = id.toLowerCase();
  const own = CLASS_OWN_NAMES.find((name) => lower === name.toLowerCase() || lower.startsWith(`${name.toLowerCase()}.`));
  return own && `id "${id}" would name a student's folder that clashes with the class's own ${own} in the output folder (letter case ignored, as on macOS and Windows); give the student another id`;
}

export function parseRoster(text: string, file: string): RosterEntry[] {
  const lines = text.split(/\r?\n/);
  const header = csvFields(lines[0] ?? '').map((h) => h.toLowerCase());
  for (const needed of ['id', 'name', 'repo']) {
    if (!header.includes(needed)) throw new UsageError(`${file} (line 1): the header needs the columns id,name,repo (optional: branch,commit); found ${inertLine(header.join(','), 200) || 'nothing'}`);
  }
  const unknown = header.filter((h) => !['id', 'name', 'repo', 'branch', 'commit'].includes(h));
  if (unknown.length) throw new UsageError(`${file} (line 1): unknown column ${inertLine(unknown.join(', '), 200)}; the columns are id,name,repo,branch,commit`);
  const entries: RosterEntry[] = [];
  // Ids in lower case, with their line: two ids that differ only in case share a folder on macOS and Windows.
  const seen = new Map<string, { id: string; line: number }>();
  lines.slice(1).forEach((line, i) => {
    if (line.trim() === '') return;
    const at = `${file} (line ${i + 2})`;
    const values = csvFields(line);
    if (values.length !== header.length) throw new UsageError(`${at}: ${values.length} fields, the header has ${header.length}`);
    const row = Object.fromEntries(header.map((h, j) => [h, values[j]])) as Record<string, string>;
    // The id names the student's output folder: it must be a safe file name.
    if (!ID.test(row.id)) throw new UsageError(`${at}: id "${inertLine(row.id, 200)}" must be letters, digits, dot, dash or underscore (it names the student's folder)`);
    const clash = clashWithClassFiles(row.id);
    if (clash) throw new UsageError(`${at}: ${clash}`);
    const earlier = seen.get(row.id.toLowerCase());
    if (earlier?.id === row.id) throw new UsageError(`${at}: id ${row.id} appears twice`);
    if (earlier) throw new UsageError(`${at}: id ${row.id} differs from ${earlier.id} (line ${earlier.line}) only in letter case; on macOS and Windows both would be one folder: give the students ids that differ in more than case`);
    seen.set(row.id.toLowerCase(), { id: row.id, line: i + 2 });
    if (!row.repo) throw new UsageError(`${at}: no repo for ${row.id}`);
    if (row.commit && !/^[0-9a-f]{7,40}$/i.test(row.commit)) throw new UsageError(`${at}: commit "${inertLine(row.commit, 200)}" is not a commit hash`);
    entries.push({ id: row.id, name: row.name, repo: row.repo, ...(row.branch ? { branch: row.branch } : {}), ...(row.commit ? { commit: row.commit } : {}) });
  });
  if (entries.length === 0) throw new UsageError(`${file}: no students (a header and then one row per student)`);
  return entries;
}

export function loadRoster(file: string): RosterEntry[] {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`${file}: cannot be read (${(error as NodeJS.ErrnoException).code})`);
  }
  return parseRoster(text, file);
}
