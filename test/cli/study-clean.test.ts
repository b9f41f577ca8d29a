import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { captureIO } from '../helpers/capture-io.js';
import { writeCleanStudy } from '../helpers/clean-study.js';
import { tempDir } from '../helpers/temp-tree.js';

describe('saliency-studio study --clean', () => {
  it('prints the confound columns removed and the censored volumes and windows, and exits 0', async () => {
    const dir = await writeCleanStudy();
    const out = path.join(await tempDir(), 'ds');
    const io = captureIO();
    const code = await main(['study', dir, '--clean', 'scrubbing', '--high-pass', '0.01', '--split', '0.5,0,0.5', '--out', out], io);
    expect(io.stderr()).not.toMatch(/error/i);
    expect(code).toBe(0);
    // README: per run, volumes 0–1 non-steady-state; FD 4, 50, 53, 100, 101, 120, 126, 197; DVARS-only
    // 30, 75, 150, 170; short segments 2–3, 51–52, 198–199. 17 of the 39 windows overlap one.
    expect(io.stdout()).toMatch(/Cleaning: preset scrubbing, 37 confound columns regressed out per run/);
    expect(io.stdout()).toMatch(/Censored: 40 volumes in 2 of 2 runs; 34 windows not built/);
    expect(io.stdout()).toMatch(/sub-01_task-demo: 20 censored \(non_steady_state 2, fd 8, dvars 4, segment 6\), 17 windows lost/);
    expect(io.stdout()).toMatch(/Windows by task: 44 /);
    const json = JSON.parse(await readFile(path.join(out, 'dataset.json'), 'utf8'));
    expect(json.cleaning.settings).toEqual({ preset: 'scrubbing', standardize: 'zscore_sample', highPass: 0.01 });
  });

  it('refuses an unknown preset with exit 2, naming the valid ones', async () => {
    const dir = await writeCleanStudy();
    const io = captureIO();
    const code = await main(['study', dir, '--clean', 'aroma', '--out', path.join(await tempDir(), 'ds')], io);
    expect(code).toBe(2);
    expect(io.stderr()).toMatch(/--clean.*aroma/);
    expect(io.stderr()).toMatch(/simple.*scrubbing.*compcor/);
  });

  it('explains every cleaning option in --help', async () => {
    const io = captureIO();
    expect(await main(['study', '--help'], io)).toBe(0);
    for (const flag of ['--clean PRESET', '--confounds', '--scrub', '--detrend', '--no-detrend', '--high-pass HZ', '--low-pass HZ', '--standardize HOW']) {
      expect(io.stdout()).toContain(flag);
    }
  });
});
