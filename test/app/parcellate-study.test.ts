import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { resolveAtlas } from '../../src/app/atlas.js';
import type { Progress } from '../../src/app/context.js';
import { parcellateStudy, type ParcellateStudyResult } from '../../src/app/parcellate-study.js';
import { lookupParcellation } from '../../src/study/parcellation-cache.js';
import { isCancelled } from '../../src/util/cancel.js';
import { suiteTempDir, tempDir } from '../helpers/temp-tree.js';
import { writeTinyNiftiStudy } from '../helpers/tiny-nifti-study.js';
import { readReferenceMeans, writeRealStudy } from './helpers/real-study.js';

const failure = (p: Promise<unknown>) => p.then(() => new Error('resolved'), (err: unknown) => err);

describe('parcellateStudy on a study of real files (a 4-D run and a region table)', () => {
  const reference = readReferenceMeans();
  let study: Awaited<ReturnType<typeof writeRealStudy>>;
  let cacheDir = '';
  let first: ParcellateStudyResult;
  const progress: Progress[] = [];

  beforeAll(async () => {
    const root = await suiteTempDir();
    study = await writeRealStudy(root);
    cacheDir = path.join(root, 'cache');
    first = await parcellateStudy({ input: { dir: study.dir }, cacheDir }, { onProgress: (p) => progress.push(p) });
  });

  it('parcellates the NIfTI run with the bundled AAL and lists the table run as imported', () => {
    expect(first).toEqual({
      runs: [{ name: 'sub-01_task-demo', file: study.bold, fromCache: false, volumes: 24, regions: 116, vanished: [], warnings: [] }],
      imported: ['sub-02_task-demo'],
    });
  });

  it('leaves in the cache every region mean nibabel computes, to 1e-4', async () => {
    const cached = await lookupParcellation(study.bold, await resolveAtlas(), cacheDir);
    expect(cached!.regions.map((r) => [r.label, r.name, r.voxels])).toEqual(reference.map((r) => [r.label, r.name, r.voxels]));
    let worst = 0;
    reference.forEach((row, i) => row.means.forEach((m, t) => (worst = Math.max(worst, Math.abs(cached!.means[i][t] - m)))));
    expect(worst).toBeLessThan(1e-4);
  });

  it('reports one runs step per run naming it, and the run’s volumes, with an ETA once there is pace', () => {
    const runs = progress.filter((p) => p.phase === 'runs');
    expect(runs.map((p) => [p.done, p.total, p.item])).toEqual([[0, 2, 'sub-01_task-demo'], [1, 2, 'sub-02_task-demo'], [2, 2, 'sub-02_task-demo']]);
    expect(runs[0].etaSeconds).toBeNull();
    expect(runs.at(-1)!.etaSeconds).toBe(0);
    const volumes = progress.filter((p) => p.phase === 'volumes');
    expect(volumes.every((p) => p.item === 'sub-01_task-demo' && p.total === 24)).toBe(true);
    expect(volumes.at(-1)).toMatchObject({ done: 24, total: 24, etaSeconds: 0 });
  });

  it('a second call serves the run from the cache: fromCache, and no volume read', async () => {
    const again: Progress[] = [];
    const second = await parcellateStudy({ input: { dir: study.dir }, cacheDir }, { onProgress: (p) => again.push(p) });
    expect(second).toEqual({ ...first, runs: [{ ...first.runs[0], fromCache: true }] });
    expect(again.filter((p) => p.phase === 'volumes')).toEqual([]);
  });
});

describe('parcellateStudy on the tiny study', () => {
  const tiny = async () => {
    const root = await tempDir();
    const { dir, atlasFile, namesFile } = await writeTinyNiftiStudy(root, { x: 2, y: 2 });
    return { dir, atlas: { labels: atlasFile, names: namesFile }, cacheDir: path.join(root, 'cache') };
  };

  it('lists as vanished the region with no voxel on the runs’ grid', async () => {
    const { dir, atlas, cacheDir } = await tiny();
    const { runs } = await parcellateStudy({ input: { dir }, atlas, cacheDir });
    expect(runs.map((r) => r.name)).toEqual(['01', '02', '03'].flatMap((s) => [`sub-${s}_task-x`, `sub-${s}_task-y`]));
    for (const run of runs) expect(run).toMatchObject({ volumes: 8, regions: 3, vanished: [{ label: 3, name: 'Gone' }] });
  });

  it('cancelled during the second run, it throws Cancelled; the first run stays cached, the second is not', async () => {
    const { dir, atlas, cacheDir } = await tiny();
    const controller = new AbortController();
    const error = await failure(parcellateStudy({ input: { dir }, atlas, cacheDir }, {
      signal: controller.signal,
      onProgress: (p) => p.phase === 'volumes' && p.item === 'sub-01_task-y' && controller.abort(),
    }));
    expect(isCancelled(error)).toBe(true);
    const loaded = await resolveAtlas(atlas);
    expect(await lookupParcellation(path.join(dir, 'sub-01/func/sub-01_task-x_bold.nii.gz'), loaded, cacheDir)).not.toBeNull();
    expect(await lookupParcellation(path.join(dir, 'sub-01/func/sub-01_task-y_bold.nii.gz'), loaded, cacheDir)).toBeNull();
    const { runs } = await parcellateStudy({ input: { dir }, atlas, cacheDir });
    expect(runs.map((r) => r.fromCache)).toEqual([true, false, false, false, false, false]);
  });

  it('an already-aborted signal throws Cancelled before any work', async () => {
    const { dir, atlas, cacheDir } = await tiny();
    expect(isCancelled(await failure(parcellateStudy({ input: { dir }, atlas, cacheDir }, { signal: AbortSignal.abort() })))).toBe(true);
    expect(await readdir(cacheDir).catch(() => null)).toBeNull();
  });
});
