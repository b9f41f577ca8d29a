/**
 * A 32-bit seed for one stream (and e.g. one epoch) derived from one seed: a hash, so that
 * e.g. training's shuffle of epoch e depends only on (seed, e) and a resumed run needs no
 * saved RNG position, and a saliency draw depends only on (seed, sample), not on batching.
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

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** 32-bit FNV-1a of `units` (each XORed in whole) from `basis`: the core of the two seeds below. */
function fnv1a(basis: number, units: Iterable<number>): number {
  let h = basis;
  for (const unit of units) h = Math.imul(h ^ unit, FNV_PRIME);
  return h >>> 0;
}

/**
 * A 32-bit seed per (seed, name), e.g. one per weight of a model or per dropout call: FNV-1a
 * over the name's UTF-16 code units from a basis mixed with the seed, so adding or reordering
 * names never changes the others' streams. Stored weights depend on these exact values.
 */
export function namedSeed(seed: number, name: string): number {
  const codes = Array.from({ length: name.length }, (_, i) => name.charCodeAt(i));
  return fnv1a((FNV_OFFSET ^ Math.imul(seed >>> 0, 0x9e3779b1)) >>> 0, codes);
}

/**
 * A 32-bit seed for the numbered stream `parts` (e.g. seed, subject, task): FNV-1a over each
 * part's four bytes, least significant first. The demo study is drawn with it; its files and
 * the numbers reported on it depend on these exact values, so this is not merged with subSeed.
 */
export function bytesSeed(...parts: number[]): number {
  const bytes = parts.flatMap((p) => [0, 8, 16, 24].map((shift) => (p >>> shift) & 0xff));
  return fnv1a(FNV_OFFSET, bytes);
}
