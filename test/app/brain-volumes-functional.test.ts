import { readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { datasetBrainVolumes, temporalMeanNifti } from '../../src/app/brain-volumes.js';
import { loadAtlas } from '../../src/atlas/index.js';
import { readNifti } from '../../src/nifti/index.js';
import { assembleStudy, writeDatasetCache } from '../../src/study/index.js';
import { shared } from '../helpers/shared-data.js';
import { tempDir, writeTree } from '../helpers/temp-tree.js';
import { writeNifti1 } from '../helpers/write-nifti.js';

/** An oblique-free but anisotropic, shifted grid: the template must keep it, not identity. */
const AFFINE = [[2, 0, 0, -10], [0, 3, 0, 5], [0, 0, 2.5, 1], [0, 0, 0, 1]];
const SHAPE = [3, 2, 2];
const VOXELS = 12;
const VOLUMES = 6;
const value = (s: number, t: number, i: number, v: number) => Math.fround(Math.sin(1.1 * s + 0.7 * t + 0.9 * i + 0.5 * v * (1 + i / 7)) * 40 + 100 + i);

/** Three subjects × tasks a, b of 4-D float32 runs on one grid, and an atlas on it with two regions. */
async function study(root: string) {
  const atlasFile = path.join(root, 'atlas.nii');
  await writeNifti1(atlasFile, { shape: SHAPE, datatype: 'int16', affine: AFFINE, data: [1, 1, 1, 2, 2, 2, 1, 1, 2, 2, 0, 0] });
  await writeTree(root, { 'atlas.nii.txt': '1 Left\n2 Right\n' });
  const runs = [];
  for (const [s, subject] of ['01', '02', '03'].entries()) {
    for (const [t, task] of ['a', 'b'].entries()) {
      const file = path.join(root, 'runs', `sub-${subject}_task-${task}_bold.nii`);
      await writeTree(root, { 'runs/.keep': '' });
      const data: number[] = [];
      for (let v = 0; v < VOLUMES; v++) for (let i = 0; i < VOXELS; i++) data.push(value(s, t, i, v));
      await writeNifti1(file, { shape: [...SHAPE, VOLUMES], datatype: 'float32', affine: AFFINE, data, tr: 2 });
      runs.push({ file, subject, task, tr: 2 });
    }
  }
  return { runs, atlas: await loadAtlas(atlasFile) };
}

/** A dataset built from `study` inside workspace-like `root`, written to root/datasets/ds. */
async function builtDataset(root: string) {
  const { runs, atlas } = await study(root);
  const { dataset } = await assembleStudy({ runs }, { atlas, window: 2, stride: 2, labelBy: 'task', seed: 1 });
  const dir = path.join(root, 'datasets', 'ds');
  await writeDatasetCache(dir, dataset, { root });
  return { dir, dataset, runs };
}

/** The naive mean of every voxel of a 4-D image, one voxel at a time, in Float64. */
async function naiveMean(file: string): Promise<number[]> {
  const { header, data } = await readNifti(file);
  const n = header.voxelsPerVolume;
  return Array.from({ length: n }, (_, i) => {
    let sum = 0;
    for (let v = 0; v < header.volumes; v++) sum += data[v * n + i];
    return sum / header.volumes;
  });
}

/** The answered template's bytes, parsed back with our reader. */
async function parsed(base64: string, where: string) {
  const file = path.join(where, `answer-${Math.random().toString(36).slice(2)}.nii`);
  await writeFile(file, Buffer.from(base64, 'base64'));
  return readNifti(file);
}

function expectGridOf(answer: Awaited<ReturnType<typeof readNifti>>, source: Awaited<ReturnType<typeof readNifti>>) {
  expect(answer.header.shape).toEqual(source.header.shape.slice(0, 3));
  expect(answer.header.volumes).toBe(1);
  answer.header.affine.forEach((row, r) => row.forEach((x, c) => expect(x).toBeCloseTo(source.header.affine[r][c], 5)));
  expect(answer.header.zooms).toEqual(source.header.zooms.slice(0, 3));
  expect(answer.header.datatype.name).toBe('float32');
}

describe('the functional template of a dataset', () => {
  it('records the NIfTI runs it was built from, by run name and image, in run order', async () => {
    const root = await tempDir();
    const { dataset, runs } = await builtDataset(root);
    expect(dataset.sources).toEqual(runs.map((r) => ({ run: `sub-${r.subject}_task-${r.task}`, file: r.file })));
  });

  it('is the voxelwise temporal mean of the first source run, on its grid, and is cached in the templates folder', async () => {
    const root = await tempDir();
    const { dir, runs } = await builtDataset(root);
    const cacheDir = path.join(root, 'cache', 'templates');
    const volumes = await datasetBrainVolumes(dir, { kind: 'functional' }, { templateCacheDir: cacheDir });
    expect(volumes.template.name).toBe('sub-01_task-a_bold_mean.nii');
    expect(volumes.templateName).toBe('mean of sub-01_task-a');
    const answer = await parsed(volumes.template.base64, root);
    const source = await readNifti(runs[0].file);
    expectGridOf(answer, source);
    const expected = await naiveMean(runs[0].file);
    expect(Array.from(answer.data)).toEqual(expected.map(Math.fround));

    const cached = await readdir(cacheDir);
    expect(cached).toHaveLength(1);
    expect(cached[0]).toMatch(/^[0-9a-f]{64}\.nii$/);
    expect((await readFile(path.join(cacheDir, cached[0]))).toString('base64')).toBe(volumes.template.base64);
  });

  it('answers a second open from the cache, and recomputes once the source run changed', async () => {
    const root = await tempDir();
    const { dir, runs } = await builtDataset(root);
    const cacheDir = path.join(root, 'cache', 'templates');
    const first = await datasetBrainVolumes(dir, { kind: 'functional' }, { templateCacheDir: cacheDir });
    const [entry] = await readdir(cacheDir);
    // A planted cache entry is answered as it is: the run is not read again.
    const planted = Buffer.from(first.template.base64, 'base64');
    planted.writeFloatLE(-1234.5, 352);
    await writeFile(path.join(cacheDir, entry), planted);
    const second = await datasetBrainVolumes(dir, { kind: 'functional' }, { templateCacheDir: cacheDir });
    expect((await parsed(second.template.base64, root)).data[0]).toBe(-1234.5);
    // A new mtime is a new source: the mean is computed again, under another key.
    const later = new Date(Date.now() + 60_000);
    await utimes(runs[0].file, later, later);
    const third = await datasetBrainVolumes(dir, { kind: 'functional' }, { templateCacheDir: cacheDir });
    expect(third.template.base64).toBe(first.template.base64);
    expect(await readdir(cacheDir)).toHaveLength(2);
  });

  it('falls back to the next source run when the first is gone, and names the file when none is left', async () => {
    const root = await tempDir();
    const { dir, runs } = await builtDataset(root);
    await rm(runs[0].file);
    const volumes = await datasetBrainVolumes(dir, { kind: 'functional' });
    expect(volumes.templateName).toBe('mean of sub-01_task-b');
    expect(Array.from((await parsed(volumes.template.base64, root)).data)).toEqual((await naiveMean(runs[1].file)).map(Math.fround));
    for (const r of runs.slice(1)) await rm(r.file);
    await expect(datasetBrainVolumes(dir, { kind: 'functional' })).rejects.toMatchObject({
      code: 'BRAIN_FUNCTIONAL_MISSING', file: runs[0].file, field: 'sources[0].file', value: runs[0].file,
    });
  });
});

describe('temporalMeanNifti', () => {
  it('averages a big-endian 4-D run of the shared data volume by volume, keeping its grid', async () => {
    const file = shared('nifti', 'bigendian_float32_4d.nii');
    const answer = await parsed(Buffer.from(await temporalMeanNifti(file)).toString('base64'), await tempDir());
    const source = await readNifti(file);
    expect(source.header.volumes).toBeGreaterThan(1);
    expectGridOf(answer, source);
    expect(Array.from(answer.data)).toEqual((await naiveMean(file)).map(Math.fround));
  });
});
