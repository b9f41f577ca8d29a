/**
 * How "the top p % salient cells" is counted. `mass`, as in Ismail et al. (2020): the fewest
 * top cells whose saliency adds up to at least p of the sample's total. `cells`: the top
 * round(p · cells) cells (at least one).
 */
export type KeepBy = 'mass' | 'cells';
export const KEEP_BY: readonly KeepBy[] = ['mass', 'cells'];

/** Cell indices by descending value; equal values keep index order, so the choice is reproducible. */
export function descendingOrder(values: Float64Array): Int32Array {
  const order = Int32Array.from({ length: values.length }, (_, i) => i);
  return order.sort((a, b) => values[b] - values[a] || a - b);
}

/**
 * For each fraction in `ps` (increasing), how many cells from the front of `order` are kept.
 * By mass, a map with no saliency at all keeps nothing.
 */
export function keptCounts(values: Float64Array, order: Int32Array, ps: readonly number[], keepBy: KeepBy): number[] {
  const n = values.length;
  if (keepBy === 'cells') return ps.map((p) => Math.min(n, Math.max(1, Math.round(p * n))));
  let total = 0;
  for (let i = 0; i < n; i++) total += values[i];
  if (total === 0) return ps.map(() => 0);
  const counts: number[] = [];
  let k = 0;
  let sum = 0;
  for (const p of ps) {
    // Relative slack so that p = 1 (or a sum that hits p exactly) is not missed by rounding.
    const target = p * total * (1 - 1e-12);
    while (k < n && sum < target) sum += values[order[k++]];
    counts.push(k);
  }
  return counts;
}
