import { copyFile, mkdir, readdir } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveAtlas } from '../../src/app/atlas.js';
import type { Progress } from '../../src/app/context.js';
import { runWorkerOperation } from '../../src/app/worker-operation.js';
import { DEMO_SUBJECTS, DEMO_TASKS } from '../../src/demo/index.js';
import type { JobLauncher } from '../../src/jobs/worker/host.js';
import { lookupParcellation } from '../../src/study/parcellation-cache.js';
import { isCancelled } from '../../src/util/cancel.js';
import { tempDir } from '../helpers/temp-tree.js';
import { REAL_BOLD, readReferenceMeans, writeRealStudy } from './helpers/real-study.js';

// The real-worker cases run the compiled dist/ (`npx tsc -p tsconfig.json` first).
const failure = (p: Promise<unknown>) => p.then(() => new Error('resolved'), (err: unknown) => err);

/** A launcher that records each call and answers with `result` after sending `progress`. */
function fakeLauncher(result: unknown, progress: Progress[] = []) {
  const calls: { name: string; args: unknown; signal?: AbortSignal }[] = [];
  const launch = ((name: string, args: unknown, options: { signal?: AbortSignal; onProgress?: (p: Progress) => void } = {}) => {
    calls.push({ name, args, signal: options.signal });
    for (const p of progress) options.onProgress?.(p);
    return { result: Promise.resolve(result), kill: async () => {} };
  }) as unknown as JobLauncher;
  return { launch, calls };
}

describe('runWorkerOperation with a given launcher', () => {
  it('starts the named operation with its args and the caller’s signal, forwards progress and resolves with the result', async () => {
    const result = { dir: '/w/studies/demo', created: true };
    const sent: Progress[] = [{ phase: 'generate', done: 1, total: 24, etaSeconds: 3 }, { phase: 'generate', done: 2, total: 24, etaSeconds: 2.5 }];
    const { launch, calls } = fakeLauncher(result, sent);
    const signal = new AbortController().signal;
    const seen: Progress[] = [];
    expect(await runWorkerOperation('demoStudy', { dir: '/w/studies/demo', seed: 3 }, { launch, signal, onProgress: (p) => seen.push(p) })).toBe(result);
    expect(calls).toEqual([{ name: 'demoStudy', args: { dir: '/w/studies/demo', seed: 3 }, signal }]);
    expect(seen).toEqual(sent);
  });

  it('an already-aborted signal throws Cancelled and starts nothing', async () => {
    const { launch, calls } = fakeLauncher({});
    const error = await failure(runWorkerOperation('demoStudy', { dir: '/w' }, { launch, signal: AbortSignal.abort() }));
    expect(isCancelled(error)).toBe(true);
    expect(calls).toEqual([]);
  });
});

describe('runWorkerOperation in the real job worker', () => {
  it('parcellates a study of a real 4-D run into the cache, forwarding per-run and per-volume progress', async () => {
    const root = await tempDir();
    const study = await writeRealStudy(root);
    const cacheDir = path.join(root, 'cache');
    const progress: Progress[] = [];
    const result = await runWorkerOperation('parcellateStudy', { input: { dir: study.dir }, cacheDir }, { onProgress: (p) => progress.push(p) });
    expect(result).toEqual({
      runs: [{ name: 'sub-01_task-demo', file: study.bold, fromCache: false, volumes: 24, regions: 116, vanished: [], warnings: [] }],
      imported: ['sub-02_task-demo'],
    });
    expect(progress.filter((p) => p.phase === 'runs').map((p) => p.done)).toEqual([0, 1, 2]);
    expect(progress.filter((p) => p.phase === 'volumes').at(-1)).toMatchObject({ done: 24, total: 24, item: 'sub-01_task-demo' });
    const cached = await lookupParcellation(study.bold, await resolveAtlas(), cacheDir);
    const reference = readReferenceMeans();
    reference.forEach((row, i) => row.means.forEach((m, t) => expect(Math.abs(cached!.means[i][t] - m)).toBeLessThan(1e-4)));
  });

  it('aborting the signal cancels the job in the worker: it rejects with Cancelled, the runs done stay cached', async () => {
    // Three copies of the real run, so the worker is still busy (half a second a run) when the cancel arrives.
    const dir = path.join(await tempDir(), 'bids');
    const bolds = ['01', '02', '03'].map((s) => path.join(dir, `sub-${s}/func/sub-${s}_task-demo_bold.nii.gz`));
    for (const bold of bolds) {
      await mkdir(path.dirname(bold), { recursive: true });
      await copyFile(REAL_BOLD, bold);
    }
    const cacheDir = path.join(dir, '..', 'cache');
    const controller = new AbortController();
    const error = await failure(runWorkerOperation('parcellateStudy', { input: { dir }, cacheDir }, {
      signal: controller.signal,
      onProgress: (p) => p.phase === 'runs' && p.done === 1 && controller.abort(),
    }));
    expect(isCancelled(error)).toBe(true);
    const atlas = await resolveAtlas();
    expect(await lookupParcellation(bolds[0], atlas, cacheDir)).not.toBeNull();
    expect(await lookupParcellation(bolds[2], atlas, cacheDir)).toBeNull();
  });

  it('generates the demo study in the worker, and a cancel there leaves no study', async () => {
    const parent = await tempDir();
    const controller = new AbortController();
    const progress: Progress[] = [];
    const error = await failure(runWorkerOperation('demoStudy', { dir: path.join(parent, 'demo') }, {
      signal: controller.signal,
      onProgress: (p) => {
        progress.push(p);
        if (p.done === 1) controller.abort();
      },
    }));
    expect(isCancelled(error)).toBe(true);
    expect(progress[0]).toEqual({ phase: 'generate', done: 0, total: DEMO_SUBJECTS.length * DEMO_TASKS.length, etaSeconds: null });
    expect(await readdir(parent)).toEqual([]);
  });
});
