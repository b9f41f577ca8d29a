import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadConfoundsStrategy, resolvePreset, type PresetName } from '../../../src/study/confounds/index.js';
import { shared } from '../../helpers/shared-data.js';

interface StrategyCase {
  name: string;
  load_confounds_strategy: { denoise_strategy: PresetName } & Record<string, unknown>;
  resolved_load_confounds_params?: Record<string, unknown>;
  loaded_confounds_columns?: string[];
  loaded_confounds_rows_0_to_2?: number[][];
  loaded_confounds_sum_over_all_volumes?: number[];
  loaded_confounds_sum_of_squares?: number[];
  sample_mask: number[];
  censored_volumes?: number[];
}

const CONFOUNDS = shared('signal', 'sub-01_task-demo_desc-confounds_timeseries.tsv');
const cases = (JSON.parse(readFileSync(shared('signal', 'cases.json'), 'utf8')) as { cases: StrategyCase[] }).cases
  .filter((c) => c.load_confounds_strategy !== undefined);
const RTOL = 1e-8;

async function load(c: StrategyCase) {
  const { denoise_strategy, ...overrides } = c.load_confounds_strategy;
  return loadConfoundsStrategy(CONFOUNDS, denoise_strategy, overrides);
}

/**
 * rtol 1e-8 (README) against each quantity's own magnitude: a row value against the largest
 * |value| of that column in rows 0–2 (a demeaned zero row is rounding noise around the mean);
 * a column sum against sqrt(n·Σx²) ≥ Σ|x| (the sum of a demeaned column is cancellation noise);
 * a sum of squares against itself.
 */
function expectClose(got: number, want: number, scale: number, what: string) {
  expect(Math.abs(got - want), `${what}: got ${got}, expected ${want}`).toBeLessThanOrEqual(RTOL * scale);
}

describe('fMRIPrep strategy cases of ../shared/data/signal (nilearn 0.14.0 load_confounds_strategy)', () => {
  it('covers every strategy case in cases.json', () => {
    expect(cases.map((c) => c.name)).toEqual([
      'strategy_simple', 'strategy_simple_cosine_filter', 'strategy_scrubbing', 'strategy_scrubbing_pre013_thresholds',
      'strategy_scrubbing_band_pass', 'strategy_compcor', 'strategy_simple_gsr',
    ]);
  });

  for (const c of cases) {
    describe(c.name, () => {
      it('keeps exactly the volumes of the expected sample mask', async () => {
        const got = await load(c);
        expect(got.sampleMask).toEqual(c.sample_mask);
        const all = Array.from({ length: 200 }, (_, t) => t);
        expect(got.censored.map((x) => x.volume)).toEqual(all.filter((t) => !c.sample_mask.includes(t)));
        if (c.censored_volumes) expect(got.censored.map((x) => x.volume)).toEqual(c.censored_volumes);
      });

      if (c.resolved_load_confounds_params) {
        it('resolves the preset to the load_confounds parameters nilearn uses', () => {
          const { denoise_strategy, ...overrides } = c.load_confounds_strategy;
          const { strategy, warnings } = resolvePreset(denoise_strategy, overrides);
          expect(strategy).toEqual(c.resolved_load_confounds_params);
          expect(warnings).toEqual([]);
        });
      }

      if (c.loaded_confounds_columns) {
        it('loads the expected columns in nilearn\'s (sorted) order', async () => {
          expect((await load(c)).columns).toEqual(c.loaded_confounds_columns);
        });

        it('matches the fingerprint (rows 0–2, column sums, sums of squares) within rtol 1e-8', async () => {
          const got = await load(c);
          const rows = c.loaded_confounds_rows_0_to_2!;
          got.values.forEach((x, j) => {
            const name = got.columns[j];
            expect(x.length).toBe(200);
            const rowScale = Math.max(...rows.map((r) => Math.abs(r[j])));
            rows.forEach((r, i) => expectClose(x[i], r[j], rowScale, `${name} row ${i}`));
            let sum = 0;
            let sumSq = 0;
            for (const v of x) {
              sum += v;
              sumSq += v * v;
            }
            const wantSumSq = c.loaded_confounds_sum_of_squares![j];
            expectClose(sumSq, wantSumSq, wantSumSq, `${name} sum of squares`);
            const wantSum = c.loaded_confounds_sum_over_all_volumes![j];
            expectClose(sum, wantSum, Math.max(Math.abs(wantSum), Math.sqrt(200 * wantSumSq)), `${name} sum`);
          });
        });
      }
    });
  }

  it('censors 0–4, 30, 50–53, 75, 100, 101, 120, 126, 150, 170, 197–199 with the current thresholds, each for its reason', async () => {
    const got = await loadConfoundsStrategy(CONFOUNDS, 'scrubbing');
    expect(got.censored).toEqual([
      { volume: 0, reason: 'non_steady_state' }, { volume: 1, reason: 'non_steady_state' },
      { volume: 2, reason: 'segment' }, { volume: 3, reason: 'segment' }, { volume: 4, reason: 'fd' },
      { volume: 30, reason: 'dvars' },
      { volume: 50, reason: 'fd' }, { volume: 51, reason: 'segment' }, { volume: 52, reason: 'segment' }, { volume: 53, reason: 'fd' },
      { volume: 75, reason: 'dvars' }, { volume: 100, reason: 'fd' }, { volume: 101, reason: 'fd' },
      { volume: 120, reason: 'fd' }, { volume: 126, reason: 'fd' }, { volume: 150, reason: 'dvars' }, { volume: 170, reason: 'dvars' },
      { volume: 197, reason: 'fd' }, { volume: 198, reason: 'segment' }, { volume: 199, reason: 'segment' },
    ]);
  });

  it('censors 0–4, 40, 50–53, 90, 100, 101, 120, 126, 160, 170, 197–199 with the pre-0.13 thresholds (fd 0.2, std_dvars 3)', async () => {
    const got = await loadConfoundsStrategy(CONFOUNDS, 'scrubbing', { fd_threshold: 0.2, std_dvars_threshold: 3 });
    const range = (a: number, b: number) => Array.from({ length: b - a + 1 }, (_, i) => a + i);
    expect(got.censored.map((x) => x.volume)).toEqual([
      ...range(0, 4), 40, ...range(50, 53), 90, 100, 101, 120, 126, 160, 170, ...range(197, 199),
    ]);
  });

  it('censors only the two non-steady-state volumes in the simple preset and regresses no outlier column', async () => {
    const got = await loadConfoundsStrategy(CONFOUNDS, 'simple');
    expect(got.censored).toEqual([{ volume: 0, reason: 'non_steady_state' }, { volume: 1, reason: 'non_steady_state' }]);
    expect(got.columns.filter((c) => c.includes('outlier'))).toEqual([]);
  });

  it('ignores an override the preset has no key for, with a warning, as nilearn does', async () => {
    const got = await loadConfoundsStrategy(CONFOUNDS, 'simple', { fd_threshold: 0.1 });
    expect(got.warnings).toEqual(['the "simple" preset does not use fd_threshold; ignored']);
    expect(got.sampleMask).toHaveLength(198);
  });
});
