/** Independent random streams derived from the run's one seed. */
export const STREAM = { validation: 1, shuffle: 2, dropout: 3 } as const;

/**
 * A 32-bit seed for one stream (and e.g. one epoch) of the run: a hash, so that the shuffle
 * of epoch e depends only on (seed, e). A resumed run therefore needs no saved RNG position.
 */
export function subSeed(seed: number, ...parts: number[]): number {
  let h = (seed >>> 0) ^ 0x9e3779b9;
  for (const part of [...parts, Math.floor(seed / 2 ** 32)]) {
    h = Math.imul(h ^ (part >>> 0), 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
  }
  return h >>> 0;
}

/** Largest seed: streams start from 32 bits (mulberry32, weight init), so a larger seed would repeat a smaller one's draws. */
export const SEED_MAX = 2 ** 32 - 1;
