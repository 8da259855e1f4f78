// The cheapest way to give each row of a cost matrix its own column (Kuhn and Munkres'
// Hungarian method, O(rows² · columns)): exact for any number of branches a merge joins.

/** For each row of `cost` (no more rows than columns), its column in a pairing of least total cost. */
export function minCostAssignment(cost: number[][]): number[] {
  const rows = cost.length;
  const columns = rows === 0 ? 0 : cost[0].length;
  if (rows > columns) throw new RangeError(`minCostAssignment needs no more rows than columns, got ${rows} by ${columns}`);
  // 1-based, with row and column 0 as the method's sentinels: u and v are the potentials,
  // rowOf[j] the row given column j, via[j] the column before j on the augmenting path.
  const u = new Array<number>(rows + 1).fill(0);
  const v = new Array<number>(columns + 1).fill(0);
  const rowOf = new Array<number>(columns + 1).fill(0);
  const via = new Array<number>(columns + 1).fill(0);
  for (let row = 1; row <= rows; row++) {
    rowOf[0] = row;
    let col = 0;
    const slack = new Array<number>(columns + 1).fill(Infinity);
    const used = new Array<boolean>(columns + 1).fill(false);
    do {
      used[col] = true;
      const r = rowOf[col];
      let delta = Infinity;
      let next = 0;
      for (let j = 1; j <= columns; j++) {
        if (used[j]) continue;
        const reduced = cost[r - 1][j - 1] - u[r] - v[j];
        if (reduced < slack[j]) {
          slack[j] = reduced;
          via[j] = col;
        }
        if (slack[j] < delta) {
          delta = slack[j];
          next = j;
        }
      }
      for (let j = 0; j <= columns; j++) {
        if (used[j]) {
          u[rowOf[j]] += delta;
          v[j] -= delta;
        } else {
          slack[j] -= delta;
        }
      }
      col = next;
    } while (rowOf[col] !== 0);
    do {
      const previous = via[col];
      rowOf[col] = rowOf[previous];
      col = previous;
    } while (col !== 0);
  }
  const columnOf = new Array<number>(rows);
  for (let j = 1; j <= columns; j++) if (rowOf[j] !== 0) columnOf[rowOf[j] - 1] = j - 1;
  return columnOf;
}
