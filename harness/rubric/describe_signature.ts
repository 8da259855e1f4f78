// How checks name a layer in their messages.

import type { LayerSignature } from '../types';

/** "Conv2D 16 filters 5x5" : a layer as a student recognises it. */
export function describeSignature(sig: LayerSignature): string {
  const parts: string[] = [sig.className];
  if (sig.filters !== undefined) parts.push(`${sig.filters} filters`);
  if (sig.units !== undefined) parts.push(`${sig.units} units`);
  if (sig.kernelSize) parts.push(sig.kernelSize.join('x'));
  if (sig.depthMultiplier !== undefined && sig.depthMultiplier !== 1) parts.push(`depth x${sig.depthMultiplier}`);
  if (sig.size) parts.push(`up ${sig.size.join('x')}`);
  if (sig.poolSize) parts.push(sig.poolSize.join('x'));
  if (sig.activation && sig.activation !== 'linear') parts.push(sig.activation);
  return parts.join(' ');
}
