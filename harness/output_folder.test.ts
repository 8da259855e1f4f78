import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { UsageError } from './errors';
import { prepareOutputFolder, refuseLinkedFolder, refuseLinksInSubmission } from './output_folder';

const temp = () => fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'cnn-grade-out-')));

/** A submission folder and another student's results folder, which the submission links to. */
function linkedSubmission(linkName: string) {
  const submission = temp();
  const victim = temp();
  fs.writeFileSync(path.join(victim, 'results.json'), '{"score": 97}');
  fs.symlinkSync(victim, path.join(submission, linkName));
  return { submission, victim };
}

describe('refuseLinksInSubmission', () => {
  it('refuses a committed cnn-grade-out link, naming it and where it points', () => {
    const { submission, victim } = linkedSubmission('cnn-grade-out');
    const out = path.join(submission, 'cnn-grade-out');
    expect(() => refuseLinksInSubmission(out, submission)).toThrow(UsageError);
    expect(() => refuseLinksInSubmission(out, submission)).toThrow(`${out} is a symbolic link in the submission (to ${victim})`);
  });

  it('refuses a link on the way to the out folder', () => {
    const { submission } = linkedSubmission('results');
    expect(() => refuseLinksInSubmission(path.join(submission, 'results', 'run1'), submission)).toThrow(`${path.join(submission, 'results')} is a symbolic link in the submission`);
  });

  it('accepts a real out folder in the submission, one not made yet, and links of the user outside it', () => {
    const submission = temp();
    fs.mkdirSync(path.join(submission, 'cnn-grade-out'));
    expect(() => refuseLinksInSubmission(path.join(submission, 'cnn-grade-out'), submission)).not.toThrow();
    expect(() => refuseLinksInSubmission(path.join(submission, 'new', 'out'), submission)).not.toThrow();
    // The user's own link (a results disk) outside the submission is followed as usual.
    const home = temp();
    fs.symlinkSync(temp(), path.join(home, 'disk'));
    expect(() => refuseLinksInSubmission(path.join(home, 'disk', 'out'), submission)).not.toThrow();
  });
});

describe('refuseLinkedFolder and prepareOutputFolder', () => {
  it('refuse a link and a file, make a missing folder', () => {
    const { submission } = linkedSubmission('cnn-grade-out');
    expect(() => refuseLinkedFolder(path.join(submission, 'cnn-grade-out'))).toThrow('is a symbolic link');
    fs.writeFileSync(path.join(submission, 'file'), '');
    expect(() => prepareOutputFolder(path.join(submission, 'file'))).toThrow(`${path.join(submission, 'file')} is a file, not a folder`);
    prepareOutputFolder(path.join(submission, 'a', 'b'));
    expect(fs.statSync(path.join(submission, 'a', 'b')).isDirectory()).toBe(true);
  });

  it('shows a link target that holds escapes as inert text', () => {
    const dir = temp();
    fs.symlinkSync('/tmp/\x1b]52;c;eA==\x07', path.join(dir, 'out'));
    expect(() => refuseLinkedFolder(path.join(dir, 'out'))).toThrow(`(to /tmp/\\u001b]52;c;eA==\\u0007)`);
  });
});
