import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { clean } from '../../src/study/clean/index.js';
import { assembleStudy } from '../../src/study/index.js';
import { captureIO } from '../helpers/capture-io.js';
import { writeCleanStudy } from '../helpers/clean-study.js';
import { shared } from '../helpers/shared-data.js';
import { tempDir } from '../helpers/temp-tree.js';

const SIGNAL = shared('signal', 'sub-01_task-demo_atlas-AAL_timeseries.tsv');
const WINDOW = 10;
const options = { window: WINDOW, stride: 5, labelBy: 'task' as const, split: { train: 0.5, validation: 0, test: 0.5 } };

/** The shared signal table as columns, rows reversed (the flip run of writeCleanStudy). */
async function flippedSignal(): Promise<{ names: string[]; columns: Float64Array[] }> {
  const lines = (await readFile(SIGNAL, 'utf8')).trim().split('\n');
  const rows = lines.slice(1).reverse().map((l) => l.split('\t').map(Number));
  return { names: lines[0].split('\t'), columns: rows[0].map((_, c) => Float64Array.from(rows, (r) => r[c])) };
}

describe('cleaning by confounds where available', () => {
  it('cleans a run without a confounds table by the filters alone and warns, naming the run', async () => {
    const dir = await writeCleanStudy('flip');
    const { dataset, summary } = await assembleStudy({ dir }, { ...options, clean: { preset: 'scrubbing', highPass: 0.01, whereAvailable: true } });
    const flip = summary.cleaning!.runs.find((r) => r.run.includes('task-flip'))!;
    const demo = summary.cleaning!.runs.find((r) => r.run.includes('task-demo'))!;
    expect([flip.confoundsFile, flip.confounds, flip.censored, flip.windowsLost]).toEqual([null, 0, [], 0]);
    expect([demo.confounds, demo.censored.length]).toEqual([37, 20]);
    expect(summary.warnings.filter((w) => w.includes('not cleaned by the scrubbing confounds'))).toEqual([
      expect.stringMatching(/^sub-02_task-flip: not cleaned by the scrubbing confounds \(no fMRIPrep confounds table beside the run\)/),
    ]);
    // The flip run's windows hold clean() with the high-pass only, then the per-run z-score.
    const { names, columns } = await flippedSignal();
    const ref = clean(columns, { tR: 2, highPass: 0.01 });
    const r = dataset.regions.findIndex((g) => g.name === names[0]);
    const x = ref.series[0];
    const mean = x.reduce((a, b) => a + b, 0) / x.length;
    const sd = Math.sqrt(x.reduce((a, b) => a + (b - mean) ** 2, 0) / x.length);
    const first = dataset.samples.findIndex((s) => s.task === 'flip' && s.onsetSeconds === 10);
    for (let t = 0; t < WINDOW; t++) {
      expect(dataset.data[(first * WINDOW + t) * dataset.regions.length + r]).toBeCloseTo((x[5 + t] - mean) / sd, 5);
    }
    expect(dataset.samples.filter((s) => s.task === 'flip')).toHaveLength(39);
    expect(dataset.cleaning!.confounds.map((c) => c.run)).toEqual([demo.run]);
  });

  it('still refuses the run without the option', async () => {
    const dir = await writeCleanStudy('flip');
    await expect(assembleStudy({ dir }, { ...options, clean: { preset: 'scrubbing', whereAvailable: false } }))
      .rejects.toMatchObject({ code: 'CONFOUNDS_NOT_FOUND', field: expect.stringContaining('task-flip') });
  });

  it('is the study command\'s --clean-where-available, which needs --clean', async () => {
    const dir = await writeCleanStudy('flip');
    const out = path.join(await tempDir(), 'ds');
    const io = captureIO();
    const code = await main(['study', dir, '--clean', 'simple', '--clean-where-available', '--split', '0.5,0,0.5', '--out', out], io);
    expect(code).toBe(0);
    expect(io.stdout() + io.stderr()).toMatch(/sub-02_task-flip: not cleaned by the simple confounds/);
    const json = JSON.parse(await readFile(path.join(out, 'dataset.json'), 'utf8'));
    expect(json.cleaning.settings).toMatchObject({ preset: 'simple', whereAvailable: true });
    const bare = captureIO();
    expect(await main(['study', dir, '--clean-where-available', '--out', path.join(await tempDir(), 'ds')], bare)).toBe(2);
    expect(bare.stderr()).toMatch(/--clean-where-available/);
    const help = captureIO();
    await main(['study', '--help'], help);
    expect(help.stdout()).toContain('--clean-where-available');
  });
});
