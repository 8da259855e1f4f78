import { inert } from './terminal_summary';

describe('terminal summary', () => {
  it('shows control characters in student text as escapes instead of obeying them', () => {
    // A layer name that would clear the line and print a fake score in green.
    const name = 'conv\x1b[2K\r\x1b[32mScore: 100 / 100\x1b[0m';
    expect(inert(name)).toBe('conv\\x1b[2K\\x0d\\x1b[32mScore: 100 / 100\\x1b[0m');
    expect(inert('plain text, tabs\tand ünïcode')).toBe('plain text, tabs\tand ünïcode');
  });
});
