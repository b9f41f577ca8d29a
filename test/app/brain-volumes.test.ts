import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ch2betPath, datasetBrainVolumes } from '../../src/app/brain-volumes.js';
import { defaultAtlasPaths } from '../../src/assets.js';
import { writeDatasetCache } from '../../src/study/cache.js';
import type { Dataset, DatasetRegion } from '../../src/study/dataset.js';
import type { DatasetAtlas } from '../../src/study/dataset-atlas.js';
import { suiteTempDir, tempDir } from '../helpers/temp-tree.js';
import { writeNifti1 } from '../helpers/write-nifti.js';

const IDENTITY = [[1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1]];
let root: string;
let atlasFile: string;

beforeAll(async () => {
  root = await suiteTempDir();
  atlasFile = path.join(root, 'atlas.nii');
  await writeNifti1(atlasFile, { shape: [4, 1, 1], datatype: 'int16', affine: IDENTITY, data: [3, 3, 7, 0] });
});

const sha256 = async (file: string) => createHash('sha256').update(await readFile(file)).digest('hex');
const base64Of = async (file: string) => (await readFile(file)).toString('base64');

/** A one-window dataset with these regions and atlas record, written to a new folder. */
async function dataset(regions: DatasetRegion[], atlas: DatasetAtlas | null): Promise<string> {
  const dir = path.join(await tempDir(), 'ds');
  const d: Dataset = {
    version: 1, regions, classes: ['a', 'b'], labelBy: 'task', window: 2, stride: 1, shiftSeconds: 0, tr: 2, zscored: true, seed: 0,
    samples: [{ subject: '01', session: null, run: null, task: 'a', onsetSeconds: 0, label: 0, split: 'train' }],
    atlas, data: new Float32Array(2 * regions.length),
  };
  await writeDatasetCache(dir, d);
  return dir;
}

const own = async (): Promise<DatasetAtlas> => ({ labels: { path: atlasFile, sha256: await sha256(atlasFile), bundled: false }, names: null, allowUnnamed: true });

describe('brain volumes of a dataset', () => {
  it('answers the recorded atlas file and the bundled template as their bytes, and each region’s label in map order', async () => {
    const dir = await dataset([{ label: 7, name: 'Right' }, { label: 3, name: 'Left' }], await own());
    const volumes = await datasetBrainVolumes(dir);
    expect(volumes.labels).toEqual([7, 3]);
    expect(volumes.atlas).toEqual({ name: 'atlas.nii', base64: await base64Of(atlasFile) });
    expect(volumes.template).toEqual({ name: 'ch2bet.nii.gz', base64: await base64Of(ch2betPath()) });
    expect(volumes.atlasName).toBe('atlas.nii');
  });

  it('uses the bundled AAL for labelled regions of a dataset that recorded no atlas', async () => {
    const dir = await dataset([{ label: 2001, name: 'Precentral_L' }], null);
    const volumes = await datasetBrainVolumes(dir);
    expect(volumes.atlas.base64).toBe(await base64Of(defaultAtlasPaths().labels));
    expect(volumes.labels).toEqual([2001]);
  });

  it('answers a NIfTI file the user picked as the template, and refuses a file that is not one', async () => {
    const dir = await dataset([{ label: 3, name: 'Left' }], await own());
    const t1 = path.join(root, 'mean.nii');
    await writeNifti1(t1, { shape: [4, 1, 1], datatype: 'float32', affine: IDENTITY, data: [1, 2, 3, 4] });
    expect((await datasetBrainVolumes(dir, { kind: 'file', file: t1 })).template).toEqual({ name: 'mean.nii', base64: await base64Of(t1) });
    const text = path.join(root, 'notes.txt');
    await writeFile(text, 'not an image');
    await expect(datasetBrainVolumes(dir, { kind: 'file', file: text })).rejects.toMatchObject({ code: 'BRAIN_TEMPLATE' });
  });

  it('refuses regions without atlas labels, an atlas file changed since, and a functional template it cannot name', async () => {
    await expect(datasetBrainVolumes(await dataset([{ label: null, name: 'R1' }], null))).rejects.toMatchObject({ code: 'BRAIN_NO_ATLAS', field: 'regions' });
    const changed = path.join(root, 'changed.nii');
    await writeNifti1(changed, { shape: [4, 1, 1], datatype: 'int16', affine: IDENTITY, data: [3, 3, 7, 0] });
    const record: DatasetAtlas = { labels: { path: changed, sha256: await sha256(changed), bundled: false }, names: null, allowUnnamed: true };
    const dir = await dataset([{ label: 3, name: 'Left' }], record);
    await writeNifti1(changed, { shape: [4, 1, 1], datatype: 'int16', affine: IDENTITY, data: [3, 7, 7, 0] });
    await expect(datasetBrainVolumes(dir)).rejects.toMatchObject({ code: 'BRAIN_ATLAS_CHANGED', value: await sha256(changed) });
    await expect(datasetBrainVolumes(await dataset([{ label: 3, name: 'Left' }], await own()), { kind: 'functional' })).rejects.toMatchObject({ code: 'BRAIN_NO_FUNCTIONAL' });
  });
});
