/**
 * Index of the largest value, the first one on ties; null when there is none or any value is
 * NaN (a NaN is no smaller or larger than anything, so no index can be said to win; the
 * `indexOf(Math.max(...))` idiom answered −1 there).
 */
export function argmax(values: ArrayLike<number>): number | null {
  let best: number | null = null;
  for (let i = 0; i < values.length; i++) {
    if (Number.isNaN(values[i])) return null;
    if (best === null || values[i] > values[best]) best = i;
  }
  return best;
}
