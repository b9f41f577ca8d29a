import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadAtlas, type Atlas } from '../../src/atlas/index.js';
import { defaultAtlasPaths } from '../../src/assets.js';
import { DEMO_DATASET_OPTIONS, DEMO_GRID, DEMO_SEED, writeDemoStudy, type DemoGroundTruth } from '../../src/demo/index.js';
import { EIGHT_SUBJECT_DEMO } from '../helpers/demo-design.js';
import { openNifti } from '../../src/nifti/index.js';
import { assembleStudy, readEvents, type Dataset, type StudySummary } from '../../src/study/index.js';
import { shared } from '../helpers/shared-data.js';
import { suiteTempDir } from '../helpers/temp-tree.js';

let dir: string;
let truth: DemoGroundTruth;
let atlas: Atlas;
let cache: string;

beforeAll(async () => {
  const root = await suiteTempDir();
  dir = path.join(root, 'demo');
  cache = path.join(root, 'cache');
  atlas = await loadAtlas(defaultAtlasPaths().labels, defaultAtlasPaths().names);
  truth = await writeDemoStudy(dir, DEMO_SEED, { atlas, design: EIGHT_SUBJECT_DEMO });
}, 60_000);

/** Pearson correlation, written out plainly. */
function correlation(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = a.length;
  let [ma, mb] = [0, 0];
  for (let i = 0; i < n; i++) [ma, mb] = [ma + a[i] / n, mb + b[i] / n];
  let [sab, saa, sbb] = [0, 0, 0];
  for (let i = 0; i < n; i++) {
    sab += (a[i] - ma) * (b[i] - mb);
    saa += (a[i] - ma) ** 2;
    sbb += (b[i] - mb) ** 2;
  }
  return sab / Math.sqrt(saa * sbb);
}

/**
 * SPM's canonical double gamma written out for integer shapes: Γ(6) = 5!, Γ(16) = 15!, scale 1,
 * undershoot 1/6 (not the app's Lanczos gamma).
 */
function naiveDoubleGamma(t: number): number {
  if (t <= 0) return 0;
  const factorial = (n: number): number => (n <= 1 ? 1 : n * factorial(n - 1));
  return t ** 5 * Math.exp(-t) / factorial(5) - t ** 15 * Math.exp(-t) / factorial(15) / 6;
}

/**
 * The planted regressor as SPM builds it, naively: the stimulus (1 at micro-times k·TR/16 inside
 * an events.tsv block) convolved with the double gamma sampled every TR/16 over 32 s and scaled
 * to sum 1, read at each volume's acquisition time v·TR.
 */
function naiveRegressor(events: { onset: number; duration: number }[], volumes: number, tr: number): number[] {
  const dt = tr / 16;
  const h = Array.from({ length: 32 / dt + 1 }, (_, j) => naiveDoubleGamma(j * dt));
  const total = h.reduce((a, b) => a + b, 0);
  const on = (t: number) => events.some((e) => t >= e.onset - 1e-9 && t < e.onset + e.duration - 1e-9);
  return Array.from({ length: volumes }, (_, v) => h.reduce((sum, hj, j) => sum + (on(v * tr - j * dt) && v * tr - j * dt >= 0 ? hj / total : 0), 0));
}

/** The events of a run from its events.tsv, read as plain text (not the app's reader). */
function eventsOf(file: string): { onset: number; duration: number; trialType: string }[] {
  const [head, ...rows] = readFileSync(file, 'utf8').trim().split('\n').map((l) => l.split('\t'));
  const col = (name: string) => head.indexOf(name);
  return rows.map((r) => ({ onset: Number(r[col('onset')]), duration: Number(r[col('duration')]), trialType: r[col('trial_type')] }));
}

describe('demo study read by the project readers', () => {
  let whole: { dataset: Dataset; summary: StudySummary };
  beforeAll(async () => {
    // One window per run covering all of it: each sample is a run's z-scored region series.
    whole = await assembleStudy({ dir }, { atlas, window: 120, stride: 120, labelBy: 'task', cacheDir: cache });
  }, 60_000);

  it('assembles 8 subjects × 3 tasks at TR 2 s with every AAL region', () => {
    const { summary } = whole;
    expect(summary.subjects).toEqual(['01', '02', '03', '04', '05', '06', '07', '08']);
    expect(summary.tasks).toEqual(['language', 'motor', 'visual']);
    expect(summary.runs).toEqual({ used: 24, total: 24 });
    expect(summary.tr).toBe(2);
    expect(summary.regions).toBe(116);
    expect(summary.warnings).toEqual([]);
  });

  it('plants signal where the ground truth says: every planted region tracks the HRF response to its run’s events.tsv blocks (recomputed naively) better than any other region, and the others not at all', () => {
    const { dataset } = whole;
    const regions = dataset.regions.length;
    const outsideAll: number[] = [];
    for (const [s, sample] of dataset.samples.entries()) {
      const run = truth.runs.find((r) => r.subject === sample.subject && r.task === sample.task)!;
      const planted = new Set(truth.tasks.find((t) => t.name === sample.task)!.regions.map((r) => r.label));
      const regressor = naiveRegressor(eventsOf(path.join(dir, run.events!)), 120, 2);
      const r = dataset.regions.map((_, k) => {
        const series = Array.from({ length: 120 }, (_, t) => dataset.data[(s * 120 + t) * regions + k]);
        return correlation(series, regressor);
      });
      const inside = r.filter((_, k) => planted.has(dataset.regions[k].label!));
      const outside = r.filter((_, k) => !planted.has(dataset.regions[k].label!));
      expect(inside.length).toBe(planted.size);
      expect(Math.min(...inside), `${sample.subject} ${sample.task}`).toBeGreaterThan(Math.max(...outside));
      expect(Math.min(...inside)).toBeGreaterThan(0.5);
      outsideAll.push(...outside);
    }
    // Unplanted regions carry only noise: their correlations with the regressor centre on 0.
    const mean = outsideAll.reduce((a, b) => a + b, 0) / outsideAll.length;
    const sd = Math.sqrt(outsideAll.reduce((a, b) => a + (b - mean) ** 2, 0) / outsideAll.length);
    expect(Math.abs(mean)).toBeLessThan(0.03);
    expect(sd).toBeLessThan(0.2);
  });

  it("labels windows by the run's task into the three tasks with the demo's settings: 40-volume windows every 8, each holding ON and OFF steps", async () => {
    const { dataset, summary } = await assembleStudy({ dir }, { atlas, ...DEMO_DATASET_OPTIONS, cacheDir: cache });
    expect(summary.classes).toEqual(['language', 'motor', 'visual']);
    expect(summary.parcellation.fromCache).toBe(24);
    // 120 volumes, window 40 stride 8 → starts 0, 8, …, 80: 11 windows per run, 8 per task.
    for (const c of summary.classes) expect(summary.windowsPerClass[c].total).toBe(11 * 8);
    // Every window holds ON steps and rests (events.tsv with no shift when labelling by task).
    for (const s of dataset.samples) expect(s.on).toMatch(/^(?=.*1)(?=.*0)[01]{40}$/);
  });
});

describe('demo study files agree with ground_truth.json', () => {
  it('has each run’s events equal to its ground-truth blocks; its ON volumes and regressor equal a naive recomputation from events.tsv', async () => {
    expect(truth.runs.length).toBe(24);
    for (const run of truth.runs) {
      const { events } = await readEvents(path.join(dir, run.events!));
      expect(events).toEqual(run.blocks.map((b) => ({ onset: b.onset, duration: b.duration, trialType: run.task })));
      const plain = eventsOf(path.join(dir, run.events!));
      expect(plain).toEqual(events);
      // 20 s blocks at TR 2 s: 10 volumes each, the ones acquired (at v·TR) from onset to its end.
      expect(run.blocks.every((b) => b.duration === 20)).toBe(true);
      for (const b of run.blocks) expect([b.firstVolume, b.endVolume]).toEqual([b.onset / 2, (b.onset + b.duration) / 2]);
      const on = plain.flatMap((e) => Array.from({ length: e.duration / 2 }, (_, i) => e.onset / 2 + i)).sort((a, b) => a - b);
      expect(run.onVolumes).toEqual(on);
      const expected = naiveRegressor(plain, 120, 2);
      // ground_truth.json stores the regressor to 6 decimals.
      run.regressor.forEach((v, i) => expect(v, `${run.bold} volume ${i}`).toBeCloseTo(expected[i], 6));
      // The planted response: 0 before the first onset, ≈ 1 (± undershoot) late in a 20 s block.
      expect(run.regressor.slice(0, plain[0].onset / 2 + 1).every((v) => v === 0)).toBe(true);
      for (const e of plain) expect(run.regressor[e.onset / 2 + 9]).toBeGreaterThan(0.8);
    }
  });

  it('counts planted voxels as nibabel does on the same 4 mm grid', () => {
    const rows = readFileSync(shared('parcellation', 'aal_region_means.tsv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split('\t'));
    const nibabel = new Map(rows.map(([label, , voxels]) => [Number(label), Number(voxels)]));
    for (const region of truth.tasks.flatMap((t) => t.regions)) expect(region.voxels, region.name).toBe(nibabel.get(region.label));
  });

  it('writes int16 bold images on the MNI grid with the TR, baseline 1000 inside the atlas and 0 outside', async () => {
    const reader = await openNifti(path.join(dir, truth.runs[0].bold));
    try {
      const h = reader.header;
      expect([h.shape, h.datatype.name, h.tr, h.sformCode, h.qformCode, h.timeUnit]).toEqual([[46, 55, 46, 120], 'int16', 2, 4, 4, 'sec']);
      expect(h.affine).toEqual(DEMO_GRID.affine);
      const volume = new Float64Array(h.voxelsPerVolume);
      await reader.readVolume(volume);
      const inside = volume.filter((_, i) => i > 0 && volume[i] !== 0);
      expect(volume[0]).toBe(0); // corner of the field of view, outside the brain
      expect(inside.length).toBe(23133); // labelled voxels on this grid (nibabel: aal_region_means.tsv)
      const mean = inside.reduce((s, v) => s + v, 0) / inside.length;
      expect(Math.abs(mean - 1000)).toBeLessThan(5);
    } finally {
      reader.close();
    }
  });

  it('writes the BIDS sidecars: TR and task name, dataset description, participants', async () => {
    const run = truth.runs.find((r) => r.task === 'visual')!;
    const sidecar = JSON.parse(await readFile(path.join(dir, run.bold.replace('.nii.gz', '.json')), 'utf8'));
    expect([sidecar.RepetitionTime, sidecar.TaskName]).toEqual([2, 'visual']);
    expect(JSON.parse(await readFile(path.join(dir, 'dataset_description.json'), 'utf8')).BIDSVersion).toBe('1.9.0');
    expect(await readFile(path.join(dir, 'participants.tsv'), 'utf8')).toBe('participant_id\nsub-01\nsub-02\nsub-03\nsub-04\nsub-05\nsub-06\nsub-07\nsub-08\n');
    expect(truth).toMatchObject({ seed: DEMO_SEED, tr: 2, volumes: 120, subjects: ['01', '02', '03', '04', '05', '06', '07', '08'] });
    expect(truth.hrf).toMatchObject({ peakSeconds: 5, responseDelay: 6, undershootDelay: 16, undershootRatio: 6 });
    expect(truth.noise).toMatchObject({ regionPhi: 0.5, regionSnr: 5, voxelSnr: 2.236 });
  });
});
