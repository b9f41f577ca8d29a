import { createRng } from '../util/rng.js';

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
