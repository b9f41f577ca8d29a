/** The strongest regions at one step, found without sorting every region (a slider moves it often). */

export interface RankedRegion {
  region: number;
  value: number;
}

/**
 * The `k` regions with the largest value (or |value| with `byMagnitude`, for a signed
 * difference), largest first, ties by region index. One pass with a small sorted buffer: O(n·k).
 */
export function topRegions(values: ArrayLike<number>, k: number, byMagnitude = false): RankedRegion[] {
  const top: RankedRegion[] = [];
  const key = (v: number) => (byMagnitude ? Math.abs(v) : v);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) continue;
    const s = key(v);
    if (top.length === k && s <= key(top[k - 1].value)) continue;
    // Insert after every entry at least as strong, so earlier regions win ties.
    let at = top.length;
    while (at > 0 && key(top[at - 1].value) < s) at--;
    top.splice(at, 0, { region: i, value: v });
    if (top.length > k) top.pop();
  }
  return top;
}

/** The largest |value| (0 for none): the half-width of a symmetric, diverging colour range. */
export function maxAbs(values: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < values.length; i++) {
    const a = Math.abs(values[i]);
    if (a > m) m = a;
  }
  return m;
}

/** Per row, the mean of its cells (a step's mean over regions): the temporal profile of a single map. */
export function rowMeans(data: Float32Array, rows: number, cols: number): number[] {
  const out: number[] = [];
  for (let r = 0; r < rows; r++) {
    let s = 0;
    for (let c = 0; c < cols; c++) s += data[r * cols + c];
    out.push(cols ? s / cols : 0);
  }
  return out;
}
