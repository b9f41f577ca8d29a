import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Progress } from '../../src/app/context.js';
import { createDemoStudy } from '../../src/app/demo-study.js';
import { DEMO_GROUND_TRUTH, DEMO_SEED, readDemoGroundTruth } from '../../src/demo/index.js';
import { isCancelled } from '../../src/util/cancel.js';
import { suiteTempDir, tempDir, writeTree } from '../helpers/temp-tree.js';

const failure = (p: Promise<unknown>) => p.then(() => new Error('resolved'), (err: unknown) => err);

/** Every file under `dir`, relative, with its modification time. */
async function filesWithTimes(dir: string): Promise<Map<string, number>> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = entries.filter((e) => e.isFile()).map((e) => path.relative(dir, path.join(e.parentPath, e.name)));
  return new Map(await Promise.all(files.map(async (f) => [f, (await stat(path.join(dir, f))).mtimeMs] as const)));
}

describe('createDemoStudy', () => {
  let dir = '';
  let truthText = '';
  const progress: Progress[] = [];
  let first: Awaited<ReturnType<typeof createDemoStudy>>;

  beforeAll(async () => {
    dir = path.join(await suiteTempDir(), 'studies', 'demo');
    first = await createDemoStudy({ dir }, { onProgress: (p) => progress.push(p) });
    truthText = await readFile(path.join(dir, DEMO_GROUND_TRUTH), 'utf8');
  }, 120_000); // the whole demo study: about 20 s on 2 cores

  it('generates the demo study of DEMO_SEED: 16 subjects × 3 tasks, each run’s image, sidecar and events', async () => {
    expect(first).toEqual({ dir, created: true });
    const truth = await readDemoGroundTruth(dir);
    expect(truth.seed).toBe(DEMO_SEED);
    expect(truth.runs).toHaveLength(48);
    const files = await filesWithTimes(dir);
    // dataset_description.json, participants.tsv, README.md, ground_truth.json and 3 files per run.
    expect(files.size).toBe(4 + 48 * 3);
    for (const run of truth.runs) expect(files.has(run.bold) && files.has(run.events!)).toBe(true);
  });

  it('reports phase generate: runs simulated of 48, from 0, with an ETA once there is pace', () => {
    expect(progress.every((p) => p.phase === 'generate')).toBe(true);
    expect(progress.map((p) => [p.done, p.total])).toEqual(Array.from({ length: 49 }, (_, k) => [k, 48]));
    expect(progress[0].etaSeconds).toBeNull();
    expect(progress.at(-1)!.etaSeconds).toBe(0);
  });

  it('a second call finds the study and keeps it: created false, no file rewritten, no progress', async () => {
    const before = await filesWithTimes(dir);
    const again: Progress[] = [];
    expect(await createDemoStudy({ dir, seed: DEMO_SEED }, { onProgress: (p) => again.push(p) })).toEqual({ dir, created: false });
    expect(await filesWithTimes(dir)).toEqual(before);
    expect(again).toEqual([]);
  });

  it('refuses a folder holding the demo of another seed, naming both seeds', async () => {
    const other = await tempDir();
    await writeFile(path.join(other, DEMO_GROUND_TRUTH), truthText);
    const error = await failure(createDemoStudy({ dir: other, seed: 5 }));
    expect(error).toMatchObject({ name: 'StudyError', code: 'DEMO_SETTINGS', file: path.join(other, DEMO_GROUND_TRUTH), field: 'seed', value: DEMO_SEED });
    expect((error as Error).message).toContain('expected 5 (');
  });

  it('refuses a demo folder whose runs are gone, naming the first missing file, and writes nothing', async () => {
    const other = await tempDir();
    await writeFile(path.join(other, DEMO_GROUND_TRUTH), truthText);
    const error = await failure(createDemoStudy({ dir: other }));
    const firstBold = JSON.parse(truthText).runs[0].bold as string;
    expect(error).toMatchObject({ name: 'StudyError', code: 'DEMO_INCOMPLETE', file: path.join(other, firstBold) });
    expect(await readdir(other)).toEqual([DEMO_GROUND_TRUTH]);
  });

  it('refuses a folder of other files (the user’s are never overwritten)', async () => {
    const other = await tempDir();
    await writeTree(other, { 'notes.txt': 'mine' });
    expect(await failure(createDemoStudy({ dir: other }))).toMatchObject({ name: 'StudyError', code: 'DEMO_DIR' });
    expect(await readFile(path.join(other, 'notes.txt'), 'utf8')).toBe('mine');
  });

  it('cancelled after the first run, it throws Cancelled and leaves no study and no staging folder', async () => {
    const parent = await tempDir();
    const controller = new AbortController();
    const error = await failure(createDemoStudy({ dir: path.join(parent, 'demo') }, {
      signal: controller.signal,
      onProgress: (p) => p.done === 1 && controller.abort(),
    }));
    expect(isCancelled(error)).toBe(true);
    expect(await readdir(parent)).toEqual([]);
  });
});
