// `cnn-grade grade` on a hostile roster and a hostile submission: ids that would clash with the
// class's own files are refused before anything is collected; student text reaches neither
// the terminal nor grades.csv as escapes, forged lines or formulas.

import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { bareRepo } from '../collect/test_repos';

const ROOT = path.resolve(__dirname, '..', '..');
const CLI = path.join(ROOT, 'bin', 'cnn-grade.js');
const RUBRIC = path.join(ROOT, 'rubrics', 'lenet5-mnist.yaml');
const temp = (prefix: string) => fs.mkdtempSync(path.join(os.tmpdir(), prefix));

function grade(roster: string, out: string) {
  return spawnSync(process.execPath, [CLI, 'grade', '--roster', roster, '--rubric', RUBRIC, '--out', out, '--no-train', '--jobs', '1'], { encoding: 'utf8', env: { ...process.env, CNN_GRADE_CACHE: temp('cnn-grade-cache-') } });
}

describe('cnn-grade grade on a hostile roster', () => {
  it.each([
    ['grades.csv', 'grades.csv'],
    ['Index.html', 'index.html'],
  ])('refuses the id %s before collecting anyone, naming the line (exit 2)', (id, own) => {
    const dir = temp('cnn-grade-roster-');
    const roster = path.join(dir, 'class.csv');
    fs.writeFileSync(roster, `id,name,repo\nada,Ada,${path.join(dir, 'ada.git')}\n${id},Eve,${path.join(dir, 'eve.git')}\n`);
    const out = path.join(dir, 'out');
    const r = grade(roster, out);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`${roster} (line 3): id "${id}" would name a student's folder that clashes with the class's own ${own}`);
    expect(fs.existsSync(out)).toBe(false);
  });
});

describe('cnn-grade grade on a hostile submission', () => {
  it("keeps a thrown message's escapes and forged lines out of the progress lines and a formula name out of grades.csv", () => {
    const dir = temp('cnn-grade-hostile-class-');
    const { url, hashes } = bareRepo([{ date: '2026-11-30T10:00:00Z', modelsTs: fs.readFileSync(path.join(ROOT, 'fixtures', 'hostile', 'forged-progress-line', 'models.ts'), 'utf8') }]);
    const roster = path.join(dir, 'class.csv');
    fs.writeFileSync(roster, `id,name,repo\nmallory,"=HYPERLINK(""http://evil.example"",""Mallory"")",${url}\n`);
    const out = path.join(dir, 'out');
    const r = grade(roster, out);
    expect(r.status).toBe(0);
    expect(r.stderr).not.toContain('\x1b');
    expect(r.stderr).not.toContain('\x07');
    // The one progress line gives the real score; the forged "[1/1] ... 100 / 100" stays inside it.
    const progress = r.stderr.split('\n').filter((l) => l.startsWith('[1/1]'));
    expect(progress).toHaveLength(1);
    expect(progress[0]).toMatch(/^\[1\/1\] mallory: 0 \/ 100 \(.*\\u001b\]52;c;ZWNobyBwd25lZA==\\u0007 \[1\/1\] mallory: 100 \/ 100/);

    const csv = fs.readFileSync(path.join(out, 'grades.csv'), 'utf8');
    expect(csv).not.toContain('\x1b');
    const rows = csv.trim().split('\n');
    expect(rows).toHaveLength(2);
    // The name cell starts with ' (quoted, as it holds quotes and commas); the status cell is one line.
    expect(rows[1].startsWith('mallory,"\'=HYPERLINK(""http://evil.example"",""Mallory"")",0,100,0,')).toBe(true);
    expect(rows[1].endsWith(`,${hashes[0]}`)).toBe(true);
  });
});
