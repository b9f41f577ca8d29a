import { spawn } from 'node:child_process';
import { appendFile, readFile } from 'node:fs/promises';
import path from 'node:path';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { runDetails } from '../../src/api/schemas/train.js';
import { workspacePath } from '../../src/app/layout.js';
import { readRunDetails } from '../../src/app/run-details.js';
import { train } from '../../src/app/train.js';
import { createWorkspace } from '../../src/app/workspace.js';
import { packageRoot } from '../../src/assets.js';
import { TrainingCancelled } from '../../src/jobs/errors.js';
import { tempDir } from '../helpers/temp-tree.js';
import { writeToyDataset } from '../jobs/helpers/toy-dataset.js';

// Training runs in a worker from dist/ (built by `npm test`'s pretest, or `npx tsc -p tsconfig.json`).

/** 21 training samples (3 carved for validation) in 6 batches of 4 per epoch, 2 classes. */
const tiny = (data: string, out: string, epochs: number) => ({
  data, out, backend: 'cpu' as const, model: { hidden: 3 }, training: { epochs, batchSize: 4, learningRate: 0.05, seed: 1 },
});

/** A workspace with the toy dataset `datasets/toy`; runs go to `runs/<name>`. */
async function workspaceWithData() {
  const { root } = await createWorkspace(path.join(await tempDir(), 'ws'));
  const data = await writeToyDataset(workspacePath(root, 'datasets', 'toy'), { counts: { train: [16, 8], test: [5, 5] }, window: 4, regions: 3 });
  return { root, data };
}

/** The run's files read plainly: each metrics.jsonl line parsed, config.json, summary.json. */
async function runFiles(runDir: string) {
  const text = (name: string) => readFile(path.join(runDir, name), 'utf8');
  return {
    metrics: (await text('metrics.jsonl')).split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l)),
    config: JSON.parse(await text('config.json')),
    summary: await text('summary.json').then(JSON.parse, () => null),
  };
}

/** A separate process holding the run folder's lock, as a live training would, until killed. */
async function holdLock(dir: string) {
  const lockModule = path.join(packageRoot(), 'dist', 'src', 'util', 'folder-lock.js');
  const code = `const { acquireFolderLock } = await import(${JSON.stringify(lockModule)});
await acquireFolderLock(${JSON.stringify(dir)}, { operation: 'train' }); console.log('locked'); setInterval(() => {}, 1000);`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', code], { stdio: ['ignore', 'pipe', 'inherit'] });
  const [chunk] = await once(child.stdout!, 'data');
  expect(String(chunk)).toBe('locked\n');
  return child;
}

describe('readRunDetails', () => {
  it('a finished run: every metrics.jsonl line, the summary\'s confusion and classes, its settings, the dataset relative to the workspace', async () => {
    const { root, data } = await workspaceWithData();
    const run = workspacePath(root, 'runs', 'done');
    await train(tiny(data, run, 3));
    const files = await runFiles(run);
    const details = await readRunDetails(run);
    // Exactly what the train.run channel answers, less the name it adds.
    expect(runDetails.parse({ name: 'done', ...details })).toEqual({ name: 'done', ...details });
    expect(details.status).toBe('finished');
    expect(details.dataset).toBe('datasets/toy');
    expect(details.metrics).toEqual(files.metrics);
    expect(details.metrics.map((m) => m.epoch)).toEqual([1, 2, 3]);
    expect(details.model).toEqual(files.config.model);
    expect(details.training).toEqual(files.config.training);
    expect(details.classes).toEqual(['class0', 'class1']);
    expect(details.classes).toEqual(files.summary.classes);
    expect(details.backend).toBe('cpu');
    expect(details.summary).toEqual({
      epochs: 3, bestEpoch: files.summary.bestEpoch, stoppedEarly: files.summary.stoppedEarly, valAccuracy: files.summary.valAccuracy,
      testAccuracy: files.summary.testAccuracy, confusion: files.summary.confusion, wallSeconds: files.summary.wallSeconds, resumes: 0,
      backendReason: files.summary.backendReason,
    });
    // 10 test samples, 5 per class: the confusion matrix counts each once.
    expect(details.summary!.confusion.map((row) => row.reduce((a, b) => a + b, 0))).toEqual([5, 5]);
  });

  it('a stopped run: status stopped (running while another process holds its lock), the epochs so far, the dataset\'s classes, no summary', async () => {
    const { root, data } = await workspaceWithData();
    const run = workspacePath(root, 'runs', 'cut');
    const controller = new AbortController();
    const stopped = await train(tiny(data, run, 6), { signal: controller.signal, onProgress: (p) => p.done >= 12 && controller.abort() }).catch((err) => err);
    expect(stopped).toBeInstanceOf(TrainingCancelled);
    const files = await runFiles(run);
    const details = await readRunDetails(run);
    expect(runDetails.parse({ name: 'cut', ...details })).toEqual({ name: 'cut', ...details });
    expect(details).toMatchObject({ status: 'stopped', dataset: 'datasets/toy', summary: null, backend: files.config.backend.report.backend });
    expect(details.metrics).toEqual(files.metrics);
    expect(details.metrics.length).toBeGreaterThanOrEqual(2);
    const datasetJson = JSON.parse(await readFile(path.join(data, 'dataset.json'), 'utf8'));
    expect(details.classes).toEqual(datasetJson.classes);

    const holder = await holdLock(run);
    try {
      expect((await readRunDetails(run)).status).toBe('running');
    } finally {
      holder.kill();
    }
  });

  it('outside a workspace, names the dataset by its absolute path', async () => {
    const data = await writeToyDataset(path.join(await tempDir(), 'data'), { counts: { train: [16, 8], test: [5, 5] }, window: 4, regions: 3 });
    const run = path.join(await tempDir(), 'run');
    await train(tiny(data, run, 1));
    expect((await readRunDetails(run)).dataset).toBe(data);
  });

  it('refuses a damaged metrics.jsonl line, naming the file and the line', async () => {
    const { root, data } = await workspaceWithData();
    const run = workspacePath(root, 'runs', 'damaged');
    await train(tiny(data, run, 1));
    await appendFile(path.join(run, 'metrics.jsonl'), '{"epoch": 2, "trainLoss": "high"}\n');
    await expect(readRunDetails(run)).rejects.toMatchObject({ code: 'RUN_METRICS', file: path.join(run, 'metrics.jsonl'), field: expect.stringContaining('line 2') });
  });
});
