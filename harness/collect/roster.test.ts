import { UsageError } from '../errors';
import { csvFields, parseRoster } from './roster';

describe('roster', () => {
  it('reads id, name, repo and the optional branch and commit', () => {
    const roster = parseRoster('id,name,repo,branch\nada,"Lovelace, Ada",https://git.example/ada.git,main\nalan,Alan Turing,/srv/alan,\n', 'class.csv');
    expect(roster).toEqual([
      { id: 'ada', name: 'Lovelace, Ada', repo: 'https://git.example/ada.git', branch: 'main' },
      { id: 'alan', name: 'Alan Turing', repo: '/srv/alan' },
    ]);
  });

  it('splits quoted fields as RFC 4180 does', () => {
    expect(csvFields('a,"b, c","say ""hi""",')).toEqual(['a', 'b, c', 'say "hi"', '']);
  });

  it.each([
    ['name,repo\nx,y', 'class.csv (line 1): the header needs the columns id,name,repo'],
    ['id,name,repo,email\na,b,c,d', 'class.csv (line 1): unknown column email'],
    ['id,name,repo\nada,Ada', 'class.csv (line 2): 2 fields, the header has 3'],
    ['id,name,repo\n../etc,Eve,/x', 'class.csv (line 2): id "../etc" must be letters, digits'],
    ['id,name,repo\nada,A,/x\nada,B,/y', 'class.csv (line 3): id ada appears twice'],
    ['id,name,repo,commit\nada,A,/x,main', 'class.csv (line 2): commit "main" is not a commit hash'],
    ['id,name,repo\n', 'class.csv: no students'],
  ])('refuses %j, naming the line', (text, message) => {
    expect(() => parseRoster(text, 'class.csv')).toThrow(UsageError);
    expect(() => parseRoster(text, 'class.csv')).toThrow(message);
  });

  describe("ids that clash with the class's own files", () => {
    it.each([
      ['grades.csv', 'grades.csv'],
      ['Index.html', 'index.html'],
      ['CLASS.JSON', 'class.json'],
      ['grades.csv.4242.tmp', 'grades.csv'],
    ])('refuses id %s, naming the line and the file it would clash with', (id, own) => {
      const text = `id,name,repo\nada,Ada,/srv/ada\n${id},Eve,/srv/eve\n`;
      expect(() => parseRoster(text, 'class.csv')).toThrow(UsageError);
      expect(() => parseRoster(text, 'class.csv')).toThrow(`class.csv (line 3): id "${id}" would name a student's folder that clashes with the class's own ${own} in the output folder (letter case ignored, as on macOS and Windows)`);
    });

    it('refuses .work through the rule that an id starts with a letter or digit', () => {
      expect(() => parseRoster('id,name,repo\n.work,Eve,/srv/eve\n', 'class.csv')).toThrow('class.csv (line 2): id ".work" must be letters, digits');
    });

    it('accepts ids that only resemble a class file', () => {
      expect(parseRoster('id,name,repo\ngrades,G,/g\nindex-html,I,/i\nclass.jsonl,C,/c\n', 'class.csv').map((e) => e.id)).toEqual(['grades', 'index-html', 'class.jsonl']);
    });

    it('refuses two ids that differ only in letter case, naming both lines', () => {
      const text = 'id,name,repo\nAda,Ada L.,/srv/ada\nalan,Alan,/srv/alan\nada,Ada K.,/srv/ada2\n';
      expect(() => parseRoster(text, 'class.csv')).toThrow('class.csv (line 4): id ada differs from Ada (line 2) only in letter case');
    });
  });

  it('quotes a refused id as inert text, not as terminal escapes', () => {
    expect(() => parseRoster('id,name,repo\nx\x1b]52;c;cGF5bG9hZA==\x07,Eve,/x\n', 'class.csv')).toThrow('class.csv (line 2): id "x\\u001b]52;c;cGF5bG9hZA==\\u0007" must be letters');
  });

  it('keeps a name that is a formula as it is: grades.csv makes it inert where it is written', () => {
    expect(parseRoster('id,name,repo\nada,"=HYPERLINK(""http://evil.example"",""x"")",/srv/ada\n', 'class.csv')[0].name).toBe('=HYPERLINK("http://evil.example","x")');
  });
});
