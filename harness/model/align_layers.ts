// Aligns a student's layer sequence with the reference's by edit distance over signatures, so
// that one extra or missing layer does not make every later layer look wrong.

import type { LayerSignature } from '../types';
import type { SequenceEntry } from './layer_sequence';
import { LAYER_DESCRIPTORS } from './layers';

export type AlignedPair =
  | { kind: 'match'; student: SequenceEntry; reference: SequenceEntry; differences: FieldDifference[] }
  | { kind: 'extra'; student: SequenceEntry }
  | { kind: 'missing'; reference: SequenceEntry; after?: SequenceEntry };

export interface FieldDifference {
  field: keyof LayerSignature;
  found: unknown;
  expected: unknown;
}

/** Classes that do the same job in different ways (layers/ says which): a student who picks the other one chose a setting, not a layer. */
function layerFamily(className: string): string {
  return LAYER_DESCRIPTORS.get(className)?.alignsWith ?? className;
}

export function signatureDifferences(student: LayerSignature, reference: LayerSignature): FieldDifference[] {
  const fields = new Set([...Object.keys(reference), ...Object.keys(student)] as (keyof LayerSignature)[]);
  const out: FieldDifference[] = [];
  for (const field of fields) {
    if (JSON.stringify(student[field]) !== JSON.stringify(reference[field])) out.push({ field, found: student[field], expected: reference[field] });
  }
  return out;
}

/** Same kind of layer with other settings costs less than another kind, so such layers pair up. */
function substitutionCost(a: SequenceEntry, b: SequenceEntry): number {
  if (layerFamily(a.signature.className) !== layerFamily(b.signature.className)) return 1.5;
  return signatureDifferences(a.signature, b.signature).length === 0 ? 0 : 0.5;
}

export function alignLayers(student: SequenceEntry[], reference: SequenceEntry[]): AlignedPair[] {
  const n = student.length;
  const m = reference.length;
  // cost[i][j]: cheapest alignment of student[i:] with reference[j:].
  const cost = Array.from({ length: n + 1 }, () => new Float64Array(m + 1));
  for (let i = n; i >= 0; i--) {
    for (let j = m; j >= 0; j--) {
      if (i === n) cost[i][j] = m - j;
      else if (j === m) cost[i][j] = n - i;
      else cost[i][j] = Math.min(substitutionCost(student[i], reference[j]) + cost[i + 1][j + 1], 1 + cost[i + 1][j], 1 + cost[i][j + 1]);
    }
  }
  const pairs: AlignedPair[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    const sub = i < n && j < m ? substitutionCost(student[i], reference[j]) : Infinity;
    if (i < n && j < m && layerFamily(student[i].signature.className) === layerFamily(reference[j].signature.className) && cost[i][j] === sub + cost[i + 1][j + 1]) {
      pairs.push({ kind: 'match', student: student[i], reference: reference[j], differences: signatureDifferences(student[i].signature, reference[j].signature) });
      i++;
      j++;
    } else if (i < n && (j === m || cost[i][j] === 1 + cost[i + 1][j])) {
      pairs.push({ kind: 'extra', student: student[i] });
      i++;
    } else if (j < m && (i === n || cost[i][j] === 1 + cost[i][j + 1])) {
      pairs.push({ kind: 'missing', reference: reference[j], after: student[i - 1] });
      j++;
    } else {
      // A different class in the same place: an extra layer and a missing one.
      pairs.push({ kind: 'extra', student: student[i] }, { kind: 'missing', reference: reference[j], after: student[i] });
      i++;
      j++;
    }
  }
  return pairs;
}
