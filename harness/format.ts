// How the harness writes values people read (messages, tables, reports): [null,28,28,1] for
// shapes and sizes, 61,706 for counts. One spelling everywhere.

export function formatValue(value: unknown): string {
  if (value === undefined) return 'none';
  if (Array.isArray(value)) return `[${value.map((v) => (v === null ? 'null' : String(v))).join(',')}]`;
  if (typeof value === 'number') return formatCount(value);
  return String(value);
}

export function formatCount(n: number): string {
  return Number.isInteger(n) ? n.toLocaleString('en-US') : String(n);
}
