import * as tf from '@tensorflow/tfjs-core';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkpointDir, readLatestCheckpoint } from '../../src/jobs/checkpoint.js';
import { readModelDir } from '../../src/jobs/model-dir.js';
import { readMetrics } from '../../src/jobs/run-dir.js';
import { trainingSplits } from '../../src/jobs/splits.js';
import { TrainingCancelled } from '../../src/jobs/errors.js';
import type { TrainEvent, TrainSummary } from '../../src/jobs/types.js';
import { readDatasetCache } from '../../src/study/cache.js';
import { isCancelled } from '../../src/util/cancel.js';
import { tempDir } from '../helpers/temp-tree.js';
import { newRun, trainCollecting } from './helpers/run.js';
import { writeToyDataset } from './helpers/toy-dataset.js';

const spec = { counts: { train: [16, 8], test: [5, 5] }, window: 4, regions: 3 };

async function setup(training = {}) {
  const root = await tempDir();
  const data = await writeToyDataset(path.join(root, 'data'), spec);
  return { root, data, request: newRun(path.join(root, 'run'), data, training) };
}

const finalWeights = async (runDir: string) => (await readModelDir(path.join(runDir, 'final'))).weights;
const stripTimes = (lines: object[]) => lines.map((m) => ({ ...m, seconds: 0, etaSeconds: 0 }));

describe('training engine (in-process, linear test double, cpu backend)', () => {
  it('is deterministic: the same seed gives identical weights, another seed different ones', async () => {
    const a = await setup();
    const b = await setup();
    const c = await setup({ seed: 2 });
    await trainCollecting(a.request);
    await trainCollecting(b.request);
    await trainCollecting(c.request);
    const [wa, wb, wc] = await Promise.all([a, b, c].map((s) => finalWeights(s.request.runDir)));
    expect(wb).toEqual(wa);
    expect(wc['dense/kernel'].values).not.toEqual(wa['dense/kernel'].values);
    expect(stripTimes(await readMetrics(b.request.runDir))).toEqual(stripTimes(await readMetrics(a.request.runDir)));
  });

  it('reports training time no longer than the run really took (not counted twice across epochs)', async () => {
    const { request } = await setup({ epochs: 6 });
    const start = performance.now();
    const { summary } = await trainCollecting(request);
    const wall = (performance.now() - start) / 1000;
    expect(summary.wallSeconds).toBeGreaterThan(0);
    expect(summary.wallSeconds).toBeLessThanOrEqual(wall);
  });

  it('streams progress events in order: backend, started, then each epoch\'s batches, epoch and checkpoint', async () => {
    const { request } = await setup({ epochs: 3 });
    const { events, summary } = await trainCollecting(request);
    expect(summary.epochs).toBe(3);
    // By hand: 16 + 8 training samples, 10 % of each class carved for validation, rounded up
    // (2 of 16, 1 of 8) → 21 train, 3 validation; 21 at batch size 4 → 5 full batches + 1 of 1.
    const batchesPerEpoch = 6;
    const started = events[1];
    expect(events[0].kind).toBe('backend');
    expect(started.kind).toBe('started');
    if (started.kind !== 'started') return;
    expect(started.payload).toMatchObject({ resumedFromEpoch: 0, epochs: 3, trainSamples: 21, validationSamples: 3, validationSource: 'carved', testSamples: 10 });
    expect(started.payload.batchesPerEpoch).toBe(batchesPerEpoch);
    const expected: string[] = [];
    for (let e = 1; e <= 3; e++) {
      for (let b = 1; b <= batchesPerEpoch; b++) expected.push(`batch ${e}.${b}`);
      expected.push(`epoch ${e}`, `checkpoint ${e}`);
    }
    const seen = events.slice(2).map((ev) => (ev.kind === 'batch' ? `batch ${ev.payload.epoch}.${ev.payload.batch}` : `${ev.kind} ${(ev.payload as { epoch: number }).epoch}`));
    expect(seen).toEqual(expected);
    expect(events.flatMap((ev) => (ev.kind === 'batch' ? [ev.payload.batches] : []))).toEqual(Array(3 * batchesPerEpoch).fill(batchesPerEpoch));
    const etas = events.flatMap((ev) => (ev.kind === 'batch' ? [ev.payload.etaSeconds] : []));
    expect(etas.every((s) => s >= 0)).toBe(true);
    expect(etas.at(-1)).toBe(0);
  });

  it('leaks no tensors: the live count is flat across epochs and back to its start afterwards', async () => {
    const { request } = await setup({ epochs: 5 });
    const before = tf.memory().numTensors;
    const { events } = await trainCollecting(request);
    const live = events.flatMap((ev) => (ev.kind === 'epoch' ? [ev.payload.liveTensors] : []));
    expect(live).toHaveLength(5);
    expect(new Set(live).size).toBe(1);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('restores the best checkpoint and evaluates it, once, on the test split', async () => {
    const { request, data } = await setup({ epochs: 6, learningRate: 0.3 });
    const { summary: s } = await trainCollecting(request);
    const metrics = await readMetrics(request.runDir);
    const bestLoss = Math.min(...metrics.map((m) => m.valLoss));
    expect(s.bestEpoch).toBe(metrics.find((m) => m.valLoss === bestLoss)!.epoch);
    const best = await readModelDir(path.join(request.runDir, 'best'));
    expect(best.epoch).toBe(s.bestEpoch);
    expect(best.weights).toEqual((await readModelDir(checkpointDir(request.runDir, s.bestEpoch))).weights);
    expect((await readModelDir(path.join(request.runDir, 'final'))).epoch).toBe(6);
    // Independent reference: predictions of the best weights in float64, outside TF.js.
    const dataset = await readDatasetCache(data);
    const { test } = trainingSplits(dataset.samples, 1, 0.1);
    const confusion = [[0, 0], [0, 0]];
    for (const i of test) {
      const mean = [0, 1, 2].map((r) => [0, 1, 2, 3].reduce((sum, t) => sum + dataset.data[(i * 4 + t) * 3 + r], 0) / 4);
      const logit = [0, 1].map((c) => best.weights['dense/bias'].values[c] + mean.reduce((sum, m, r) => sum + m * best.weights['dense/kernel'].values[r * 2 + c], 0));
      confusion[dataset.samples[i].label][logit[1] > logit[0] ? 1 : 0]++;
    }
    expect(s.confusion).toEqual(confusion);
    expect(s.testAccuracy).toBeCloseTo((confusion[0][0] + confusion[1][1]) / test.length, 12);
    expect(s.valAccuracy).toBe(metrics[s.bestEpoch - 1].valAccuracy);
    const onDisk = JSON.parse(await readFile(path.join(request.runDir, 'summary.json'), 'utf8')) as TrainSummary;
    // The dataset is stored relative to the run folder, so the two can move together.
    expect(onDisk).toEqual({ ...s, dataset: path.relative(request.runDir, s.dataset) });
    expect(onDisk).toMatchObject({ model: 'lstm', attention: 'none', variant: 'mean', backend: 'cpu', epochs: 6, classes: ['class0', 'class1'] });
  });

  it('stops early once patience epochs bring no lower validation loss', async () => {
    // A large learning rate on few samples overfits quickly, so validation loss turns up.
    const { request } = await setup({ epochs: 40, learningRate: 2, patience: 2, batchSize: 2 });
    const { summary } = await trainCollecting(request);
    const metrics = await readMetrics(request.runDir);
    expect(summary.stoppedEarly).toBe(true);
    expect(metrics.length).toBe(summary.bestEpoch + 2);
    const best = metrics[summary.bestEpoch - 1].valLoss;
    expect(metrics.slice(summary.bestEpoch).every((m) => m.valLoss >= best)).toBe(true);
    expect(metrics.slice(0, summary.bestEpoch - 1).every((m) => m.valLoss > best)).toBe(true);
  });

  it('aborting the signal stops at the next batch with TrainingCancelled, keeping the last checkpoint; resuming then matches an uninterrupted run', async () => {
    const { request, data, root } = await setup({ epochs: 4 });
    const controller = new AbortController();
    const events: TrainEvent[] = [];
    let epochsSeen = 0;
    const error = await trainCollecting(request, {
      signal: controller.signal,
      onEvent: (e) => {
        events.push(e);
        if (e.kind === 'epoch') epochsSeen++;
        // Aborted after the first batch of epoch 3: the run stops before the second.
        if (e.kind === 'batch' && epochsSeen === 2) controller.abort();
      },
    }).catch((err: unknown) => err);
    expect(isCancelled(error)).toBe(true);
    expect(error).toBeInstanceOf(TrainingCancelled);
    expect((error as TrainingCancelled).lastCheckpointEpoch).toBe(2);
    expect(events.at(-1)).toMatchObject({ kind: 'batch', payload: { epoch: 3, batch: 1 } });
    const cp = await readLatestCheckpoint(request.runDir);
    expect(cp?.state.epoch).toBe(2);
    expect(await readdir(path.join(request.runDir))).not.toContain('summary.json');
    expect((await readMetrics(request.runDir)).map((m) => m.epoch)).toEqual([1, 2]);

    const resumed = await trainCollecting({ runDir: request.runDir, resume: true, backend: 'cpu' });
    expect(resumed.events[1]).toMatchObject({ kind: 'started', payload: { resumedFromEpoch: 2 } });
    expect(resumed.summary.epochs).toBe(4);

    const straight = newRun(path.join(root, 'straight'), data, { epochs: 4 });
    await trainCollecting(straight);
    expect(await finalWeights(request.runDir)).toEqual(await finalWeights(straight.runDir));
    expect(stripTimes(await readMetrics(request.runDir))).toEqual(stripTimes(await readMetrics(straight.runDir)));
  });

  it('resuming a finished run returns its summary without training again', async () => {
    const { request } = await setup({ epochs: 2 });
    const first = await trainCollecting(request);
    const again = await trainCollecting({ runDir: request.runDir, resume: true, backend: 'cpu' });
    expect(again.summary).toEqual(first.summary);
    expect(again.events).toEqual([]);
  });

  it('refuses to start a new run over an existing one, and to resume where there is none', async () => {
    const { request, root } = await setup({ epochs: 1 });
    await trainCollecting(request);
    await expect(trainCollecting(request)).rejects.toMatchObject({ code: 'RUN_EXISTS' });
    await expect(trainCollecting({ runDir: path.join(root, 'nothing'), resume: true, backend: 'cpu' })).rejects.toMatchObject({ code: 'RUN_CONFIG' });
  });
});
