import { describe, expect, it } from 'vitest';
import { blockRegressor, canonicalHrf, doubleGamma } from '../../src/demo/index.js';

// Hand values of t⁵e⁻ᵗ/5! − t¹⁵e⁻ᵗ/(6·15!) (computed with Python's math module).
const AT_5S = 0.17544116219546388;
const AT_15_75S = -0.015598578499685089;
// spm_hrf(2) as SPM prints it (4 decimals): the canonical HRF sampled every 2 s, sum 1.
const SPM_HRF_TR2 = [0, 0.0866, 0.3749, 0.3849, 0.2161, 0.0769, 0.0016, -0.0306, -0.0373, -0.0308, -0.0205, -0.0116, -0.0058, -0.0026, -0.0011, -0.0004, -0.0001];

describe('canonical double-gamma HRF', () => {
  it('matches hand-computed values of the SPM double gamma', () => {
    expect(doubleGamma(0)).toBe(0);
    expect(doubleGamma(-1)).toBe(0);
    expect(doubleGamma(5)).toBeCloseTo(AT_5S, 12);
    expect(doubleGamma(15.75)).toBeCloseTo(AT_15_75S, 12);
  });

  it('peaks near 5 s and dips below zero near 15.75 s', () => {
    const grid = Array.from({ length: 3201 }, (_, k) => k / 100);
    const values = grid.map(doubleGamma);
    expect(grid[values.indexOf(Math.max(...values))]).toBe(5);
    expect(grid[values.indexOf(Math.min(...values))]).toBeCloseTo(15.75, 1);
    const fine = canonicalHrf(2 / 16);
    expect(fine.indexOf(Math.max(...fine)) * (2 / 16)).toBe(5);
  });

  it('equals spm_hrf(2): samples every 2 s over 32 s, summing to 1', () => {
    const h = canonicalHrf(2);
    expect(h.length).toBe(17);
    h.forEach((v, i) => expect(v).toBeCloseTo(SPM_HRF_TR2[i], 4));
    expect(h.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 12);
  });
});

describe('block regressor (blocks convolved with the HRF, sampled at v·TR)', () => {
  it('gives the hand-summed response to a 20 s block during and after it', () => {
    // Block [0, 20) s; at 10 s the HRF weights of lags 0…10 s count (Σ h[0..80] on the 1/8 s grid), at 30 s lags 10…30 s.
    const r = blockRegressor([{ onset: 0, duration: 20 }], 16, 2);
    expect(r[5]).toBeCloseTo(1.1119764759586268, 10);
    expect(r[15]).toBeCloseTo(-0.1117271967510027, 10);
  });

  it('is zero before the first onset and plateaus at 1 in a long block', () => {
    const r = blockRegressor([{ onset: 20, duration: 200 }], 120, 2);
    for (let v = 0; v <= 10; v++) expect(r[v]).toBe(0);
    expect(r[11]).toBeGreaterThan(0);
    for (let v = 60; v < 110; v++) expect(r[v]).toBeCloseTo(1, 10);
  });

  it('is the HRF itself for a one-step impulse, and additive over blocks', () => {
    const dt = 2 / 16;
    const impulse = blockRegressor([{ onset: 0, duration: dt }], 17, 2);
    const h = canonicalHrf(dt);
    impulse.forEach((v, i) => expect(v).toBeCloseTo(h[16 * i], 14));
    const a = blockRegressor([{ onset: 10, duration: 20 }], 60, 2);
    const b = blockRegressor([{ onset: 60, duration: 20 }], 60, 2);
    const both = blockRegressor([{ onset: 10, duration: 20 }, { onset: 60, duration: 20 }], 60, 2);
    both.forEach((v, i) => expect(v).toBeCloseTo(a[i] + b[i], 12));
  });
});
