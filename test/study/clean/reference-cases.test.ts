import { describe, expect, it } from 'vitest';
import { clean, type CleanOptions } from '../../../src/study/clean/index.js';
import { loadConfoundsStrategy, type PresetName } from '../../../src/study/confounds/index.js';
import { shared } from '../../helpers/shared-data.js';
import { CASES, column, readTsv, type SignalCase } from './signal-reference.js';

// Reference values from ../shared/data/signal (nilearn 0.14.0's algorithm; README there).
const RTOL = 1e-6;
const signals = readTsv('sub-01_task-demo_atlas-AAL_timeseries.tsv');
const confoundsTable = readTsv('sub-01_task-demo_desc-confounds_timeseries.tsv');

function options(c: SignalCase, confounds: Float64Array[] | null): CleanOptions {
  const p = c.params as Record<string, never>;
  return {
    detrend: p.detrend,
    standardize: p.standardize,
    standardizeConfounds: p.standardize_confounds,
    filter: p.filter,
    lowPass: p.low_pass,
    highPass: p.high_pass,
    // nilearn's default t_r (2.5) only matters when filtering; the `defaults` case does not filter.
    tR: p.t_r ?? 2.5,
    extrapolate: p.extrapolate,
    confounds,
    sampleMask: c.sample_mask ?? null,
  };
}

function expectMatchesReference(c: SignalCase, confounds: Float64Array[] | null): void {
  const got = clean(signals.data, options(c, confounds));
  const expected = readTsv(c.output);
  expect(got.volumes).toEqual([...expected.data[0]]);
  expect(got.volumes).toHaveLength(c.output_rows);
  expect(got.series).toHaveLength(signals.columns.length);
  got.series.forEach((series, j) => {
    const want = expected.data[j + 1];
    const scale = Math.max(1, ...Array.from(want, Math.abs));
    let worst = 0;
    for (let i = 0; i < want.length; i++) worst = Math.max(worst, Math.abs(series[i] - want[i]));
    expect(worst, `${signals.columns[j]} max |error|`).toBeLessThanOrEqual(RTOL * scale);
  });
}

/**
 * What nilearn's fMRIPrep loader returns for the columns cases.json lists: `n/a` in row 0
 * replaced by row 1, each column demeaned over the kept volumes. Checked below against the
 * fingerprint cases.json gives, so a wrong reconstruction fails loudly.
 */
function loadedConfounds(columns: string[], mask: number[]): Float64Array[] {
  return columns.map((name) => {
    const x = Float64Array.from(column(confoundsTable, name));
    if (Number.isNaN(x[0])) x[0] = x[1];
    const mean = mask.reduce((s, v) => s + x[v], 0) / mask.length;
    return x.map((v) => v - mean);
  });
}

function expectClose(got: number, want: number, what: string): void {
  // rtol 1e-8 on 9-significant-digit values; an absolute floor for sums that cancel to ~0.
  expect(Math.abs(got - want), what).toBeLessThanOrEqual(1e-8 * Math.abs(want) + 1e-12);
}

describe('clean() matches the nilearn 0.14 reference cases', () => {
  for (const c of CASES.filter((k) => !k.load_confounds_strategy)) {
    it(`${c.name}: kept volumes exactly, values within 1e-6 × max(1, max |column|)`, () => {
      const confounds = c.confounds ? c.confounds.columns.map((name) => column(confoundsTable, name)) : null;
      expectMatchesReference(c, confounds);
    });
  }
});

describe('clean() on fMRIPrep strategy confounds rebuilt from cases.json (loader itself not tested here)', () => {
  const simple = CASES.find((k) => k.name === 'strategy_simple')!;
  for (const c of CASES.filter((k) => k.load_confounds_strategy && k.output)) {
    // strategy_simple_cosine_filter lists no columns: it loads the same "simple" preset.
    const source = c.loaded_confounds_columns ? c : simple;
    it(`${c.name}: rebuilt confounds match the fingerprint, and clean() the expected output`, () => {
      const mask = c.sample_mask!;
      expect(c.censored_volumes ?? source.censored_volumes).toEqual(
        Array.from({ length: 200 }, (_, i) => i).filter((i) => !mask.includes(i)),
      );
      const confounds = loadedConfounds(source.loaded_confounds_columns!, mask);
      confounds.forEach((x, j) => {
        const name = source.loaded_confounds_columns![j];
        source.loaded_confounds_rows_0_to_2!.forEach((row, r) => expectClose(x[r], row[j], `${name} row ${r}`));
        expectClose(x.reduce((s, v) => s + v, 0), source.loaded_confounds_sum_over_all_volumes![j], `${name} sum`);
        expectClose(x.reduce((s, v) => s + v * v, 0), source.loaded_confounds_sum_of_squares![j], `${name} sum of squares`);
      });
      expectMatchesReference(c, confounds);
    });
  }
});

describe('the fMRIPrep loader feeding clean(), as a study will use them', () => {
  for (const c of CASES.filter((k) => k.load_confounds_strategy && k.output)) {
    it(`${c.name}: the loaded sample mask is the reference one, and the cleaned signal the expected output`, async () => {
      const { denoise_strategy, ...overrides } = c.load_confounds_strategy as { denoise_strategy: PresetName };
      const loaded = await loadConfoundsStrategy(shared('signal', 'sub-01_task-demo_desc-confounds_timeseries.tsv'), denoise_strategy, overrides);
      expect(loaded.sampleMask).toEqual(c.sample_mask);
      expectMatchesReference(c, loaded.values);
    });
  }
});
