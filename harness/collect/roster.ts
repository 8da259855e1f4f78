// The class roster: a CSV file with the header id,name,repo and optional branch and commit
// columns, one student per row. Quoted fields may hold commas; every problem names its line.

import * as fs from 'node:fs';
import { UsageError } from '../errors';

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

export function parseRoster(text: string, file: string): RosterEntry[] {
  const lines = text.split(/\r?\n/);
  const header = csvFields(lines[0] ?? '').map((h) => h.toLowerCase());
  for (const needed of ['id', 'name', 'repo']) {
    if (!header.includes(needed)) throw new UsageError(`${file} (line 1): the header needs the columns id,name,repo (optional: branch,commit); found ${header.join(',') || 'nothing'}`);
  }
  const unknown = header.filter((h) => !['id', 'name', 'repo', 'branch', 'commit'].includes(h));
  if (unknown.length) throw new UsageError(`${file} (line 1): unknown column ${unknown.join(', ')}; the columns are id,name,repo,branch,commit`);
  const entries: RosterEntry[] = [];
  const seen = new Set<string>();
  lines.slice(1).forEach((line, i) => {
    if (line.trim() === '') return;
    const at = `${file} (line ${i + 2})`;
    const values = csvFields(line);
    if (values.length !== header.length) throw new UsageError(`${at}: ${values.length} fields, the header has ${header.length}`);
    const row = Object.fromEntries(header.map((h, j) => [h, values[j]])) as Record<string, string>;
    // The id names the student's output folder: it must be a safe file name.
    if (!ID.test(row.id)) throw new UsageError(`${at}: id "${row.id}" must be letters, digits, dot, dash or underscore (it names the student's folder)`);
    if (seen.has(row.id)) throw new UsageError(`${at}: id ${row.id} appears twice`);
    seen.add(row.id);
    if (!row.repo) throw new UsageError(`${at}: no repo for ${row.id}`);
    if (row.commit && !/^[0-9a-f]{7,40}$/i.test(row.commit)) throw new UsageError(`${at}: commit "${row.commit}" is not a commit hash`);
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
