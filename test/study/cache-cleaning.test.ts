import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readDatasetCache, writeDatasetCache, type Dataset } from '../../src/study/index.js';
import { tempDir } from '../helpers/temp-tree.js';

const SHA = 'ab'.repeat(32);

/** Two samples of a 3-step window, cleaned with the scrubbing preset; `confounds` is the table's path. */
function cleanedDataset(confounds: string): Dataset {
  const samples = [
    { subject: '01', session: null, run: '1', task: 'a', onsetSeconds: 0, label: 0, split: 'train' as const },
    { subject: '02', session: null, run: null, task: 'b', onsetSeconds: 3, label: 1, split: 'test' as const },
  ];
  return {
    version: 1, regions: [{ label: null, name: 'x' }, { label: null, name: 'y' }], classes: ['a', 'b'], labelBy: 'task',
    window: 3, stride: 2, shiftSeconds: 0, tr: 1.5, zscored: true, seed: 0, samples,
    cleaning: { settings: { preset: 'scrubbing', highPass: 0.01, scrub: { fd: 0.4 } }, confounds: [{ run: 'sub-01_task-a_run-1', path: confounds, sha256: SHA }] },
    data: Float32Array.from({ length: 2 * 3 * 2 }, (_, i) => i),
  };
}

/** Writes the dataset, then rewrites dataset.json with `edit` applied. */
async function withEditedJson(edit: (meta: Record<string, any>) => void): Promise<string> {
  const root = await tempDir();
  const dir = path.join(root, 'ds');
  await writeDatasetCache(dir, cleanedDataset(path.join(root, 'study', 'c.tsv')));
  const jsonFile = path.join(dir, 'dataset.json');
  const meta = JSON.parse(await readFile(jsonFile, 'utf8'));
  edit(meta);
  await writeFile(jsonFile, JSON.stringify(meta));
  return dir;
}

describe('dataset.json cleaning record', () => {
  it('stores a confounds table inside the workspace relative to the dataset, so moving the workspace keeps it valid', async () => {
    const root = await tempDir();
    const workspace = path.join(root, 'ws');
    const table = path.join(workspace, 'studies', 'demo', 'sub-01_desc-confounds_timeseries.tsv');
    const dir = path.join(workspace, 'datasets', 'ds');
    await writeDatasetCache(dir, cleanedDataset(table), { root: workspace });
    const meta = JSON.parse(await readFile(path.join(dir, 'dataset.json'), 'utf8'));
    expect(meta.cleaning.confounds[0].path).toBe('../../studies/demo/sub-01_desc-confounds_timeseries.tsv');
    const moved = path.join(root, 'elsewhere');
    await mkdir(moved);
    await rename(workspace, path.join(moved, 'ws'));
    const back = await readDatasetCache(path.join(moved, 'ws', 'datasets', 'ds'));
    expect(back.cleaning).toEqual({
      settings: { preset: 'scrubbing', highPass: 0.01, scrub: { fd: 0.4 } },
      confounds: [{ run: 'sub-01_task-a_run-1', path: path.join(moved, 'ws', 'studies', 'demo', 'sub-01_desc-confounds_timeseries.tsv'), sha256: SHA }],
    });
  });

  it('stores a confounds table outside the workspace by its absolute path', async () => {
    const outside = path.join(await tempDir(), 'study', 'c.tsv');
    const workspace = await tempDir();
    const dir = path.join(workspace, 'datasets', 'ds');
    await writeDatasetCache(dir, cleanedDataset(outside), { root: workspace });
    const meta = JSON.parse(await readFile(path.join(dir, 'dataset.json'), 'utf8'));
    expect(meta.cleaning.confounds[0].path).toBe(outside);
    expect((await readDatasetCache(dir)).cleaning!.confounds[0].path).toBe(outside);
  });

  it.each([
    ['an unknown preset', (m: Record<string, any>) => { m.cleaning.settings.preset = 'aroma'; }, 'cleaning.settings.preset', 'one of simple, scrubbing, compcor'],
    ['a negative cut-off', (m: Record<string, any>) => { m.cleaning.settings.highPass = -1; }, 'cleaning.settings.highPass', 'a frequency in Hz > 0'],
    ['settings that are not an object', (m: Record<string, any>) => { m.cleaning.settings = 'simple'; }, 'cleaning.settings', 'an object (the cleaning settings)'],
    ['confounds that are not a list', (m: Record<string, any>) => { m.cleaning.confounds = {}; }, 'cleaning.confounds', 'an array of {run, path, sha256}'],
    ['a bad checksum', (m: Record<string, any>) => { m.cleaning.confounds[0].sha256 = 'xyz'; }, 'cleaning.confounds[0].sha256', 'a SHA-256 in hex'],
    ['a missing path', (m: Record<string, any>) => { delete m.cleaning.confounds[0].path; }, 'cleaning.confounds[0].path', 'the confounds table\'s path'],
  ])('refuses a cleaning record with %s, naming the field', async (_what, edit, field, expected) => {
    const dir = await withEditedJson(edit);
    await expect(readDatasetCache(dir)).rejects.toMatchObject({ code: 'CACHE_FIELD', field, expected });
  });
});

describe('dataset.json per-sample task-ON steps', () => {
  it('reads back an `on` string of window 0/1 characters', async () => {
    const dir = await withEditedJson((m) => { m.samples[0].on = '011'; m.samples[1].on = '000'; });
    const back = await readDatasetCache(dir);
    expect(back.samples.map((s) => (s as { on?: string }).on)).toEqual(['011', '000']);
  });

  it.each([
    ['too short', '01'],
    ['too long', '0110'],
    ['other characters', '0a1'],
    ['a number', 11],
    ['an array', [0, 1, 1]],
  ])('refuses an `on` that is %s, naming samples[i].on', async (_what, on) => {
    const dir = await withEditedJson((m) => { m.samples[1].on = on; });
    await expect(readDatasetCache(dir)).rejects.toMatchObject({
      code: 'CACHE_FIELD', field: 'samples[1].on', expected: 'a string of 3 characters 0 or 1 (the window\'s task-ON steps)',
    });
  });
});
