// Aligns a student's layer sequence with the reference's by edit distance over signatures, so
// that one extra or missing layer does not make every later layer look wrong. Where both
// have a merge at the same place, the student's branches are paired with the reference's by
// content (the pairing that costs least in all), so a difference inside one branch reads as
// that difference, whichever order either model lists its branches in.

import type { LayerSignature } from '../types';
import { flattenItems, type SequenceEntry, type SequenceItem } from './layer_sequence';
import { LAYER_DESCRIPTORS } from './layers';
import { minCostAssignment } from './min_cost_assignment';

export type AlignedPair =
  | { kind: 'match'; student: SequenceEntry; reference: SequenceEntry; differences: FieldDifference[] }
  | { kind: 'extra'; student: SequenceEntry }
  | { kind: 'missing'; reference: SequenceEntry; after?: SequenceEntry };

export interface FieldDifference {
  field: keyof LayerSignature;
  found: unknown;
  expected: unknown;
}

type Merge = Extract<SequenceItem, { kind: 'merge' }>;

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

/**
 * Between equally good alignments, the one whose paired layers differ in fewer settings wins:
 * a power of two (sums stay exact) small enough that all of a model's settings together never
 * outweigh half a step.
 */
const PER_SETTING = 2 ** -20;

/** Same kind of layer with other settings costs less than another kind, so such layers pair up. */
function substitutionCost(a: SequenceEntry, b: SequenceEntry): number {
  if (layerFamily(a.signature.className) !== layerFamily(b.signature.className)) return 1.5;
  const differences = signatureDifferences(a.signature, b.signature).length;
  return differences === 0 ? 0 : 0.5 + differences * PER_SETTING;
}

const sameFamily = (a: SequenceEntry, b: SequenceEntry) => layerFamily(a.signature.className) === layerFamily(b.signature.className);

/** Two layers in the same place: the same kind with its differences, or an extra layer and a missing one. */
function pairEntries(student: SequenceEntry, reference: SequenceEntry): AlignedPair[] {
  if (sameFamily(student, reference)) return [{ kind: 'match', student, reference, differences: signatureDifferences(student.signature, reference.signature) }];
  return [
    { kind: 'extra', student },
    { kind: 'missing', reference, after: student },
  ];
}

/** Items as one sequence of entries (a merge after its branches), with where each merge's span starts and ends. */
interface Flat {
  entries: SequenceEntry[];
  mergesAt: { merge: Merge; end: number }[][];
}

function flatten(items: SequenceItem[]): Flat {
  const entries: SequenceEntry[] = [];
  const mergesAt: Flat['mergesAt'] = [];
  const walk = (list: SequenceItem[]): void => {
    for (const item of list) {
      if (item.kind === 'layer') {
        entries.push(item.entry);
        continue;
      }
      const start = entries.length;
      item.branches.forEach(walk);
      entries.push(item.entry);
      (mergesAt[start] ??= []).push({ merge: item, end: entries.length });
    }
  };
  walk(items);
  return { entries, mergesAt };
}

/** Which student branch each reference branch is paired with (none: missing), the student branches left over, and the merge's whole cost. */
interface BranchPairing {
  cost: number;
  studentFor: (number | undefined)[];
  unpaired: number[];
}

const NO_BRANCH: SequenceItem[] = [];

/** A number per distinct signature, and how many there are. */
function signatureIds(items: SequenceItem[]): { of: Map<SequenceEntry, number>; count: number } {
  const of = new Map<SequenceEntry, number>();
  const byKey = new Map<string, number>();
  for (const entry of flattenItems(items)) {
    const key = JSON.stringify(entry.signature);
    if (!byKey.has(key)) byKey.set(key, byKey.size);
    of.set(entry, byKey.get(key)!);
  }
  return { of, count: byKey.size };
}

/**
 * Whether two merges' spans are close enough in size to be worth pairing: neither more than
 * twice the other, give or take two layers. Beyond that their branches have little in common
 * (the merges dissolve into single layers instead), and pairing a student's deeply nested
 * merges with every reference merge would cost time quadratic in the student's layers.
 */
const comparableSizes = (a: number, b: number) => Math.max(a, b) <= 2 * Math.min(a, b) + 2;

export function alignLayers(student: SequenceItem[], reference: SequenceItem[]): AlignedPair[] {
  // Branches are aligned many times over (each merge against each merge): remember each cost.
  const flats = new Map<SequenceItem[], Flat>();
  const costs = new Map<SequenceItem[], Map<SequenceItem[], number>>();
  const pairings = new Map<Merge, Map<Merge, BranchPairing>>();
  // A model has few distinct signatures: compare each student one with each reference one once.
  const studentIds = signatureIds(student);
  const referenceIds = signatureIds(reference);
  const substitutions = new Float64Array(studentIds.count * referenceIds.count).fill(NaN);
  const substitution = (a: SequenceEntry, b: SequenceEntry): number => {
    const at = studentIds.of.get(a)! * referenceIds.count + referenceIds.of.get(b)!;
    if (Number.isNaN(substitutions[at])) substitutions[at] = substitutionCost(a, b);
    return substitutions[at];
  };

  const flatOf = (items: SequenceItem[]): Flat => {
    let f = flats.get(items);
    if (!f) flats.set(items, (f = flatten(items)));
    return f;
  };

  /** The merges starting at (i, j) worth pairing: a merge pair can cost no less than the difference of their sizes. */
  function* mergePairs(fs: Flat, fr: Flat, cost: Float64Array[], i: number, j: number, bound: number) {
    for (const s of fs.mergesAt[i] ?? []) {
      for (const r of fr.mergesAt[j] ?? []) {
        const sizes = [s.end - i, r.end - j];
        const rest = cost[s.end][r.end];
        if (comparableSizes(sizes[0], sizes[1]) && Math.abs(sizes[0] - sizes[1]) + rest <= bound) yield { s, r, total: pairingOf(s.merge, r.merge).cost + rest };
      }
    }
  }

  /** cost[i][j]: the cheapest alignment of the student's entries from i with the reference's from j. */
  function costTable(s: SequenceItem[], r: SequenceItem[]): Float64Array[] {
    const fs = flatOf(s);
    const fr = flatOf(r);
    const n = fs.entries.length;
    const m = fr.entries.length;
    const cost = Array.from({ length: n + 1 }, () => new Float64Array(m + 1));
    for (let i = n; i >= 0; i--) {
      for (let j = m; j >= 0; j--) {
        if (i === n) cost[i][j] = m - j;
        else if (j === m) cost[i][j] = n - i;
        else {
          let best = Math.min(substitution(fs.entries[i], fr.entries[j]) + cost[i + 1][j + 1], 1 + cost[i + 1][j], 1 + cost[i][j + 1]);
          for (const { total } of mergePairs(fs, fr, cost, i, j, best)) best = Math.min(best, total);
          cost[i][j] = best;
        }
      }
    }
    return cost;
  }

  function alignmentCost(s: SequenceItem[], r: SequenceItem[]): number {
    let byReference = costs.get(s);
    if (!byReference) costs.set(s, (byReference = new Map()));
    let cost = byReference.get(r);
    if (cost === undefined) byReference.set(r, (cost = costTable(s, r)[0][0]));
    return cost;
  }

  /**
   * The best pairing of two merges' branches. Branches one side lacks are paired with nothing
   * (all extra or all missing): with the side of fewer branches as rows, each pair costs its
   * alignment less what the column's branch would cost alone, all of which is added back.
   */
  function pairingOf(s: Merge, r: Merge): BranchPairing {
    let byReference = pairings.get(s);
    if (!byReference) pairings.set(s, (byReference = new Map()));
    const known = byReference.get(r);
    if (known) return known;
    const size = (branch: SequenceItem[]) => flatOf(branch).entries.length;
    const studentRows = s.branches.length <= r.branches.length;
    const [rows, columns] = studentRows ? [s.branches, r.branches] : [r.branches, s.branches];
    const matrix = rows.map((row) => columns.map((column) => (studentRows ? alignmentCost(row, column) : alignmentCost(column, row)) - size(column)));
    const chosen = minCostAssignment(matrix);
    const cost = substitution(s.entry, r.entry) + columns.reduce((sum, column) => sum + size(column), 0) + chosen.reduce((sum, column, row) => sum + matrix[row][column], 0);
    const studentFor = new Array<number | undefined>(r.branches.length).fill(undefined);
    if (studentRows) chosen.forEach((b, a) => (studentFor[b] = a));
    else chosen.forEach((a, b) => (studentFor[b] = a));
    const unpaired = s.branches.map((_, a) => a).filter((a) => !studentFor.includes(a));
    const pairing = { cost, studentFor, unpaired };
    byReference.set(r, pairing);
    return pairing;
  }

  /** Appends the alignment of s with r to `out`; a missing layer is placed after the last student layer before it, `before` at first. */
  function trace(s: SequenceItem[], r: SequenceItem[], before: SequenceEntry | undefined, out: AlignedPair[]): void {
    const fs = flatOf(s);
    const fr = flatOf(r);
    const cost = costTable(s, r);
    const n = fs.entries.length;
    const m = fr.entries.length;
    let last = before;
    let i = 0;
    let j = 0;
    while (i < n || j < m) {
      const here = cost[i][j];
      const merges = i < n && j < m ? [...mergePairs(fs, fr, cost, i, j, here)].find((p) => p.total === here) : undefined;
      const sub = i < n && j < m ? substitution(fs.entries[i], fr.entries[j]) : Infinity;
      if (merges) {
        const pairing = pairingOf(merges.s.merge, merges.r.merge);
        merges.r.merge.branches.forEach((branch, b) => {
          const a = pairing.studentFor[b];
          trace(a === undefined ? NO_BRANCH : merges.s.merge.branches[a], branch, last, out);
        });
        for (const a of pairing.unpaired) trace(merges.s.merge.branches[a], NO_BRANCH, last, out);
        out.push(...pairEntries(merges.s.merge.entry, merges.r.merge.entry));
        last = merges.s.merge.entry;
        i = merges.s.end;
        j = merges.r.end;
      } else if (i < n && j < m && sameFamily(fs.entries[i], fr.entries[j]) && here === sub + cost[i + 1][j + 1]) {
        out.push(...pairEntries(fs.entries[i], fr.entries[j]));
        last = fs.entries[i++];
        j++;
      } else if (i < n && (j === m || here === 1 + cost[i + 1][j])) {
        out.push({ kind: 'extra', student: fs.entries[i] });
        last = fs.entries[i++];
      } else if (j < m && (i === n || here === 1 + cost[i][j + 1])) {
        out.push({ kind: 'missing', reference: fr.entries[j++], after: last });
      } else {
        // A different class in the same place: an extra layer and a missing one.
        out.push(...pairEntries(fs.entries[i], fr.entries[j]));
        last = fs.entries[i++];
        j++;
      }
    }
  }

  const pairs: AlignedPair[] = [];
  trace(student, reference, undefined, pairs);
  return pairs;
}
