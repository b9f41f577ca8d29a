import type { SampleBlock } from '../types.js';

type NormalRng = { normal(): number; uniform(): number };

/** Writes sample `n` of `inputs` into `out` with the cells `order[0 … k)` replaced by fresh N(0, 1) draws. */
export function replaceTopCells(inputs: SampleBlock, n: number, order: Int32Array, k: number, rng: NormalRng, out: Float32Array): void {
  copySample(inputs, n, out);
  for (let j = 0; j < k; j++) out[order[j]] = rng.normal();
}

/**
 * Writes sample `n` of `inputs` into `out` with `k` cells chosen uniformly at random
 * (without replacement, a partial Fisher–Yates shuffle) replaced by fresh N(0, 1) draws.
 */
export function replaceRandomCells(inputs: SampleBlock, n: number, k: number, rng: NormalRng, out: Float32Array): void {
  copySample(inputs, n, out);
  const cells = out.length;
  const pool = Int32Array.from({ length: cells }, (_, i) => i);
  for (let j = 0; j < k; j++) {
    const pick = j + Math.floor(rng.uniform() * (cells - j));
    const cell = pool[pick];
    pool[pick] = pool[j];
    pool[j] = cell;
    out[cell] = rng.normal();
  }
}

/** Writes sample `n` of `inputs`, unchanged, into `out`. */
export function copySample(inputs: SampleBlock, n: number, out: Float32Array): void {
  const cells = inputs.time * inputs.features;
  out.set(inputs.data.subarray(n * cells, (n + 1) * cells));
}
