import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { DEMO_DATASET_OPTIONS, DEMO_SEED, writeDemoStudy } from '../../src/demo/index.js';
import { writeDatasetCache } from '../../src/study/cache.js';
import { captureIO } from '../helpers/capture-io.js';
import { suiteTempDir, tempDir } from '../helpers/temp-tree.js';
import { toyDataset } from '../jobs/helpers/toy-dataset.js';

async function demo(args: string[]) {
  const io = captureIO();
  const code = await main(['demo', ...args], io);
  return { code, out: io.stdout(), err: io.stderr() };
}

// One real demo study, as `demo` generates it; each test puts a stored result of other settings beside it.
let out: string;
beforeAll(async () => {
  out = await suiteTempDir();
  await writeDemoStudy(path.join(out, 'study'), DEMO_SEED);
}, 120_000);

describe('saliency-studio demo reuses only what was made with its settings', () => {
  it('refuses a study generated with another seed, naming it, and writes nothing', async () => {
    const other = await tempDir();
    const truth = JSON.parse(await readFile(path.join(out, 'study', 'ground_truth.json'), 'utf8'));
    await mkdir(path.join(other, 'study'));
    await writeFile(path.join(other, 'study', 'ground_truth.json'), JSON.stringify({ ...truth, seed: 2 }));
    const r = await demo(['--out', other]);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`error: ${path.join(other, 'study', 'ground_truth.json')}: settings = "seed: 2 → 1"; expected the demo's settings (this folder holds another version's demo), or --force to start over, or another --out`);
    await expect(stat(path.join(other, 'dataset'))).rejects.toThrow(/ENOENT/);
  });

  it('refuses a dataset cut with other windows from the demo study, naming each setting', async () => {
    const dataset = { ...toyDataset({ counts: { train: [2, 2], test: [1, 1] } }), labelBy: DEMO_DATASET_OPTIONS.labelBy, shiftSeconds: DEMO_DATASET_OPTIONS.shiftSeconds, window: 4, stride: 2, seed: DEMO_SEED };
    dataset.data = new Float32Array(dataset.samples.length * 4 * dataset.regions.length);
    await writeDatasetCache(path.join(out, 'dataset'), dataset);
    const r = await demo(['--out', out]);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`error: ${path.join(out, 'dataset', 'dataset.json')}: settings = "window: 4 → 40; stride: 2 → 8"; expected the demo's settings`);
    await expect(stat(path.join(out, 'runs'))).rejects.toThrow(/ENOENT/);
  });

  it('documents --force in its help', async () => {
    expect((await demo(['--help'])).out).toMatch(/--force +start over: regenerate the study and dataset and retrain both models/);
  });
});
