import * as tf from '@tensorflow/tfjs-core';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { trainingProbe } from '../../src/jobs/backend-probe.js';
import { TrainingCancelled } from '../../src/jobs/errors.js';
import { readModelDir } from '../../src/jobs/model-dir.js';
import type { TrainEvent } from '../../src/jobs/types.js';
import { importPackage } from '../../src/model/backend/loader.js';
import type { BackendProbe } from '../../src/model/backend/probe.js';
import { formatBackendReport, selectBackend } from '../../src/model/backend/select.js';
import { CACHE_DIR_ENV } from '../../src/model/backend/timing-cache.js';
import type { BackendReport, LoadResult, PackageLoader } from '../../src/model/backend/types.js';
import { createClassifier } from '../../src/model/classifier.js';
import { DEFAULT_MODEL_CONFIG, type ModelConfig, type SequenceClassifier } from '../../src/model/types.js';
import { tempDir } from '../helpers/temp-tree.js';
import { newRun, testDeps, trainCollecting } from './helpers/run.js';
import { writeToyDataset } from './helpers/toy-dataset.js';

/** Only the packages every machine has: wasm and cpu are the rungs left to time. */
const wasmAndCpu: PackageLoader = async (name) => {
  const absent = ['@tensorflow/tfjs-node-gpu', '@tensorflow/tfjs-node', 'webgpu'];
  return absent.includes(name) ? ({ status: 'missing' } satisfies LoadResult) : importPackage(name);
};

const tiny: ModelConfig = { ...DEFAULT_MODEL_CONFIG, cell: 'lstm', hidden: 2, inputSize: 3, classes: 2 };

let savedCacheDir: string | undefined;
beforeEach(async () => {
  savedCacheDir = process.env[CACHE_DIR_ENV];
  process.env[CACHE_DIR_ENV] = await tempDir();
});
afterEach(async () => {
  if (savedCacheDir === undefined) delete process.env[CACHE_DIR_ENV];
  else process.env[CACHE_DIR_ENV] = savedCacheDir;
  await tf.setBackend('cpu');
});

describe('timing the real training step on each backend', () => {
  it('measures a tiny classifier on wasm and cpu, chooses the faster, and frees what it built', async () => {
    await tf.setBackend('cpu');
    const before = tf.memory().numTensors;
    const probe = trainingProbe(tiny, { batchSize: 4, window: 5 }, createClassifier, 1);
    const report = await selectBackend('auto', wasmAndCpu, probe);
    expect(report.chosenBy).toBe('measured');
    expect(report.timings?.map((t) => t.name)).toEqual(['wasm', 'cpu']);
    for (const t of report.timings!) expect(t.warmupMs).toBeGreaterThan(0);
    const timed = report.timings!.filter((t) => t.msPerStep !== null);
    const best = timed.reduce((a, b) => (b.msPerStep! < a.msPerStep! ? b : a));
    expect(report.backend).toBe(best.name);
    expect(tf.getBackend()).toBe(best.name);
    const lines = formatBackendReport(report).split('\n');
    expect(lines).toHaveLength(4);
    expect(lines.filter((l) => l.endsWith('← chosen'))).toEqual([expect.stringMatching(new RegExp(`^  ${best.name} `))]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('describes the model and the batch as the cache key shape', () => {
    const probe = trainingProbe(tiny, { batchSize: 50, window: 100 }, createClassifier, 1);
    expect(probe.shape).toEqual({ ...tiny, batchSize: 50, window: 100 });
  });

  it('steps the model it builds: one batch of the given size, and its weights change', async () => {
    const built: SequenceClassifier[] = [];
    const batches: number[] = [];
    const probe = trainingProbe(tiny, { batchSize: 6, window: 5 }, (config, seed) => {
      const model = createClassifier(config, seed);
      built.push(model);
      const logits = model.logits.bind(model);
      return Object.assign(model, { logits: (x: tf.Tensor3D, training: boolean) => (batches.push(x.shape[0]), logits(x, training)) });
    }, 1);
    const session = await probe.prepare('cpu');
    expect(built).toHaveLength(1);
    const initial = built[0].getWeights();
    await session.step();
    expect(batches).toEqual([6]);
    expect(built[0].getWeights()['cell/kernel'].values).not.toEqual(initial['cell/kernel'].values);
    session.dispose();
  });
});

describe('the training engine under auto', () => {
  it('passes the run’s model, batch size and window as the probe, and records the choice', async () => {
    const root = await tempDir();
    const data = await writeToyDataset(path.join(root, 'data'), { counts: { train: [16, 8], test: [5, 5] }, window: 4, regions: 3 });
    const probes: (BackendProbe | undefined)[] = [];
    const select = async (choice: Parameters<typeof selectBackend>[0], probe?: BackendProbe): Promise<BackendReport> => {
      probes.push(probe);
      return selectBackend(choice === 'auto' ? 'cpu' : choice);
    };
    await trainCollecting({ ...newRun(path.join(root, 'run'), data, { epochs: 1, batchSize: 5 }), backend: 'auto' }, {}, { ...testDeps, selectBackend: select });
    expect(probes).toHaveLength(1);
    expect(probes[0]!.shape).toEqual({ ...DEFAULT_MODEL_CONFIG, cell: 'lstm', hidden: 3, inputSize: 3, classes: 2, batchSize: 5, window: 4 });
  });

  it('measures a new auto run, stores the timings in config.json, and a resumed run takes the cached choice', async () => {
    const root = await tempDir();
    const data = await writeToyDataset(path.join(root, 'data'), { counts: { train: [16, 8], test: [5, 5] }, window: 4, regions: 3 });
    const runDir = path.join(root, 'run');
    const deps = { createModel: testDeps.createModel };
    // Cancelled after its first checkpoint, so that there is a run to resume.
    const controller = new AbortController();
    const events: TrainEvent[] = [];
    const cancelled = await trainCollecting({ ...newRun(runDir, data, { epochs: 3 }), backend: 'auto' }, {
      signal: controller.signal,
      onEvent: (e) => { events.push(e); if (e.kind === 'checkpoint') controller.abort(); },
    }, deps).catch((err: unknown) => err);
    expect(cancelled).toBeInstanceOf(TrainingCancelled);
    const chosen = events.find((e) => e.kind === 'backend')!.payload as BackendReport;
    expect(chosen).toMatchObject({ requested: 'auto', chosenBy: 'measured' });
    expect(chosen.timings!.map((t) => t.name)).toContain(chosen.backend);
    const config = JSON.parse(await readFile(path.join(runDir, 'config.json'), 'utf8'));
    expect(config.backend).toEqual({ requested: 'auto', report: chosen });
    // The stored request, auto, is answered from the cache: the same backend, not timed again.
    const resumed = await trainCollecting({ runDir, resume: true }, {}, deps);
    const again = resumed.events.find((e) => e.kind === 'backend')!.payload as BackendReport;
    expect(again).toMatchObject({ backend: chosen.backend, chosenBy: 'cached', timings: chosen.timings });
    expect(resumed.summary).toMatchObject({ epochs: 3, resumes: 1, backend: chosen.backend });
  });

  it('trains exactly as a run asking for the chosen backend by name: timing leaves no trace in the model', async () => {
    const root = await tempDir();
    const data = await writeToyDataset(path.join(root, 'data'), { counts: { train: [16, 8], test: [5, 5] }, window: 4, regions: 3 });
    const deps = { createModel: createClassifier };
    const auto = await trainCollecting({ ...newRun(path.join(root, 'auto'), data, { epochs: 2 }), backend: 'auto' }, {}, deps);
    const chosen = auto.events.find((e) => e.kind === 'backend')!.payload as BackendReport;
    expect(chosen.chosenBy).toBe('measured');
    await trainCollecting({ ...newRun(path.join(root, 'named'), data, { epochs: 2 }), backend: chosen.backend }, {}, deps);
    const weights = async (run: string) => (await readModelDir(path.join(root, run, 'final'))).weights;
    expect(await weights('auto')).toEqual(await weights('named'));
  });
});
