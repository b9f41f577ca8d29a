import { stat } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { beforeAll, describe, expect, it } from 'vitest';
import { explain, EXPLAIN_DEFAULTS } from '../../src/app/explain.js';
import type { Progress } from '../../src/app/context.js';
import { saliencyResultDir } from '../../src/app/layout.js';
import { explainRun } from '../../src/jobs/explain-run.js';
import { BackendError } from '../../src/model/backend/errors.js';
import { scoreAgainstMasks } from '../../src/saliency/ground-truth.js';
import { readSaliencyResult } from '../../src/saliency/store.js';
import { groundTruthMasks } from '../../src/synth/masks.js';
import { isCancelled } from '../../src/util/cancel.js';
import { tempDir } from '../helpers/temp-tree.js';
import { tinyRun } from '../saliency/helpers/tiny-run.js';

let run: Awaited<ReturnType<typeof tinyRun>>;
beforeAll(async () => {
  run = await tinyRun();
}, 60_000);

describe('the explain operation', () => {
  it('selects the backend, computes, stores and scores against the planted boxes', async () => {
    const out = path.join(await tempDir(), 'grad');
    const progress: Progress[] = [];
    const result = await explain({ run: run.runDir, backend: 'cpu', batchSize: 7, maskedAccuracy: [0.1, 0.3], out }, { onProgress: (p) => progress.push(p) });

    expect(result.out).toBe(path.resolve(out));
    expect(result.backend).toMatchObject({ backend: 'cpu', requested: 'cpu' });
    expect(result.index).toMatchObject({ method: 'grad', samplesFrom: 'test', backend: 'cpu', params: { target: 'true', batchSize: 7 } });
    const stored = await readSaliencyResult(out);
    expect(stored.index.samples).toEqual(result.index.samples);
    expect(stored.maps.data).toEqual(result.maps.data);

    // The scores are those of the stored maps against the stored masks, not of something else.
    const masks = await groundTruthMasks(run.dataDir, stored.index.samples.map((s) => s.index));
    expect(result.groundTruth).toEqual(scoreAgainstMasks(stored.maps, masks!));
    expect(result.groundTruth!.samples).toBe(20);

    expect(result.maskedAccuracy?.ps).toEqual([0.1, 0.3]);
    expect(stored.index.maskedAccuracy).toEqual(result.maskedAccuracy);

    expect(new Set(progress.map((p) => p.phase))).toEqual(new Set(['saliency']));
    // The maps count samples (20); masked accuracy then counts its own passes.
    expect(progress).toContainEqual(expect.objectContaining({ done: 20, total: 20 }));
    expect(progress.at(-1)!.done).toBe(progress.at(-1)!.total);
  });

  it('writes to <run>/saliency/<method> unless told another folder, with the defaults of EXPLAIN_DEFAULTS', async () => {
    const result = await explain({ run: run.runDir, backend: 'cpu' });
    expect(result.out).toBe(path.resolve(saliencyResultDir(run.runDir, EXPLAIN_DEFAULTS.method)));
    expect((await readSaliencyResult(result.out)).index).toMatchObject({ method: 'grad', samplesFrom: 'test', params: { target: 'true', tsr: false } });
    expect(result.maskedAccuracy).toBeNull();
  });

  it('explains only the first samples when asked', async () => {
    const out = path.join(await tempDir(), 'first');
    const result = await explain({ run: run.runDir, backend: 'cpu', firstSamples: 3, out });
    expect(result.index.samples.map((s) => s.index)).toEqual([60, 61, 62]);
    expect(result.maps.samples).toBe(3);
    expect(result.groundTruth!.samples).toBe(3);
  });

  it('cancelled at the first progress, ends with Cancelled and writes nothing', async () => {
    const out = path.join(await tempDir(), 'stopped');
    const controller = new AbortController();
    const err = await explain(
      { run: run.runDir, backend: 'cpu', batchSize: 2, out },
      { signal: controller.signal, onProgress: () => controller.abort() },
    ).then(() => new Error('resolved'), (e: unknown) => e);
    expect(isCancelled(err)).toBe(true);
    await expect(stat(out)).rejects.toThrow(/ENOENT/);
  });
});

describe('explainRun', () => {
  // A fresh worker thread has a fresh TF.js with no backend selected and no gradients
  // registered: what a caller that never called selectBackend gets. Runs on the compiled
  // dist/ (`npx tsc -p tsconfig.json` first).
  it('computes maps in a fresh thread where selectBackend was never called', async () => {
    const module = pathToFileURL(path.resolve('dist/src/jobs/explain-run.js')).href;
    const code = `
      const { parentPort, workerData } = require('node:worker_threads');
      import(${JSON.stringify(module)})
        .then((m) => m.explainRun({ runDir: workerData, method: 'grad', samples: 'test', target: 'true', options: {} }, { batchSize: 10 }, 'cpu'))
        .then((r) => parentPort.postMessage({ samples: r.maps.samples, finite: r.maps.data.every(Number.isFinite), nonzero: r.maps.data.some((v) => v !== 0) }),
              (e) => parentPort.postMessage({ error: String(e && e.stack || e) }));
    `;
    const worker = new Worker(code, { eval: true, workerData: run.runDir });
    const reply = await new Promise((resolve, reject) => (worker.once('message', resolve), worker.once('error', reject)));
    await worker.terminate();
    expect(reply).toEqual({ samples: 20, finite: true, nonzero: true });
  });

  it('refuses to record a backend that is not the active one', async () => {
    const err = await explainRun({ runDir: run.runDir, method: 'grad', samples: 'test', target: 'true', options: {} }, { batchSize: 10 }, 'wasm').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BackendError);
    expect((err as BackendError).code).toBe('BACKEND_NOT_ACTIVE');
  });
});
