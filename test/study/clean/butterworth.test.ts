import { describe, expect, it } from 'vitest';
import { butterSos, butterworthSections, defaultPadLength, sosfiltfilt, sosfiltZi, type Section } from '../../../src/study/clean/index.js';

const FS = 0.5; // TR 2 s
const N = 5;

/** |H(e^{iω})| of the cascade at frequency f (Hz), evaluated directly from the coefficients. */
function magnitude(sos: Section[], f: number): number {
  const w = (2 * Math.PI * f) / FS;
  let mag = 1;
  for (const [b0, b1, b2, a0, a1, a2] of sos) {
    const num = Math.hypot(b0 + b1 * Math.cos(w) + b2 * Math.cos(2 * w), b1 * Math.sin(w) + b2 * Math.sin(2 * w));
    const den = Math.hypot(a0 + a1 * Math.cos(w) + a2 * Math.cos(2 * w), a1 * Math.sin(w) + a2 * Math.sin(2 * w));
    mag *= num / den;
  }
  return mag;
}

/** Bilinear-transform frequency axis: analog Ω = tan(π f / fs) (any constant factor cancels). */
const omega = (f: number) => Math.tan((Math.PI * f) / FS);
const butterworthGain = (ratio: number) => 1 / Math.sqrt(1 + ratio ** (2 * N));
const FREQS = [0.002, 0.01, 0.03, 0.05, 0.08, 0.1, 0.15, 0.2, 0.24];

describe('Butterworth design (scipy butter(5, …, output="sos"))', () => {
  it('low-pass 0.1 Hz: |H| = 1/sqrt(1 + (Ω/Ωc)^10) on the prewarped axis', () => {
    const sos = butterSos(N, 0.1, 'low', FS);
    expect(sos).toHaveLength(3);
    for (const f of FREQS) expect(magnitude(sos, f)).toBeCloseTo(butterworthGain(omega(f) / omega(0.1)), 12);
  });

  it('high-pass 0.01 Hz: |H| = 1/sqrt(1 + (Ωc/Ω)^10)', () => {
    const sos = butterSos(N, 0.01, 'high', FS);
    expect(sos).toHaveLength(3);
    for (const f of FREQS) expect(magnitude(sos, f)).toBeCloseTo(butterworthGain(omega(0.01) / omega(f)), 12);
  });

  it('band-pass 0.01–0.08 Hz: |H| = 1/sqrt(1 + (|Ω² − Ω1·Ω2| / (Ω·(Ω2 − Ω1)))^10)', () => {
    const sos = butterSos(N, [0.01, 0.08], 'band', FS);
    expect(sos).toHaveLength(5);
    const [w1, w2] = [omega(0.01), omega(0.08)];
    for (const f of FREQS) {
      const w = omega(f);
      expect(magnitude(sos, f)).toBeCloseTo(butterworthGain(Math.abs(w * w - w1 * w2) / (w * (w2 - w1))), 12);
    }
  });

  it('gives scipy 1.17 sos coefficients for the low-pass (printed by scipy.signal.butter)', () => {
    const want = [
      [0.02193962068846417, 0.04387924137692834, 0.02193962068846417, 1, -0.15838444032453627, 0],
      [1, 2, 1, 1, -0.3492860258606905, 0.13031332327594414],
      [1, 1, 0, 1, -0.4776547730940111, 0.5457233155094577],
    ];
    butterSos(N, 0.1, 'low', FS).forEach((s, i) => s.forEach((v, k) => expect(v).toBeCloseTo(want[i][k], 14)));
  });

  it('uses scipy default pad lengths: 18 for low/high-pass, 33 for band-pass', () => {
    expect(defaultPadLength(butterworthSections(0.1, null, 2)!)).toBe(18);
    expect(defaultPadLength(butterworthSections(null, 0.01, 2)!)).toBe(18);
    expect(defaultPadLength(butterworthSections(0.08, 0.01, 2)!)).toBe(33);
    expect(butterworthSections(null, null, 2)).toBeNull();
  });

  it('pulls a low-pass at Nyquist just below it instead of failing', () => {
    const sos = butterworthSections(0.25, null, 2)!;
    expect(magnitude(sos, 0.1)).toBeCloseTo(1, 6);
    sos.forEach((s) => s.forEach((v) => expect(Number.isFinite(v)).toBe(true)));
  });
});

describe('sosfiltfilt (padtype odd, default padlen, sosfilt_zi start)', () => {
  it('starts each section in the steady state of a unit step', () => {
    const sos = butterSos(N, 0.1, 'low', FS);
    const zi = sosfiltZi(sos);
    // Feeding 1 from state zi must leave the state unchanged and output the DC gain.
    let v = 1;
    sos.forEach(([b0, b1, b2, , a1, a2], s) => {
      const y = b0 * v + zi[2 * s];
      expect(b1 * v - a1 * y + zi[2 * s + 1]).toBeCloseTo(zi[2 * s], 14);
      expect(b2 * v - a2 * y).toBeCloseTo(zi[2 * s + 1], 14);
      v = y;
    });
    expect(v).toBeCloseTo(1, 12);
  });

  it('has zero phase: a passband sinusoid comes back scaled by |H|², not shifted', () => {
    const sos = butterSos(N, 0.1, 'low', FS);
    const f = 0.05;
    const n = 1000;
    const x = Float64Array.from({ length: n }, (_, t) => Math.sin((2 * Math.PI * f * t) / FS + 0.3));
    const y = sosfiltfilt(sos, x);
    const g2 = magnitude(sos, f) ** 2;
    for (let t = 200; t < 800; t++) expect(y[t]).toBeCloseTo(g2 * x[t], 9);
  });

  it('passes a constant through a low-pass unchanged and removes it with a high-pass', () => {
    const c = new Float64Array(100).fill(7.25);
    sosfiltfilt(butterSos(N, 0.1, 'low', FS), c).forEach((v) => expect(v).toBeCloseTo(7.25, 10));
    sosfiltfilt(butterSos(N, 0.01, 'high', FS), c).forEach((v) => expect(Math.abs(v)).toBeLessThan(1e-10));
  });

  it('refuses a series not longer than the pad length', () => {
    expect(() => sosfiltfilt(butterSos(N, 0.1, 'low', FS), new Float64Array(18))).toThrow(/pad length 18/);
  });
});
