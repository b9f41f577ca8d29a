import { readFile, truncate, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readDatasetCache, writeDatasetCache, type Dataset } from '../../src/study/index.js';
import { tempDir } from '../helpers/temp-tree.js';

function smallDataset(): Dataset {
  const samples = [
    { subject: '01', session: null, run: '1', task: 'a', onsetSeconds: 0, label: 0, split: 'train' as const },
    { subject: '02', session: 'x', run: null, task: 'b', onsetSeconds: 4.5, label: 1, split: 'test' as const },
  ];
  const data = Float32Array.from({ length: 2 * 3 * 4 }, (_, i) => i / 7 - 1.5);
  return {
    version: 1, regions: [{ label: 1, name: 'L' }, { label: 2, name: 'R' }, { label: null, name: 'x' }, { label: 9, name: 'y' }],
    classes: ['a', 'b'], labelBy: 'task', window: 3, stride: 2, shiftSeconds: 0, tr: 1.5, zscored: true, seed: 3, samples, data,
  };
}

describe('dataset cache', () => {
  it('round-trips metadata and values exactly', async () => {
    const dir = await tempDir();
    const ds = smallDataset();
    await writeDatasetCache(dir, ds);
    const back = await readDatasetCache(dir);
    // A dataset built without an atlas reads back as one with none recorded.
    expect({ ...back, data: [...back.data] }).toEqual({ ...ds, atlas: null, data: [...ds.data] });
  });

  it('stores values as raw little-endian float32, samples × window × regions', async () => {
    const dir = await tempDir();
    const ds = smallDataset();
    await writeDatasetCache(dir, ds);
    const raw = await readFile(path.join(dir, 'dataset.f32'));
    expect(raw.length).toBe(2 * 3 * 4 * 4);
    // sample 1, step 2, region 3 → (1·3 + 2)·4 + 3 = 23
    expect(raw.readFloatLE(23 * 4)).toBe(Math.fround(23 / 7 - 1.5));
    const meta = JSON.parse(await readFile(path.join(dir, 'dataset.json'), 'utf8'));
    expect([meta.format, meta.version, meta.data.shape]).toEqual(['saliency-studio-dataset', 1, [2, 3, 4]]);
  });

  it('reports a truncated values file', async () => {
    const dir = await tempDir();
    await writeDatasetCache(dir, smallDataset());
    await truncate(path.join(dir, 'dataset.f32'), 50);
    await expect(readDatasetCache(dir)).rejects.toMatchObject({ code: 'CACHE_SIZE', value: 50 });
  });

  it('reports values from another dataset of the same size (checksum)', async () => {
    const dir = await tempDir();
    await writeDatasetCache(dir, smallDataset());
    const raw = await readFile(path.join(dir, 'dataset.f32'));
    raw[0] ^= 1;
    await writeFile(path.join(dir, 'dataset.f32'), raw);
    await expect(readDatasetCache(dir)).rejects.toMatchObject({ code: 'CACHE_CHECKSUM' });
  });

  it('reports a wrong version, a bad field, a missing cache and refuses to write mismatched values', async () => {
    const dir = await tempDir();
    await writeDatasetCache(dir, smallDataset());
    const jsonFile = path.join(dir, 'dataset.json');
    const meta = JSON.parse(await readFile(jsonFile, 'utf8'));
    await writeFile(jsonFile, JSON.stringify({ ...meta, version: 2 }));
    await expect(readDatasetCache(dir)).rejects.toMatchObject({ code: 'CACHE_VERSION' });
    meta.samples[1].label = 2;
    await writeFile(jsonFile, JSON.stringify(meta));
    await expect(readDatasetCache(dir)).rejects.toMatchObject({ code: 'CACHE_FIELD', field: 'samples[1].label', value: 2 });
    await writeFile(jsonFile, '{"format": ');
    await expect(readDatasetCache(dir)).rejects.toMatchObject({ code: 'CACHE_JSON' });
    await expect(readDatasetCache(path.join(dir, 'none'))).rejects.toMatchObject({ code: 'CACHE_MISSING' });
    const ds = smallDataset();
    await expect(writeDatasetCache(dir, { ...ds, data: ds.data.subarray(1) })).rejects.toMatchObject({ code: 'CACHE_SHAPE' });
  });
});
