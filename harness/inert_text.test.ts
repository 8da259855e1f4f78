import { inertCsvCell, inertLine, inertLines, truncateText } from './inert_text';

describe('inertLine', () => {
  it('turns a layer name that forges a score line and sets the clipboard into one visible line', () => {
    // OSC 52 ("\x1b]52;c;<base64>\x07") would set the instructor's clipboard; the newline would start a fake line.
    const name = 'conv\x1b]52;c;ZWNobyBwd25lZA==\x07\n  Score: 100 / 100';
    expect(inertLine(name)).toBe('conv\\u001b]52;c;ZWNobyBwd25lZA==\\u0007   Score: 100 / 100');
  });

  it('makes CR, CRLF and tabs spaces, and shows C1 controls and bidi overrides as escapes', () => {
    expect(inertLine('a\r\nb\rc\td')).toBe('a b c d');
    expect(inertLine('\u009b31mred')).toBe('\\u009b31mred');
    expect(inertLine('abc\u202edcba\u2066x\u2069')).toBe('abc\\u202edcba\\u2066x\\u2069');
    expect(inertLine('line\u2028sep\u007f')).toBe('line\\u2028sep\\u007f');
  });

  it('leaves ordinary text, accents, other scripts and emoji as they are', () => {
    expect(inertLine('ünïcode 测试 😀, "quotes" and \\backslash')).toBe('ünïcode 测试 😀, "quotes" and \\backslash');
  });

  it('cuts a long text before escaping it', () => {
    // 200 characters, limit 100: 48 are kept for the note, so 52 stay and 148 go.
    expect(inertLine('a'.repeat(200), 100)).toBe(`${'a'.repeat(52)} … (148 more characters not shown)`);
  });
});

describe('inertLines', () => {
  it('keeps the line breaks and makes each line inert', () => {
    expect(inertLines('Error: boom\n\x1b[2Jat x\r\n  at\ty')).toBe('Error: boom\n\\u001b[2Jat x\n  at y');
  });
});

describe('truncateText', () => {
  it('keeps a text of exactly the limit whole', () => {
    expect(truncateText('x'.repeat(4000))).toBe('x'.repeat(4000));
  });

  it('cuts to the limit, the note included, and says how much is left out', () => {
    // 5,000 characters, limit 4,000: 48 characters are kept for the note, so 3,952 stay and 1,048 go.
    const cut = truncateText('x'.repeat(5000));
    expect(cut).toBe(`${'x'.repeat(3952)} … (1,048 more characters not shown)`);
    expect(cut.length).toBe(3952 + 36);
    // Cut once, never again: a report rendered from a bounded record keeps one note.
    expect(truncateText(cut)).toBe(cut);
  });

  it('never cuts a surrogate pair in half', () => {
    // The cut at 3,952 would fall between the two halves of the emoji at 3,951-3,952.
    const text = `${'x'.repeat(3951)}😀${'y'.repeat(2000)}`;
    expect(truncateText(text)).toBe(`${'x'.repeat(3951)} … (2,002 more characters not shown)`);
    expect(truncateText('ab😀cd', 4)).toBe('ab…');
  });

  it('ends a text cut to a short limit with a bare ellipsis', () => {
    expect(truncateText('abcdefgh', 5)).toBe('abcd…');
  });
});

describe('inertCsvCell', () => {
  it.each([
    ['=HYPERLINK("http://evil.example","click")', '\'=HYPERLINK("http://evil.example","click")'],
    ["=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"],
    ['+1', "'+1"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1:A9)', "'@SUM(A1:A9)"],
    ['\t=1+1', "' =1+1"],
    ['\r=1+1', "' =1+1"],
    ['  =1+1', "'  =1+1"],
    ['\n=1+1', "' =1+1"],
    ['＝1+1', "'＝1+1"],
  ])('prefixes a formula %j with an apostrophe', (cell, expected) => {
    expect(inertCsvCell(cell)).toBe(expected);
  });

  it.each([
    ['Ada Lovelace', 'Ada Lovelace'],
    ["O'Brien, Pat", "O'Brien, Pat"],
    ['a=b', 'a=b'],
    ['ok', 'ok'],
    ['\x1b]52;c;cGF5bG9hZA==\x07', '\\u001b]52;c;cGF5bG9hZA==\\u0007'],
  ])('leaves %j a plain one-line cell', (cell, expected) => {
    expect(inertCsvCell(cell)).toBe(expected);
  });
});
