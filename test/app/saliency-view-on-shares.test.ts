import { describe, expect, it } from 'vitest';
import { onShares } from '../../src/app/saliency-view.js';
import { topCellShare } from '../../src/saliency/aggregate/index.js';
import { createRng } from '../../src/util/rng.js';

/** Checks onShares against topCellShare (a full sort per sample and q) at each q. */
function expectTopCellShares(data: Float32Array, samples: number, time: number, features: number, steps: Uint8Array, qs: number[]) {
  const maps = { data, samples, time, features };
  const got = onShares(maps, steps, qs);
  qs.forEach((q, j) => {
    const reference = topCellShare(maps, steps, { q });
    expect(got[j].share).toBeCloseTo(reference.mean, 12);
    expect(got[j].chance).toBeCloseTo(reference.chance, 12);
  });
}

describe('onShares cut-offs (radix selection on float32 bits)', () => {
  it('equals topCellShare on values spanning many orders of magnitude, both signs, zeros and -0', () => {
    const rng = createRng(3);
    const [samples, time, features] = [5, 37, 29];
    const data = Float32Array.from({ length: samples * time * features }, () => {
      const u = rng();
      if (u < 0.08) return 0;
      if (u < 0.12) return -0;
      return (rng() < 0.5 ? -1 : 1) * 10 ** (rng() * 60 - 30);
    });
    const steps = Uint8Array.from({ length: samples * time }, () => (rng() < 0.4 ? 1 : 0));
    expectTopCellShares(data, samples, time, features, steps, [0.01, 0.1, 0.2, 0.3, 0.5, 0.95, 1]);
  });

  it('equals topCellShare when the cut-offs fall in one high-bits bucket and when several q share one cut-off', () => {
    const rng = createRng(11);
    const [samples, time, features] = [4, 20, 16];
    // Values 1 + k·2^-20: all in the bucket of 1.0, told apart only by their low bits.
    const close = Float32Array.from({ length: samples * time * features }, () => 1 + Math.floor(rng() * 64) * 2 ** -20);
    const steps = Uint8Array.from({ length: samples * time }, (_, i) => (i % 5 < 2 ? 1 : 0));
    expectTopCellShares(close, samples, time, features, steps, [0.1, 0.2, 0.3, 0.4, 0.5]);
    // Mostly one value: the top 20 %, 30 % and 40 % all cut at 3.
    const plateau = Float32Array.from({ length: samples * time * features }, (_, i) => (i % 10 === 0 ? 9 : i % 10 < 7 ? 3 : 1));
    expectTopCellShares(plateau, samples, time, features, steps, [0.05, 0.2, 0.3, 0.4]);
  });
});
