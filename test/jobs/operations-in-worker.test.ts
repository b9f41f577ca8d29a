import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import type { JobProgress } from '../../src/jobs/protocol/schemas.js';
import { WorkerExitError } from '../../src/jobs/worker/errors.js';
import { startJob } from '../../src/jobs/worker/host.js';
import { readSaliencyResult } from '../../src/saliency/store.js';
import { readDatasetCache } from '../../src/study/cache.js';
import { isCancelled } from '../../src/util/cancel.js';
import { writeKnownRun } from '../report/helpers/known-run.js';
import { tinyRun } from '../saliency/helpers/tiny-run.js';
import { tempDir } from '../helpers/temp-tree.js';
import { writeTinyNiftiStudy } from '../helpers/tiny-nifti-study.js';

// Each job runs in a worker thread on the compiled dist/ (`npx tsc -p tsconfig.json` first).
// Training's run, cancel, resume and kill are in worker.test.ts.
const aborted = () => AbortSignal.abort();
const failure = (p: Promise<unknown>) => p.then(() => new Error('resolved'), (err: unknown) => err);

describe('explain in a worker thread', () => {
  let runDir = '';
  beforeAll(async () => {
    ({ runDir } = await tinyRun());
  });
  const args = (out: string) => ({ request: { runDir, method: 'grad' as const, samples: 'test' as const, target: 'true' as const, options: {} }, batchSize: 2, backend: 'cpu' as const, out });

  it('computes and stores the run’s saliency, reporting progress per batch', async () => {
    const out = path.join(await tempDir(), 'grad');
    const progress: JobProgress[] = [];
    const result = await startJob('explain', args(out), { onProgress: (p) => progress.push(p) }).result;
    expect(result).toMatchObject({ out, method: 'grad', samples: 20, batchSize: 2, backend: 'cpu' });
    expect(new Set(progress.map((p) => p.phase))).toEqual(new Set(['saliency']));
    expect(progress.at(-1)).toMatchObject({ done: 20, total: 20 });
    expect(progress.length).toBeGreaterThan(2);
    expect((await readSaliencyResult(out)).index.samples.length).toBe(20);
  });

  it('a cancel at the first progress ends with Cancelled and writes nothing', async () => {
    const out = path.join(await tempDir(), 'grad');
    const controller = new AbortController();
    const error = await failure(startJob('explain', args(out), { signal: controller.signal, onProgress: () => controller.abort() }).result);
    expect(isCancelled(error)).toBe(true);
    await expect(readdir(out)).rejects.toThrow(/ENOENT/);
  });

  it('an input error in the worker comes back as an InputError with its fields', async () => {
    const missing = path.join(await tempDir(), 'no-run');
    const error = await failure(startJob('explain', { ...args(path.join(missing, 'out')), request: { ...args('').request, runDir: missing } }).result);
    expect(error).toBeInstanceOf(InputError);
    expect(error).toMatchObject({ code: expect.any(String), file: expect.stringContaining(missing) });
  });

  it('a worker killed mid-explain is reported as died, not resumable', async () => {
    const out = path.join(await tempDir(), 'grad');
    const job = startJob('explain', args(out), { onProgress: () => void job.kill() });
    const error = await failure(job.result);
    expect(error).toBeInstanceOf(WorkerExitError);
    expect(error).toMatchObject({ reason: 'killed', resumable: false });
  });
});

describe('assembleStudy in a worker thread', () => {
  const study = async () => {
    const root = await tempDir();
    const { dir, atlasFile, namesFile } = await writeTinyNiftiStudy(root, { x: 2, y: 2 });
    return { root, args: { input: { dir }, atlas: { labels: atlasFile, names: namesFile }, window: 3, stride: 2, labelBy: 'task' as const, out: path.join(root, 'dataset') } };
  };

  it('loads the atlas from its paths, assembles the study and writes the dataset cache', async () => {
    const { args } = await study();
    const progress: JobProgress[] = [];
    const { out, summary } = await startJob('assembleStudy', args, { onProgress: (p) => progress.push(p) }).result;
    expect(out).toBe(args.out);
    expect(summary).toMatchObject({ subjects: ['01', '02', '03'], windows: { total: 18 }, parcellation: { parcellated: 6 } });
    expect(progress.filter((p) => p.phase === 'runs').at(-1)).toMatchObject({ done: 6, total: 6 });
    expect((await readDatasetCache(out)).samples.length).toBe(18);
  });

  it('cancelled, it ends with Cancelled and writes no dataset', async () => {
    const { args } = await study();
    const error = await failure(startJob('assembleStudy', args, { signal: aborted() }).result);
    expect(isCancelled(error)).toBe(true);
    const written = await readdir(args.out).catch(() => []);
    expect(written).not.toContain('dataset.json');
    expect(written).not.toContain('dataset.f32');
  });
});

describe('exportReport in a worker thread', () => {
  it('writes the report and reports each format as progress', async () => {
    const root = await tempDir();
    const { runDir, saliencyDir } = await writeKnownRun(root);
    const out = path.join(root, 'report');
    const progress: JobProgress[] = [];
    const result = await startJob('exportReport', { runDir, saliencyDir, out, formats: ['tsv', 'json'] }, { onProgress: (p) => progress.push(p) }).result;
    expect(result.out).toBe(out);
    expect(result.files).toContain('regions.tsv');
    expect(progress.map((p) => [p.phase, p.done, p.total, p.item])).toEqual([['export', 0, 2, 'tsv'], ['export', 1, 2, 'json'], ['export', 2, 2, 'json']]);
    expect((await readdir(out)).sort()).toEqual([...result.files].sort());
  });

  it('cancelled, it ends with Cancelled and leaves the output folder as it was', async () => {
    const root = await tempDir();
    const { runDir, saliencyDir } = await writeKnownRun(root);
    const out = path.join(root, 'report');
    await mkdir(out);
    await writeFile(path.join(out, 'regions.tsv'), 'old\n');
    const error = await failure(startJob('exportReport', { runDir, saliencyDir, out, formats: ['tsv', 'json'] }, { signal: aborted() }).result);
    expect(isCancelled(error)).toBe(true);
    expect(await readdir(out)).toEqual(['regions.tsv']);
    expect(await readFile(path.join(out, 'regions.tsv'), 'utf8')).toBe('old\n');
    expect((await readdir(root)).filter((name) => name.includes('partial') || name.includes('lock'))).toEqual([]);
  });
});
