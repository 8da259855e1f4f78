// Student text (messages, layer names, roster fields) made inert for where a person reads it:
// a terminal, where escape sequences act (OSC 52 sets the clipboard) and newlines forge lines,
// and a spreadsheet, where a cell starting with "=" is a formula. HTML is escaped by Handlebars.

/** The most characters of one student-derived message kept anywhere (reports, CSV, terminal). */
export const MAX_MESSAGE_CHARS = 4000;

/**
 * Control characters (C0 but tab and newline, DEL, C1: ESC and the 8-bit CSI among them), the
 * bidirectional marks and overrides that reorder what is shown, and the Unicode line and
 * paragraph separators that some viewers break lines at.
 */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/g;

/** What a cut text ends with: never longer than NOTE_RESERVE characters (15 digits and separators). */
const note = (left: number) => ` … (${left.toLocaleString('en-US')} more characters not shown)`;
const NOTE_RESERVE = 48;

function visible(ch: string): string {
  return `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/**
 * Cuts `text` to at most `max` characters, the note of what was left out included, never
 * inside a surrogate pair. A text cut once is not cut again (its length is at most `max`), so
 * a result rendered from a record that was already bounded keeps one note.
 */
export function truncateText(text: string, max = MAX_MESSAGE_CHARS): string {
  if (text.length <= max) return text;
  // Too short a limit for the note: a bare ellipsis says that text is missing.
  let end = max >= 2 * NOTE_RESERVE ? max - NOTE_RESERVE : Math.max(0, max - 1);
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end--;
  return max >= 2 * NOTE_RESERVE ? `${text.slice(0, end)}${note(text.length - end)}` : `${text.slice(0, end)}…`;
}

/**
 * One line for a terminal: newlines and tabs become spaces, every other control or bidi
 * character is shown as its \uXXXX escape, and the result is cut to `max` characters (after
 * escaping, so that making a text inert twice changes nothing).
 */
export function inertLine(text: string, max = MAX_MESSAGE_CHARS): string {
  return truncateText(text.replace(/\r\n|[\r\n\t]/g, ' ').replace(UNSAFE, visible), max);
}

/** Several lines for a terminal: each line made inert, the line breaks kept. */
export function inertLines(text: string, max = MAX_MESSAGE_CHARS): string {
  const lines = text.split(/\r\n|\n/).map((line) => line.replace(/[\r\t]/g, ' ').replace(UNSAFE, visible));
  return truncateText(lines.join('\n'), max);
}

/**
 * A spreadsheet cell (OWASP's CSV injection rule): a cell that starts with =, +, -, @, tab or
 * carriage return is prefixed with ' so that no spreadsheet reads it as a formula. The cell
 * is also one inert line: a grades file is often read with `cat` too. Leading spaces do not
 * hide a formula (some spreadsheets trim them), nor do the full-width = + - @ that some
 * spreadsheets read as their ASCII forms.
 */
export function inertCsvCell(text: string): string {
  const line = inertLine(text);
  // Tested on the raw text too: a leading tab or CR is itself the trigger, before it becomes a space.
  const formula = /^[=+\-@\t\r]/.test(text) || /^\s*[=+\-@\uff1d\uff0b\uff0d\uff20]/.test(line);
  return formula ? `'${line}` : line;
}
