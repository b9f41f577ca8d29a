import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadAtlas } from '../../src/atlas/index.js';
import { assembleStudy, dataIndex } from '../../src/study/index.js';
import { Cancelled } from '../../src/util/cancel.js';
import { tempDir } from '../helpers/temp-tree.js';
import { TINY_VOLUMES, tinyVoxel, writeTinyNiftiStudy } from '../helpers/tiny-nifti-study.js';

const VOLUMES = TINY_VOLUMES;
const voxel = tinyVoxel;

/** The shared tiny study (helpers/tiny-nifti-study.ts), with its atlas loaded. */
async function tinyStudy(trs: { x?: number; y?: number; sidecarX?: number }, nanAt?: { sub: string; task: string; volume: number }) {
  const { dir, atlasFile } = await writeTinyNiftiStudy(await tempDir(), trs, nanAt);
  return { dir, atlas: await loadAtlas(atlasFile) };
}

describe('assembling a study of NIfTI runs', () => {
  it('fails naming the run when no TR is in any sidecar or the header', async () => {
    const { dir, atlas } = await tinyStudy({ x: 2 });
    await expect(assembleStudy({ dir }, { atlas, window: 2, stride: 2, labelBy: 'task' }))
      .rejects.toMatchObject({ code: 'STUDY_NO_TR', file: path.join(dir, 'sub-01/func/sub-01_task-y_bold.nii.gz') });
  });

  it('takes TR from the sidecar, else the header, and refuses them mixed', async () => {
    const { dir, atlas } = await tinyStudy({ y: 2, sidecarX: 2 });
    const { dataset } = await assembleStudy({ dir }, { atlas, window: 2, stride: 2, labelBy: 'task' });
    expect(dataset.tr).toBe(2);
    const mixed = await tinyStudy({ y: 2, sidecarX: 1.5 });
    await expect(assembleStudy({ dir: mixed.dir }, { atlas: mixed.atlas, window: 2, stride: 2, labelBy: 'task' }))
      .rejects.toMatchObject({ code: 'STUDY_MIXED_TR' });
  });

  it('drops regions without voxels by name, zeroes constant ones, and z-scores region means', async () => {
    const { dir, atlas } = await tinyStudy({ x: 2, y: 2 });
    const { dataset: ds, summary } = await assembleStudy({ dir }, { atlas, window: 3, stride: 2, labelBy: 'task' });
    expect(ds.regions).toEqual([{ label: 1, name: 'Left' }, { label: 2, name: 'Right' }]);
    expect(summary.droppedRegions.map((r) => [r.label, r.name])).toEqual([[3, 'Gone']]);
    expect(ds.samples.length).toBe(6 * 3); // starts 0, 2, 4 of 8 volumes
    for (const [i, s] of ds.samples.entries()) {
      const si = Number(s.subject) - 1;
      const ti = s.task === 'x' ? 0 : 1;
      const left = Array.from({ length: VOLUMES }, (_, v) => (voxel(si, ti, 0, v) + voxel(si, ti, 1, v)) / 2);
      const mean = left.reduce((a, b) => a + b) / VOLUMES;
      const sd = Math.sqrt(left.reduce((a, b) => a + (b - mean) ** 2, 0) / VOLUMES);
      const start = s.onsetSeconds / 2;
      for (let t = 0; t < 3; t++) {
        expect(ds.data[dataIndex(ds, i, t, 0)]).toBeCloseTo((left[start + t] - mean) / sd, 5);
        expect(ds.data[dataIndex(ds, i, t, 1)]).toBe(0);
      }
    }
  });

  it('keeps raw region means when z-scoring is off', async () => {
    const { dir, atlas } = await tinyStudy({ x: 2, y: 2 });
    const { dataset: ds } = await assembleStudy({ dir }, { atlas, window: 8, stride: 1, labelBy: 'task', zscore: false });
    expect(ds.zscored).toBe(false);
    expect(ds.samples.length).toBe(6);
    const i = ds.samples.findIndex((s) => s.subject === '02' && s.task === 'y');
    expect(ds.data[dataIndex(ds, i, 5, 0)]).toBeCloseTo((voxel(1, 1, 0, 5) + voxel(1, 1, 1, 5)) / 2, 6);
    expect(ds.data[dataIndex(ds, i, 5, 1)]).toBe(7);
  });

  it('stops with Cancelled, caused by the signal\'s reason, when aborted mid-way', async () => {
    const { dir, atlas } = await tinyStudy({ x: 2, y: 2 });
    const controller = new AbortController();
    const reason = new Error('user cancelled');
    const run = assembleStudy({ dir }, {
      atlas, window: 2, stride: 2, labelBy: 'task', signal: controller.signal,
      onProgress: (e) => { if (e.stage === 'runs' && e.done === 2) controller.abort(reason); },
    });
    const error = await run.catch((err: unknown) => err);
    expect(error).toBeInstanceOf(Cancelled);
    expect((error as Cancelled).cause).toBe(reason);
  });

  it('needs an atlas for NIfTI runs', async () => {
    const { dir } = await tinyStudy({ x: 2, y: 2 });
    await expect(assembleStudy({ dir }, { window: 2, stride: 2, labelBy: 'task' })).rejects.toMatchObject({ code: 'STUDY_NO_ATLAS' });
  });

  it('reports NaN voxels left out of a region mean, from a fresh parcellation and again from the cache', async () => {
    const { dir, atlas } = await tinyStudy({ x: 2, y: 2 }, { sub: '02', task: 'y', volume: 3 });
    const cacheDir = path.join(path.dirname(dir), 'cache');
    const run = path.join(dir, 'sub-02/func/sub-02_task-y_bold.nii.gz');
    for (const pass of ['fresh', 'cached']) {
      const { dataset, summary } = await assembleStudy({ dir }, { atlas, window: 3, stride: 2, labelBy: 'task', cacheDir });
      expect(summary.parcellation.fromCache, pass).toBe(pass === 'cached' ? 6 : 0);
      expect(summary.warnings.filter((w) => w.startsWith(run)), pass).toEqual([
        `${run}: non-finite voxels (NaN or ±Inf) left out of the means of 1 region: Left (up to 1 of 2 voxels, in 1 of 8 volumes)`,
      ]);
      // Left's mean at volume 3 is its one finite voxel, so no NaN reaches the windows.
      expect(dataset.data.every((v) => Number.isFinite(v)), pass).toBe(true);
    }
  });
});
