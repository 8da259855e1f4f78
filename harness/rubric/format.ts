// How checks write values in their messages: [5,5] for sizes, 61,706 for counts.

import type { LayerSignature } from '../types';

export function formatValue(value: unknown): string {
  if (value === undefined) return 'none';
  if (Array.isArray(value)) return `[${value.map((v) => (v === null ? 'null' : String(v))).join(',')}]`;
  if (typeof value === 'number') return formatCount(value);
  return String(value);
}

export function formatCount(n: number): string {
  return Number.isInteger(n) ? n.toLocaleString('en-US') : String(n);
}

/** "Conv2D 16 filters 5x5" : a layer as a student recognises it. */
export function describeSignature(sig: LayerSignature): string {
  const parts: string[] = [sig.className];
  if (sig.filters !== undefined) parts.push(`${sig.filters} filters`);
  if (sig.units !== undefined) parts.push(`${sig.units} units`);
  if (sig.kernelSize) parts.push(sig.kernelSize.join('x'));
  if (sig.poolSize) parts.push(sig.poolSize.join('x'));
  if (sig.activation && sig.activation !== 'linear') parts.push(sig.activation);
  return parts.join(' ');
}
