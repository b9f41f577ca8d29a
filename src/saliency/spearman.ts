/**
 * Ranks 1…n of `values`, ties sharing the mean of the ranks they span (so [5, 1, 5] ranks
 * [2.5, 1, 2.5]): the convention that keeps Spearman's ρ a Pearson correlation of ranks.
 */
export function averageRanks(values: ArrayLike<number>): Float64Array {
  const n = values.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => values[a] - values[b]);
  const ranks = new Float64Array(n);
  for (let start = 0; start < n;) {
    let end = start + 1;
    while (end < n && values[order[end]] === values[order[start]]) end++;
    const rank = (start + 1 + end) / 2;
    for (let k = start; k < end; k++) ranks[order[k]] = rank;
    start = end;
  }
  return ranks;
}

/**
 * Spearman's rank correlation of two equally long series: the Pearson correlation of their
 * average ranks. NaN where either series is constant (no ranking to compare) or the lengths
 * differ from one another or are below 2.
 */
export function spearman(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length || a.length < 2) return NaN;
  const ra = averageRanks(a);
  const rb = averageRanks(b);
  // Both rank vectors have mean (n + 1) / 2 whatever the ties.
  const mean = (a.length + 1) / 2;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < a.length; i++) {
    const x = ra[i] - mean;
    const y = rb[i] - mean;
    sab += x * y;
    saa += x * x;
    sbb += y * y;
  }
  return saa === 0 || sbb === 0 ? NaN : sab / Math.sqrt(saa * sbb);
}
