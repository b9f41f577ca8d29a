import { readFile, stat, truncate, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadAtlas, type Atlas } from '../../src/atlas/index.js';
import { assembleStudy, dataIndex, readDatasetCache, writeDatasetCache } from '../../src/study/index.js';
import { writeRescaledCopy } from '../helpers/rescaled-copy.js';
import { shared } from '../helpers/shared-data.js';
import { tempDir, tsv, writeTree } from '../helpers/temp-tree.js';

const BOLD = shared('parcellation', 'sub-01_task-demo_bold.nii.gz');
const SUBJECTS = ['01', '02', '03', '04'];
const TASKS = ['faces', 'rest'];
const FIXED_MTIME = new Date('2024-01-02T03:04:05Z');

/** nibabel's region means for the shared run (label, name, voxels, 24 volumes). */
async function referenceMeans() {
  const [, ...lines] = (await readFile(shared('parcellation', 'aal_region_means.tsv'), 'utf8')).trim().split('\n');
  return lines.map((line) => {
    const [label, name, voxels, ...ts] = line.split('\t');
    return { label: Number(label), name, voxels: Number(voxels), means: ts.map(Number) };
  });
}

/**
 * 4 subjects × 2 tasks, each the shared run with its own scl_slope (exact copies are refused;
 * z-scores are unchanged by the scale); faces has a sidecar TR, rest uses the header.
 */
async function bidsCopies(): Promise<string> {
  const root = await tempDir();
  await writeTree(root, {
    'dataset_description.json': '{"Name": "demo", "BIDSVersion": "1.8.0"}',
    'task-faces_bold.json': '{"RepetitionTime": 2}',
    'task-faces_events.tsv': tsv(['onset', 'duration', 'trial_type'], [[0, 12, 'face'], [24, 12, 'house']]),
  });
  for (const [s, sub] of SUBJECTS.entries()) {
    for (const [t, task] of TASKS.entries()) {
      const file = path.join(root, `sub-${sub}/func/sub-${sub}_task-${task}_bold.nii.gz`);
      await writeTree(root, { [`sub-${sub}/func/.keep`]: '' });
      await writeRescaledCopy(BOLD, file, 1 + (s * TASKS.length + t) / 8);
      // Whole seconds, so the mtime restored after corrupting the file is exactly the same.
      await utimes(file, FIXED_MTIME, FIXED_MTIME);
    }
  }
  return root;
}

describe('end-to-end assembly of a BIDS folder with the AAL atlas', () => {
  let atlas: Atlas;
  beforeAll(async () => {
    atlas = await loadAtlas(shared('atlases', 'aal.nii.gz'));
  });

  it('equals the z-scored nibabel region means, and the parcellation cache avoids re-reading images', async () => {
    const dir = await bidsCopies();
    const cacheDir = path.join(await tempDir(), 'parcellations');
    const options = { atlas, window: 6, stride: 3, labelBy: 'task' as const, seed: 11, cacheDir };
    const stages = new Set<string>();
    const first = await assembleStudy({ dir }, { ...options, onProgress: (e) => stages.add(e.stage) });
    const ds = first.dataset;

    const ref = await referenceMeans();
    const kept = ref.filter((r) => r.voxels > 0);
    expect(ds.regions).toEqual(kept.map((r) => ({ label: r.label, name: r.name })));
    // Every AAL region keeps voxels on this 4 mm grid (emptied regions are covered in assemble-nifti).
    expect(ds.regions.length).toBe(116);
    expect(first.summary.droppedRegions).toEqual([]);
    expect(ds.tr).toBe(2);
    expect(ds.classes).toEqual(TASKS);
    // 24 volumes, window 6, stride 3 → starts 0, 3, …, 18: 7 windows × 8 runs.
    expect(ds.samples.length).toBe(56);
    expect(first.summary.splitSubjects.train.length).toBe(2);
    expect(first.summary.parcellation).toEqual({ parcellated: 8, fromCache: 0, imported: 0 });
    expect([...stages]).toEqual(expect.arrayContaining(['discover', 'runs', 'volumes', 'windows']));

    // Independent z-score of the reference means (population std).
    const z = kept.map(({ means }) => {
      const m = means.reduce((a, b) => a + b) / means.length;
      const sd = Math.sqrt(means.reduce((a, b) => a + (b - m) ** 2, 0) / means.length);
      return means.map((x) => (x - m) / sd);
    });
    let worst = 0;
    ds.samples.forEach((s, i) => {
      const start = s.onsetSeconds / ds.tr;
      for (let t = 0; t < ds.window; t++) {
        for (let r = 0; r < kept.length; r++) worst = Math.max(worst, Math.abs(ds.data[dataIndex(ds, i, t, r)] - z[r][start + t]));
      }
    });
    // Reference means are printed to 6 decimals and values stored as float32: ~1e-7 in practice.
    expect(worst).toBeLessThan(1e-5);

    // Corrupt every image but keep its size and mtime: a second assembly must not read them.
    for (const sub of SUBJECTS) {
      for (const task of TASKS) {
        const file = path.join(dir, `sub-${sub}/func/sub-${sub}_task-${task}_bold.nii.gz`);
        const { size } = await stat(file);
        await writeFile(file, Buffer.alloc(size));
        await utimes(file, FIXED_MTIME, FIXED_MTIME);
      }
    }
    const second = await assembleStudy({ dir }, options);
    expect(second.summary.parcellation).toEqual({ parcellated: 0, fromCache: 8, imported: 0 });
    expect(second.dataset.samples).toEqual(ds.samples);
    expect(Buffer.from(second.dataset.data.buffer).equals(Buffer.from(ds.data.buffer))).toBe(true);

    // A new mtime invalidates the entry: the (now corrupt) image is read again and rejected.
    const touched = path.join(dir, 'sub-03/func/sub-03_task-rest_bold.nii.gz');
    await utimes(touched, FIXED_MTIME, new Date('2024-05-06T00:00:00Z'));
    await expect(assembleStudy({ dir }, options)).rejects.toMatchObject({ name: 'NiftiError', file: touched });

    // What the training engine will read back.
    const out = await tempDir();
    await writeDatasetCache(out, ds);
    const back = await readDatasetCache(out);
    expect(back.samples).toEqual(ds.samples);
    expect(back.data).toEqual(ds.data);
    await truncate(path.join(out, 'dataset.f32'), 1000);
    await expect(readDatasetCache(out)).rejects.toMatchObject({ code: 'CACHE_SIZE' });
  });

  it('labels the faces runs by trial_type from the inherited events file, skipping runs without events', async () => {
    const dir = await bidsCopies();
    const { dataset: ds, summary } = await assembleStudy({ dir }, { atlas, window: 4, stride: 2, labelBy: 'trial_type', shiftSeconds: 4 });
    // Shifted 4 s: face covers [4, 16) → volumes 2–7; house [28, 40) → volumes 14–19.
    // Windows (start..start+3) with > 2 covered volumes: face at 2, 4; house at 14, 16.
    expect(ds.classes).toEqual(['face', 'house']);
    const sub1 = ds.samples.filter((s) => s.subject === '01');
    expect(sub1.map((s) => [s.task, s.onsetSeconds, ds.classes[s.label]])).toEqual([
      ['faces', 4, 'face'], ['faces', 8, 'face'], ['faces', 28, 'house'], ['faces', 32, 'house'],
    ]);
    expect(summary.runs).toEqual({ used: 4, total: 8 });
    expect(summary.runsWithoutWindows.filter((r) => r.reason === 'no events file').length).toBe(4);
    // 11 windows per run (starts 0, 2, …, 20): 4 labelled; starts 0, 6, 12, 18 have only 2 of 4
    // volumes covered (no majority); starts 8, 10, 20 touch no event.
    expect(summary.droppedWindows).toEqual({ noEvent: 4 * 3, noMajority: 4 * 4 });
  });
});
