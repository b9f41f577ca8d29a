import { describe, expect, it } from 'vitest';
import { loadConfoundsStrategy, resolvePreset } from '../../src/study/confounds/index.js';
import { shared } from '../helpers/shared-data.js';

const TSV = shared('signal', 'sub-01_task-demo_desc-confounds_timeseries.tsv');

describe('leaving fMRIPrep\'s cosines out of a preset (confounds high_pass: false)', () => {
  it('regresses the preset\'s columns without the cosine ones, and nothing else changes', async () => {
    const all = await loadConfoundsStrategy(TSV, 'scrubbing');
    const without = await loadConfoundsStrategy(TSV, 'scrubbing', { high_pass: false });
    expect(all.columns.some((c) => c.startsWith('cosine'))).toBe(true);
    expect(without.columns).toEqual(all.columns.filter((c) => !c.startsWith('cosine')));
    expect(without.sampleMask).toEqual(all.sampleMask);
    expect(without.warnings).toEqual([]);
  });

  it('keeps them for high_pass: true, and compcor refuses to go without them', async () => {
    expect(resolvePreset('simple', { high_pass: true }).strategy.strategy).toEqual(['high_pass', 'motion', 'wm_csf']);
    await expect(loadConfoundsStrategy(TSV, 'compcor', { high_pass: false })).rejects.toMatchObject({ code: 'CONFOUNDS_OPTION', field: 'strategy' });
  });
});
