import { block } from '../metrics/block.js';

// 2 samples × 3 steps × 2 regions, written step by step:
//   sample 0: t0 [1, -3], t1 [2, 0], t2 [0, 3]
//   sample 1: t0 [2, 2],  t1 [-4, 0], t2 [0, 0]
export const maps = block(2, 3, 2, [1, -3, 2, 0, 0, 3, 2, 2, -4, 0, 0, 0]);

/** Values rounded to 12 decimals, so exact fractions compare without float noise. */
export function rounded(values: ArrayLike<number>): number[] {
  return Array.from(values, (v) => Math.round(v * 1e12) / 1e12);
}
