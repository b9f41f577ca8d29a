import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Progress } from '../../src/app/context.js';
import { train, TRAIN_DEFAULTS, trainRequest } from '../../src/app/train.js';
import { TrainingCancelled, TrainingError } from '../../src/jobs/errors.js';
import { DEFAULT_TRAIN_OPTIONS, type TrainEvent } from '../../src/jobs/types.js';
import { DEFAULT_MODEL_CONFIG } from '../../src/model/types.js';
import { tempDir } from '../helpers/temp-tree.js';
import { writeToyDataset } from '../jobs/helpers/toy-dataset.js';

// Training runs in a worker from dist/ (built by `npm test`'s pretest, or `npx tsc -p tsconfig.json`).

async function toyData(): Promise<string> {
  return writeToyDataset(path.join(await tempDir(), 'data'), { counts: { train: [16, 8], test: [5, 5] }, window: 4, regions: 3 });
}

/** 21 training samples (3 carved for validation) in 6 batches of 4 per epoch. */
const tiny = (data: string, out: string, epochs: number) => ({
  data, out, backend: 'cpu' as const, model: { hidden: 3 }, training: { epochs, batchSize: 4, learningRate: 0.05, seed: 1 },
});

describe('app train', () => {
  it('fills every setting left out from the model and trainer defaults, and resolves the dataset folder', async () => {
    // One place: the app's defaults are the core's objects, not copies that could drift.
    expect(TRAIN_DEFAULTS.model).toBe(DEFAULT_MODEL_CONFIG);
    expect(TRAIN_DEFAULTS.training).toBe(DEFAULT_TRAIN_OPTIONS);
    const data = await toyData();
    const out = path.join(await tempDir(), 'run');
    expect(await trainRequest({ data: path.join(data, 'dataset.json'), out })).toEqual({
      runDir: out, dataDir: data, model: DEFAULT_MODEL_CONFIG, training: DEFAULT_TRAIN_OPTIONS, backend: 'auto',
    });
    const request = await trainRequest({ data, out, model: { hidden: 3 }, training: { epochs: 7 } });
    expect(request).toMatchObject({ model: { ...DEFAULT_MODEL_CONFIG, hidden: 3 }, training: { ...DEFAULT_TRAIN_OPTIONS, epochs: 7 } });
    expect(await trainRequest({ out, resume: true })).toEqual({ runDir: out, resume: true });
  });

  it('refuses an out-of-range setting or a missing dataset as a TrainingError naming the field', async () => {
    const data = await toyData();
    const out = path.join(await tempDir(), 'run');
    await expect(trainRequest({ data, out, training: { epochs: 0 } })).rejects.toThrow(TrainingError);
    await expect(trainRequest({ data, out, training: { epochs: 0 } })).rejects.toThrow(/request\.training\.epochs = 0; expected an integer ≥ 1/);
    await expect(trainRequest({ data: path.join(data, 'nothing'), out })).rejects.toMatchObject({ code: 'DATA_MISSING', field: '--data' });
  });

  it('trains in the worker, reporting phase "train" batches done of all with an ETA, and the run events', async () => {
    const data = await toyData();
    const out = path.join(await tempDir(), 'run');
    const progress: Progress[] = [];
    const kinds = new Set<TrainEvent['kind']>();
    const summary = await train(tiny(data, out, 3), { onProgress: (p) => progress.push(p), onEvent: (e) => kinds.add(e.kind) });
    expect(summary).toMatchObject({ epochs: 3, maxEpochs: 3, backend: 'cpu', hidden: 3, resumes: 0 });
    expect(progress).toHaveLength(18);
    expect(progress.map((p) => p.done)).toEqual(Array.from({ length: 18 }, (_, i) => i + 1));
    for (const p of progress) {
      expect(p).toMatchObject({ phase: 'train', total: 18 });
      expect(p.etaSeconds).toBeGreaterThanOrEqual(0);
    }
    expect(progress.at(-1)?.etaSeconds).toBe(0);
    expect([...kinds]).toEqual(expect.arrayContaining(['backend', 'started', 'batch', 'epoch']));
  });

  it('an aborted signal ends the run with TrainingCancelled; resuming it completes the run', async () => {
    const data = await toyData();
    const out = path.join(await tempDir(), 'run');
    const controller = new AbortController();
    // Stop once two epochs (12 batches) are done, so a checkpoint exists to resume from.
    const cancelled = await train(tiny(data, out, 6), { signal: controller.signal, onProgress: (p) => p.done >= 12 && controller.abort() }).catch((err) => err);
    expect(cancelled).toBeInstanceOf(TrainingCancelled);
    expect((cancelled as TrainingCancelled).lastCheckpointEpoch).toBeGreaterThanOrEqual(2);
    const started: number[] = [];
    const summary = await train({ out, resume: true }, { onEvent: (e) => e.kind === 'started' && started.push(e.payload.resumedFromEpoch) });
    expect(started).toEqual([(cancelled as TrainingCancelled).lastCheckpointEpoch]);
    expect(summary).toMatchObject({ maxEpochs: 6, resumes: 1 });
  });

  it('refuses an out folder that already holds a run, before starting a worker', async () => {
    const data = await toyData();
    const out = path.join(await tempDir(), 'run');
    await train(tiny(data, out, 1));
    const progress: Progress[] = [];
    await expect(train(tiny(data, out, 1), { onProgress: (p) => progress.push(p) })).rejects.toMatchObject({ code: 'RUN_EXISTS', name: 'TrainingError' });
    expect(progress).toEqual([]);
  });
});
