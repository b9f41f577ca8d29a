import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILD_DATASET_DEFAULTS, buildDataset } from '../../src/app/build-dataset.js';
import type { Progress } from '../../src/app/context.js';
import { parcellationCacheDir } from '../../src/app/layout.js';
import { formatStudySummary } from '../../src/cli/format/study.js';
import { main } from '../../src/cli/main.js';
import { readDatasetCache } from '../../src/study/index.js';
import { isCancelled } from '../../src/util/cancel.js';
import { captureIO } from '../helpers/capture-io.js';
import { tempDir } from '../helpers/temp-tree.js';
import { writeTinyNiftiStudy } from '../helpers/tiny-nifti-study.js';
import { writeTableStudy } from '../helpers/table-study.js';

const tableStudy = () => writeTableStudy(3, 24);

async function niftiStudy() {
  const root = await tempDir();
  const { dir, atlasFile, namesFile } = await writeTinyNiftiStudy(root, { x: 2, y: 2 });
  return { root, dir, atlas: { labels: atlasFile, names: namesFile }, out: path.join(root, 'dataset') };
}

describe('buildDataset', () => {
  it('has the defaults the study command documents', () => {
    expect(BUILD_DATASET_DEFAULTS).toEqual({
      window: 10, stride: 5, labelBy: 'task', shiftSeconds: 0, zscore: true,
      split: { train: 0.6, validation: 0.2, test: 0.2 }, seed: 0,
    });
  });

  it('uses the defaults for every option left out', async () => {
    const dir = await tableStudy();
    const out = path.join(await tempDir(), 'dataset');
    const { summary } = await buildDataset({ input: { dir }, out });
    expect(summary).toMatchObject({ window: 10, stride: 5, labelBy: 'task', shiftSeconds: 0, classes: ['a', 'b'] });
    // 24 volumes: windows start at 0, 5, 10 → 3 per run, 6 runs.
    expect(summary.windows.total).toBe(18);
    expect(Object.values(summary.splitSubjects).map((s) => s.length)).toEqual([1, 1, 1]);
    expect((await readDatasetCache(out)).samples.length).toBe(18);
  });

  it('reports progress per run and per volume, with phase, done, total and an ETA once there is pace', async () => {
    const { dir, atlas, out } = await niftiStudy();
    const events: Progress[] = [];
    const result = await buildDataset({ input: { dir }, atlas, window: 3, stride: 2, out }, { onProgress: (p) => events.push(p) });
    expect(result.out).toBe(path.resolve(out));
    const phases = [...new Set(events.map((e) => e.phase))];
    expect(phases).toEqual(['discover', 'runs', 'volumes', 'windows']);
    const runs = events.filter((e) => e.phase === 'runs');
    expect(runs.map((e) => [e.done, e.total])).toEqual([0, 1, 2, 3, 4, 5, 6].map((d) => [d, 6]));
    expect(runs[0].item).toBe('sub-01_task-x');
    expect(runs[0].etaSeconds).toBeNull();
    expect(runs.slice(1).every((e) => typeof e.etaSeconds === 'number' && e.etaSeconds >= 0)).toBe(true);
    expect(runs.at(-1)!.etaSeconds).toBe(0);
    const volumes = events.filter((e) => e.phase === 'volumes');
    expect(new Set(volumes.map((e) => e.item)).size).toBe(6);
    expect(volumes.filter((e) => e.item === runs[0].item).at(-1)).toMatchObject({ done: 8, total: 8, etaSeconds: 0 });
  });

  it('cancelled mid-parcellation, it throws Cancelled and writes no dataset', async () => {
    const { dir, atlas, out } = await niftiStudy();
    const controller = new AbortController();
    const error = await buildDataset({ input: { dir }, atlas, window: 3, stride: 2, out }, {
      signal: controller.signal,
      onProgress: (p) => {
        if (p.phase === 'volumes') controller.abort();
      },
    }).catch((err: unknown) => err);
    expect(isCancelled(error)).toBe(true);
    const written = await readdir(out).catch(() => []);
    expect(written).not.toContain('dataset.json');
    expect(written).not.toContain('dataset.f32');
  });

  it('an already-aborted signal throws Cancelled before any work', async () => {
    const { dir, atlas, out } = await niftiStudy();
    const error = await buildDataset({ input: { dir }, atlas, out }, { signal: AbortSignal.abort() }).catch((err: unknown) => err);
    expect(isCancelled(error)).toBe(true);
    expect(await readdir(parcellationCacheDir(out)).catch(() => null)).toBeNull();
  });

  it('returns the summary the study command prints', async () => {
    const { root, dir, atlas } = await niftiStudy();
    const cliOut = path.join(root, 'cli');
    const io = captureIO();
    expect(await main(['study', dir, '--atlas', atlas.labels, '--names', atlas.names, '--window', '3', '--stride', '2', '--seed', '4', '--out', cliOut], io)).toBe(0);
    const appOut = path.join(root, 'app');
    const { summary } = await buildDataset({ input: { dir }, atlas, window: 3, stride: 2, seed: 4, out: appOut });
    expect(io.stdout()).toBe(`${formatStudySummary(summary)}dataset written to ${cliOut}\n`);
  });
});
