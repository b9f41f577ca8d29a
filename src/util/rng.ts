/**
 * Seeded pseudo-random numbers (mulberry32): the same seed gives the same sequence on every
 * platform, which splits and simulations rely on.
 */
export function createRng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fisher–Yates shuffle of a copy of `items`, driven by `rng`. */
export function shuffled<T>(items: readonly T[], rng: () => number): T[] {
  const out = items.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/**
 * Seeded standard normal numbers (Box–Muller over mulberry32, both values of each pair used),
 * plus the underlying uniform stream so a caller draws everything from one seed.
 */
export function createNormalRng(seed: number): { normal(): number; uniform(): number } {
  const uniform = createRng(seed);
  let spare: number | null = null;
  return {
    uniform,
    normal() {
      if (spare !== null) {
        const z = spare;
        spare = null;
        return z;
      }
      // 1 - u lies in (0, 1], so the logarithm is finite.
      const radius = Math.sqrt(-2 * Math.log(1 - uniform()));
      const angle = 2 * Math.PI * uniform();
      spare = radius * Math.sin(angle);
      return radius * Math.cos(angle);
    },
  };
}
