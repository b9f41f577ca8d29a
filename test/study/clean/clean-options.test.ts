import { describe, expect, it } from 'vitest';
import { StudyError } from '../../../src/errors.js';
import { clean, type CleanOptions } from '../../../src/study/clean/index.js';

const n = 60;
const ramp = (a: number, b: number) => Float64Array.from({ length: n }, (_, t) => a + b * t + Math.sin(t));
const signals = [ramp(100, 0.5), ramp(-20, 0.1)];

function rejects(options: CleanOptions, field: string, message: RegExp, input: Float64Array[] = signals): void {
  let thrown: unknown;
  try {
    clean(input, { source: 'run-1.tsv', ...options });
  } catch (err) {
    thrown = err;
  }
  expect(thrown).toBeInstanceOf(StudyError);
  const e = thrown as StudyError;
  expect(e.file).toBe('run-1.tsv');
  expect(e.field).toBe(field);
  expect(e.message).toMatch(message);
}

describe('clean() rejects bad options, naming the option, value and expectation', () => {
  it('high_pass at or above low_pass', () => rejects({ lowPass: 0.05, highPass: 0.08, tR: 2 }, 'high_pass', /0\.08; expected below low_pass \(0\.05 Hz\)/));
  it('Butterworth cut-off without t_r', () => rejects({ lowPass: 0.1 }, 't_r', /t_r = null; expected the repetition time/));
  it('cosine filter without high_pass, or with a low_pass', () => {
    rejects({ filter: 'cosine', tR: 2 }, 'high_pass', /cut-off in Hz for filter "cosine"/);
    rejects({ filter: 'cosine', tR: 2, highPass: 0.01, lowPass: 0.1 }, 'low_pass', /high-pass only/);
  });
  it('non-positive or non-finite cut-offs and TR', () => {
    rejects({ highPass: -0.01, tR: 2 }, 'high_pass', /-0\.01; expected a positive number/);
    rejects({ lowPass: 0.1, tR: NaN }, 't_r', /NaN; expected a positive number/);
  });
  it('unknown standardize and filter names', () => {
    rejects({ standardize: 'zscore' as never }, 'standardize', /"zscore"; expected "zscore_sample", "psc" or null/);
    rejects({ filter: 'fir' as never, lowPass: 0.1, tR: 2 }, 'filter', /"fir"/);
  });
  it('confounds of the wrong length and non-finite values', () => {
    rejects({ confounds: [new Float64Array(n - 1)] }, 'confounds[0] length', /59; expected 60/);
    const withNaN = ramp(0, 1);
    withNaN[7] = NaN;
    rejects({ confounds: [withNaN] }, 'confounds[0] volume 7', /NaN; expected a finite number/);
    rejects({}, 'signals[1] length', /expected 60/, [signals[0], new Float64Array(3)]);
  });
  it('sample masks that are empty, out of range or not increasing', () => {
    rejects({ sampleMask: [] }, 'sample_mask', /at least one kept volume/);
    rejects({ sampleMask: [0, 60] }, 'sample_mask[1]', /60; expected a volume index in 0\.\.59/);
    rejects({ sampleMask: [3, 2] }, 'sample_mask[1]', /strictly increasing/);
  });
  it('too few volumes for the Butterworth pad length', () => {
    rejects({ lowPass: 0.08, highPass: 0.01, tR: 2, sampleMask: [10, 11, 12, 40] }, 'volumes', /31; expected at least 34 volumes/);
  });
});

describe('clean() semantics on small inputs', () => {
  it('does not modify its inputs', () => {
    const copy = signals.map((s) => Float64Array.from(s));
    clean(signals, { confounds: [ramp(1, 2)], lowPass: 0.1, tR: 2 });
    signals.forEach((s, j) => expect([...s]).toEqual([...copy[j]]));
  });

  it('keeps the mean when detrend is off, since z-scored confounds carry no constant', () => {
    const confound = Float64Array.from({ length: n }, (_, t) => Math.cos(t / 3));
    const out = clean(signals, { detrend: false, standardize: null, confounds: [confound] });
    const mean = (x: Float64Array) => x.reduce((s, v) => s + v, 0) / x.length;
    signals.forEach((s, j) => expect(mean(out.series[j])).toBeCloseTo(mean(s), 10));
  });

  it('removes a signal that equals a confound (up to its mean and trend)', () => {
    const out = clean([signals[0]], { standardize: null, confounds: [signals[0]] });
    out.series[0].forEach((v) => expect(Math.abs(v)).toBeLessThan(1e-10));
  });

  it('censors without filtering: returns the kept rows of the detrended-after-censoring series', () => {
    const mask = [2, 3, 5, 8, 13, 21, 34, 55];
    const out = clean(signals, { standardize: null, sampleMask: mask });
    expect(out.volumes).toEqual(mask);
    const kept = Float64Array.from(mask, (v) => signals[0][v]);
    // Naive least-squares line through (index in kept, value).
    const m = kept.length;
    const xs = kept.map((_, i) => i);
    const mx = xs.reduce((s, v) => s + v, 0) / m;
    const my = kept.reduce((s, v) => s + v, 0) / m;
    const b = xs.reduce((s, x, i) => s + (x - mx) * (kept[i] - my), 0) / xs.reduce((s, x) => s + (x - mx) ** 2, 0);
    kept.forEach((v, i) => expect(out.series[0][i]).toBeCloseTo(v - my - b * (i - mx), 10));
  });

  it('psc is 100·(x − mean)/|mean|', () => {
    const x = Float64Array.from([90, 100, 110, 100]);
    const out = clean([x], { detrend: false, standardize: 'psc' });
    expect([...out.series[0]]).toEqual([-10, 0, 10, 0]);
  });
});
