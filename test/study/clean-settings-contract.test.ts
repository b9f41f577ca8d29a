import { describe, expect, it } from 'vitest';
import { buildRequest, previewRequest, qcRequest } from '../../src/api/index.js';
import { cleanSettingsOf } from '../../src/service/handlers/dataset.js';
import { checkCleanSettings } from '../../src/study/clean-run.js';

const SOURCE = 'h_studyHandle000000001';

describe('the contract\'s cleaning (nilearn names) as the core\'s CleanSettings', () => {
  it('maps every field: snake_case cut-offs, standardize false as none, a null preset as none', () => {
    const request = previewRequest.parse({
      source: SOURCE,
      design: {
        clean: {
          preset: 'scrubbing', detrend: false, standardize: false, low_pass: 0.1, high_pass: null,
          confounds: { motion: 'basic', wm_csf: 'full', global_signal: 'power2', demean: true }, scrub: { fd: 0.3, dvars: 2 }, whereAvailable: true,
        },
      },
    });
    const settings = cleanSettingsOf(request.design.clean!);
    expect(settings).toEqual({
      preset: 'scrubbing', detrend: false, standardize: null, lowPass: 0.1, highPass: null,
      confounds: { motion: 'basic', wm_csf: 'full', global_signal: 'power2', demean: true }, scrub: { fd: 0.3, dvars: 2 }, whereAvailable: true,
    });
    expect(() => checkCleanSettings(settings)).not.toThrow();
    expect(cleanSettingsOf({ preset: null, standardize: 'psc', high_pass: 0.01 })).toEqual({ standardize: 'psc', highPass: 0.01 });
  });

  it('drops a preset\'s options when no preset is chosen (the core would refuse them)', () => {
    const settings = cleanSettingsOf({ preset: null, confounds: { motion: 'basic' }, scrub: { fd: 0.3 }, whereAvailable: true, detrend: true });
    expect(settings).toEqual({ detrend: true });
    expect(() => checkCleanSettings(settings)).not.toThrow();
  });

  it('refuses what nilearn would: an unknown preset or model, a cut-off ≤ 0, an unknown key', () => {
    const parse = (clean: unknown) => buildRequest.safeParse({ source: SOURCE, name: 'ds', design: { clean } }).success;
    expect(parse({ preset: 'scrubbing' })).toBe(true);
    expect(parse({ preset: 'ica_aroma' })).toBe(false);
    expect(parse({ preset: 'simple', confounds: { motion: 'quadratic' } })).toBe(false);
    expect(parse({ high_pass: 0 })).toBe(false);
    expect(parse({ standardize: true })).toBe(false);
    expect(parse({ highPass: 0.01 })).toBe(false);
  });

  it('is accepted by study.qc too', () => {
    expect(qcRequest.parse({ source: SOURCE, run: 'sub-01_task-a', regions: ['x'], clean: { preset: 'simple' } }).clean).toEqual({ preset: 'simple' });
  });
});
