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
});
