import { describe, expect, it } from 'vitest';
import { createNormalRng } from '../../src/util/rng.js';

describe('seeded normal numbers', () => {
  it('have mean 0, variance 1 and normal tails', () => {
    const rng = createNormalRng(7);
    const n = 200_000;
    let sum = 0;
    let sq = 0;
    let beyond2 = 0;
    for (let i = 0; i < n; i++) {
      const z = rng.normal();
      sum += z;
      sq += z * z;
      if (Math.abs(z) > 2) beyond2++;
    }
    // 6 standard errors: mean ±6/√n, variance ±6·√(2/n), P(|z| > 2) = 0.0455 ± 6·√(p(1-p)/n).
    expect(Math.abs(sum / n)).toBeLessThan(6 / Math.sqrt(n));
    expect(Math.abs(sq / n - 1)).toBeLessThan(6 * Math.sqrt(2 / n));
    expect(Math.abs(beyond2 / n - 0.0455)).toBeLessThan(6 * Math.sqrt((0.0455 * 0.9545) / n));
  });

  it('are the same for the same seed and different for another', () => {
    const draw = (seed: number) => {
      const rng = createNormalRng(seed);
      return Array.from({ length: 5 }, () => rng.normal());
    };
    expect(draw(1)).toEqual(draw(1));
    expect(draw(1)).not.toEqual(draw(2));
  });
});
