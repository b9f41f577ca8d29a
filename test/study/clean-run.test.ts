import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildDataset } from '../../src/app/build-dataset.js';
import { clean } from '../../src/study/clean/index.js';
import { loadConfoundsStrategy } from '../../src/study/confounds/index.js';
import { assembleStudy, readDatasetCache } from '../../src/study/index.js';
import { shared } from '../helpers/shared-data.js';
import { writeCleanStudy } from '../helpers/clean-study.js';
import { tempDir } from '../helpers/temp-tree.js';

const SIGNAL = shared('signal', 'sub-01_task-demo_atlas-AAL_timeseries.tsv');
const CONFOUNDS = shared('signal', 'sub-01_task-demo_desc-confounds_timeseries.tsv');
/** The scrubbing preset's censored volumes, as ../shared/data/signal/README.md lists them. */
const CENSORED = [0, 1, 2, 3, 4, 30, 50, 51, 52, 53, 75, 100, 101, 120, 126, 150, 170, 197, 198, 199];
const VOLUMES = 200;
const WINDOW = 10;
const STRIDE = 5;

/** The shared signal table as columns (header row dropped). */
async function readSignal(file: string): Promise<Float64Array[]> {
  const rows = (await readFile(file, 'utf8')).trim().split('\n').slice(1).map((l) => l.split('\t').map(Number));
  return rows[0].map((_, c) => Float64Array.from(rows, (r) => r[c]));
}

/** Naive count: grid starts 0, stride, … whose window holds no censored volume. */
function expectedWindows(censored: readonly number[]): number {
  let n = 0;
  for (let s = 0; s + WINDOW <= VOLUMES; s += STRIDE) if (!censored.some((v) => v >= s && v < s + WINDOW)) n++;
  return n;
}

const options = { window: WINDOW, stride: STRIDE, labelBy: 'task' as const, split: { train: 0.5, validation: 0, test: 0.5 } };

describe('cleaning runs while assembling a study', () => {
  it('builds only the windows that lie in kept volumes with the scrubbing preset, and counts the lost ones per run', async () => {
    const dir = await writeCleanStudy();
    const { dataset, summary } = await assembleStudy({ dir }, { ...options, clean: { preset: 'scrubbing' } });
    const perRun = expectedWindows(CENSORED);
    // By hand: starts 0, 25, 30, 45, 50, 70, 75, 95, 100, 115, 120, 125, 145, 150, 165, 170, 190 overlap a censored volume.
    expect(perRun).toBe(39 - 17);
    expect(summary.windows.total).toBe(2 * perRun);
    expect(dataset.samples.filter((s) => s.task === 'demo').map((s) => s.onsetSeconds / 2).every((start) => !CENSORED.some((v) => v >= start && v < start + WINDOW))).toBe(true);
    const demo = summary.cleaning!.runs.find((r) => r.run.includes('task-demo'))!;
    expect(demo.censored.map((c) => c.volume)).toEqual(CENSORED);
    expect(demo.windowsLost).toBe(39 - perRun);
    expect(demo.confounds).toBe(37);
    expect(summary.cleaning!.preset).toBe('scrubbing');
  });

  it('stores clean() of the run followed by the per-run z-score in the dataset', async () => {
    const dir = await writeCleanStudy();
    const { dataset } = await assembleStudy({ dir }, { ...options, clean: { preset: 'scrubbing' } });
    const loaded = await loadConfoundsStrategy(CONFOUNDS, 'scrubbing');
    const ref = clean(await readSignal(SIGNAL), { tR: 2, confounds: loaded.values, sampleMask: loaded.sampleMask });
    const zscored = ref.series.map((x) => {
      const mean = x.reduce((a, b) => a + b, 0) / x.length;
      const sd = Math.sqrt(x.reduce((a, b) => a + (b - mean) ** 2, 0) / x.length);
      return Array.from(x, (v) => (v - mean) / sd);
    });
    const names = (await readFile(SIGNAL, 'utf8')).split('\n')[0].split('\t');
    const regionColumn = dataset.regions.map((r) => names.indexOf(r.name));
    let checked = 0;
    dataset.samples.forEach((s, k) => {
      if (s.task !== 'demo') return;
      for (let t = 0; t < WINDOW; t++) {
        const row = ref.volumes.indexOf(s.onsetSeconds / 2 + t);
        for (let r = 0; r < dataset.regions.length; r++) {
          expect(dataset.data[(k * WINDOW + t) * dataset.regions.length + r]).toBeCloseTo(zscored[regionColumn[r]][row], 5);
          checked++;
        }
      }
    });
    expect(checked).toBe(22 * WINDOW * 6);
  });

  it('filters without a preset, reading no confounds table and keeping every window', async () => {
    const dir = await writeCleanStudy('demo');
    const { dataset, summary } = await assembleStudy({ dir }, { ...options, clean: { highPass: 0.01, standardize: null } });
    expect(summary.windows.total).toBe(2 * 39);
    expect(summary.cleaning!.runs.map((r) => [r.confoundsFile, r.confounds, r.censored.length, r.windowsLost])).toEqual([[null, 0, 0, 0], [null, 0, 0, 0]]);
    const ref = clean(await readSignal(SIGNAL), { tR: 2, highPass: 0.01, standardize: null });
    const first = dataset.samples.findIndex((s) => s.task === 'demo' && s.onsetSeconds === 0);
    const x = ref.series[0];
    const mean = x.reduce((a, b) => a + b, 0) / x.length;
    const sd = Math.sqrt(x.reduce((a, b) => a + (b - mean) ** 2, 0) / x.length);
    const names = (await readFile(SIGNAL, 'utf8')).split('\n')[0].split('\t');
    const r = dataset.regions.findIndex((g) => g.name === names[0]);
    for (let t = 0; t < WINDOW; t++) {
      expect(dataset.data[(first * WINDOW + t) * dataset.regions.length + r]).toBeCloseTo((x[t] - mean) / sd, 5);
    }
  });

  it('refuses a run without a confounds table when the preset needs one, naming the run', async () => {
    const dir = await writeCleanStudy('flip');
    await expect(assembleStudy({ dir }, { ...options, clean: { preset: 'simple' } }))
      .rejects.toMatchObject({ code: 'CONFOUNDS_NOT_FOUND', field: expect.stringContaining('task-flip') });
  });

  it('records the cleaning settings and each confounds table\'s SHA-256 in dataset.json', async () => {
    const dir = await writeCleanStudy();
    const out = path.join(await tempDir(), 'ds');
    await buildDataset({ input: { dir }, ...options, clean: { preset: 'scrubbing', highPass: 0.01 }, out });
    const json = JSON.parse(await readFile(path.join(out, 'dataset.json'), 'utf8'));
    expect(json.cleaning.settings).toEqual({ preset: 'scrubbing', highPass: 0.01 });
    const { createHash } = await import('node:crypto');
    const sha = createHash('sha256').update(await readFile(CONFOUNDS)).digest('hex');
    expect(json.cleaning.confounds.map((c: { sha256: string }) => c.sha256)).toEqual([sha, sha]);
    expect((await readDatasetCache(out)).cleaning?.confounds).toHaveLength(2);
  });

  it('leaves the dataset byte-identical without the clean option, confounds tables present or not', async () => {
    const withTables = await writeCleanStudy();
    const bare = await writeCleanStudy();
    for (const [sub, task] of [['01', 'demo'], ['02', 'flip']]) {
      await rm(path.join(bare, `sub-${sub}`, 'func', `sub-${sub}_task-${task}_desc-confounds_timeseries.tsv`));
    }
    const a = await assembleStudy({ dir: withTables }, options);
    const b = await assembleStudy({ dir: bare }, options);
    expect(a.dataset.samples).toHaveLength(2 * 39);
    expect(Buffer.from(a.dataset.data.buffer).equals(Buffer.from(b.dataset.data.buffer))).toBe(true);
    expect('cleaning' in a.dataset || 'cleaning' in a.summary).toBe(false);
  });
});
