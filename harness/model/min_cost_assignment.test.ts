import { minCostAssignment } from './min_cost_assignment';

const total = (cost: number[][], columns: number[]) => columns.reduce((sum, c, r) => sum + cost[r][c], 0);

/** Every way to give each of `rows` rows its own one of `columns` columns, for comparison. */
function injections(rows: number, columns: number): number[][] {
  if (rows === 0) return [[]];
  return injections(rows - 1, columns).flatMap((p) => [...Array(columns).keys()].filter((c) => !p.includes(c)).map((c) => [...p, c]));
}

describe('minCostAssignment', () => {
  it('pairs each row with the column it costs least with when that is possible', () => {
    expect(minCostAssignment([[5, 0, 5], [0, 5, 5], [5, 5, 0]])).toEqual([1, 0, 2]);
  });

  it('gives up a row\'s cheapest column when the total is lower', () => {
    // Row 0 taking column 0 (1) leaves row 1 with 10: 11 in all. Crosswise: 2 + 1 = 3.
    expect(minCostAssignment([[1, 2], [1, 10]])).toEqual([1, 0]);
  });

  it('finds the least total of every pairing, square or with more columns than rows, up to 6 columns', () => {
    // A fixed pseudo-random sequence, in halves and below zero as alignment costs less a branch's size can be.
    let seed = 7;
    const next = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) % 13) / 2 - 3;
    for (let columns = 1; columns <= 6; columns++) {
      for (let rows = 1; rows <= columns; rows++) {
        for (let trial = 0; trial < 10; trial++) {
          const cost = Array.from({ length: rows }, () => Array.from({ length: columns }, next));
          const best = Math.min(...injections(rows, columns).map((p) => total(cost, p)));
          const chosen = minCostAssignment(cost);
          expect(new Set(chosen).size).toBe(rows);
          expect(chosen.every((c) => c >= 0 && c < columns)).toBe(true);
          expect(total(cost, chosen)).toBe(best);
        }
      }
    }
  });

  it('refuses more rows than columns', () => {
    expect(() => minCostAssignment([[1], [2]])).toThrow(RangeError);
  });
});
