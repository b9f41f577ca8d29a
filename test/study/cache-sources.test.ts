import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readDatasetCache, readDatasetInfo, writeDatasetCache, type Dataset } from '../../src/study/index.js';
import type { DatasetSource } from '../../src/study/dataset.js';
import { tempDir } from '../helpers/temp-tree.js';

/** Two samples of a 2-step window over one region, built from `sources`. */
function datasetFrom(sources: DatasetSource[] | undefined): Dataset {
  return {
    version: 1, regions: [{ label: 1, name: 'Left' }], classes: ['a', 'b'], labelBy: 'task',
    window: 2, stride: 2, shiftSeconds: 0, tr: 2, zscored: true, seed: 0,
    samples: [
      { subject: '01', session: null, run: null, task: 'a', onsetSeconds: 0, label: 0, split: 'train' },
      { subject: '02', session: null, run: null, task: 'b', onsetSeconds: 0, label: 1, split: 'test' },
    ],
    ...(sources ? { sources } : {}),
    data: Float32Array.from([1, 2, 3, 4]),
  };
}

const storedJson = async (dir: string) => JSON.parse(await readFile(path.join(dir, 'dataset.json'), 'utf8'));

describe('dataset.json source runs', () => {
  it('stores runs inside the workspace relative to the dataset and others absolute, and reads both back absolute after a move', async () => {
    const root = await tempDir();
    const workspace = path.join(root, 'ws');
    const inside = path.join(workspace, 'studies', 'demo', 'sub-01', 'func', 'sub-01_task-a_bold.nii.gz');
    const outside = path.join(root, 'elsewhere-study', 'sub-02_task-b_bold.nii');
    const dir = path.join(workspace, 'datasets', 'ds');
    await writeDatasetCache(dir, datasetFrom([{ run: 'sub-01_task-a', file: inside }, { run: 'sub-02_task-b', file: outside }]), { root: workspace });
    expect((await storedJson(dir)).sources).toEqual([
      { run: 'sub-01_task-a', file: '../../studies/demo/sub-01/func/sub-01_task-a_bold.nii.gz' },
      { run: 'sub-02_task-b', file: outside },
    ]);
    const moved = path.join(root, 'moved');
    await mkdir(moved);
    await rename(workspace, path.join(moved, 'ws'));
    const back = await readDatasetCache(path.join(moved, 'ws', 'datasets', 'ds'));
    expect(back.sources).toEqual([
      { run: 'sub-01_task-a', file: path.join(moved, 'ws', 'studies', 'demo', 'sub-01', 'func', 'sub-01_task-a_bold.nii.gz') },
      { run: 'sub-02_task-b', file: outside },
    ]);
    expect(Array.from(back.data)).toEqual([1, 2, 3, 4]);
  });

  it('leaves `sources` out of a dataset built without NIfTI runs, and reads it back as absent', async () => {
    const dir = path.join(await tempDir(), 'ds');
    await writeDatasetCache(dir, datasetFrom(undefined));
    expect('sources' in (await storedJson(dir))).toBe(false);
    expect((await readDatasetInfo(dir)).sources).toBeUndefined();
  });

  it.each([
    ['a table instead of an image', 'sub-02_task-b_timeseries.tsv'],
    ['a number', 7],
    ['an empty path', ''],
  ])('refuses a source whose file is %s, naming sources[1].file', async (_what, file) => {
    const dir = path.join(await tempDir(), 'ds');
    await writeDatasetCache(dir, datasetFrom([{ run: 'sub-01_task-a', file: path.join(dir, 'a.nii') }, { run: 'sub-02_task-b', file: path.join(dir, 'b.nii') }]));
    const meta = await storedJson(dir);
    meta.sources[1].file = file;
    await writeFile(path.join(dir, 'dataset.json'), JSON.stringify(meta));
    await expect(readDatasetInfo(dir)).rejects.toMatchObject({
      code: 'CACHE_FIELD', field: 'sources[1].file', expected: 'the path of a NIfTI run (.nii, .nii.gz, .hdr/.img)',
    });
  });

  it('refuses sources that are not a list, and a source without a run name', async () => {
    const dir = path.join(await tempDir(), 'ds');
    await writeDatasetCache(dir, datasetFrom([{ run: 'sub-01_task-a', file: path.join(dir, 'a.nii') }]));
    const meta = await storedJson(dir);
    await writeFile(path.join(dir, 'dataset.json'), JSON.stringify({ ...meta, sources: { run: 'x' } }));
    await expect(readDatasetInfo(dir)).rejects.toMatchObject({ code: 'CACHE_FIELD', field: 'sources' });
    await writeFile(path.join(dir, 'dataset.json'), JSON.stringify({ ...meta, sources: [{ file: 'a.nii' }] }));
    await expect(readDatasetInfo(dir)).rejects.toMatchObject({ code: 'CACHE_FIELD', field: 'sources[0].run', expected: 'a run name' });
  });
});
