import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { writeFileAtomically } from './atomic_file';
import { UsageError } from './errors';

const temp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'cnn-grade-atomic-'));

describe('writeFileAtomically', () => {
  it('writes a new file and replaces an old one, leaving no temporary file', () => {
    const dir = temp();
    const file = path.join(dir, 'results.json');
    writeFileAtomically(file, 'one');
    writeFileAtomically(file, 'two');
    expect(fs.readFileSync(file, 'utf8')).toBe('two');
    expect(fs.readdirSync(dir)).toEqual(['results.json']);
  });

  it("refuses a link in the file's place and leaves the file it points to as it was", () => {
    const dir = temp();
    const victim = path.join(temp(), 'notes.txt');
    fs.writeFileSync(victim, 'mine');
    const file = path.join(dir, 'report.html');
    fs.symlinkSync(victim, file);
    expect(() => writeFileAtomically(file, '<html>')).toThrow(UsageError);
    expect(() => writeFileAtomically(file, '<html>')).toThrow(`${file} is a symbolic link; cnn-grade does not write through links`);
    expect(fs.readFileSync(victim, 'utf8')).toBe('mine');
    expect(fs.lstatSync(file).isSymbolicLink()).toBe(true);
    expect(fs.readdirSync(dir)).toEqual(['report.html']);
  });

  it('refuses a dangling link too: it would create the file where the link points', () => {
    const dir = temp();
    const target = path.join(temp(), 'created.txt');
    const file = path.join(dir, 'results.json');
    fs.symlinkSync(target, file);
    expect(() => writeFileAtomically(file, '{}')).toThrow('is a symbolic link');
    expect(fs.existsSync(target)).toBe(false);
  });
});
